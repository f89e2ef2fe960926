using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AnnuaireFiliere.CrashTrials;

/// <summary>
/// B. <c>Indexer run</c> (the standalone indexing loop, health on a loopback port) killed while it indexes: the
/// harness keeps changing companies (a version bump and its indexing task, as the site's save writes them) while
/// it runs. After each kill: integrity, and the index equal to the published companies after a catch-up.
/// </summary>
internal sealed class IndexerRunScenario : CrashScenario
{
    private const int MaxWrites = 2_000;

    public override string Name => "indexer-run";

    public override string ProgressUnit => "changes written meanwhile";

    public override async Task<TrialOutcome> RunTrialAsync(TrialContext context, int trial, Random random, CancellationToken cancellationToken)
    {
        var data = context.FreshData(Name, trial);
        // Some work waiting at the start: the loop catches up, then follows.
        Change(data, random.Next(50, 400));
        using var victim = Victim.Start(Builds.IndexerDll, ["run", "--data", data, "--health-urls", $"http://127.0.0.1:{FreePort()}"]);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writes = Task.Run(async () =>
        {
            var written = 0;
            while (!stop.IsCancellationRequested && written < MaxWrites)
            {
                Change(data, 5);
                written += 5;
                await Task.Delay(20, CancellationToken.None);
            }
            return written;
        }, CancellationToken.None);
        var killed = await KillAtRandomAsync(victim, random, "127.0.0.1", 3000, cancellationToken);
        await stop.CancelAsync();
        var written = await writes;
        var victimMs = victim.ElapsedMs;
        var phase = !killed ? "ended by itself" : victim.Output.Contains("127.0.0.1", StringComparison.Ordinal) ? "indexing" : "starting";

        var checks = Stopwatch.StartNew();
        var violations = new List<string>();
        if (!killed)
        {
            violations.Add($"run ended by itself ({victim.ExitCode}): {Tail(victim.Output)}");
        }
        await CheckDatabaseAndIndexAsync(context, data, violations, cancellationToken);
        return new TrialOutcome(phase, written, killed, victimMs, checks.Elapsed.TotalMilliseconds, violations);
    }

    /// <summary>Bumps <paramref name="count"/> published companies' version with their indexing task, in one transaction.</summary>
    private static void Change(string data, int count)
    {
        using var connection = Tools.Open(data);
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"""
            CREATE TEMP TABLE IF NOT EXISTS picked (Id TEXT);
            DELETE FROM picked;
            INSERT INTO picked SELECT Id FROM Companies WHERE Status = 'Published' ORDER BY random() LIMIT {count};
            UPDATE Companies SET Version = Version + 1, UpdatedAt = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE Id IN (SELECT Id FROM picked);
            INSERT INTO IndexingTasks (CompanyId, Reason, CompanyVersion, CreatedAt)
                SELECT Id, 'Updated', Version, strftime('%Y-%m-%d %H:%M:%f', 'now') FROM Companies WHERE Id IN (SELECT Id FROM picked);
            """);
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
