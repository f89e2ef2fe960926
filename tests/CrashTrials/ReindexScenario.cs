using System.Diagnostics;

namespace AnnuaireFiliere.CrashTrials;

/// <summary>
/// B. <c>Indexer reindex</c> killed mid-rebuild (kills spread over the time a whole reindex takes, measured first).
/// After each kill: integrity, and the index equal to the published companies after a catch-up.
/// </summary>
internal sealed class ReindexScenario : CrashScenario
{
    private double _fullMs;

    public override string Name => "indexer-reindex";

    public override string ProgressUnit => "% of a whole reindex's time";

    public override async Task PrepareAsync(TrialContext context, CancellationToken cancellationToken)
    {
        var data = context.FreshData(Name, 0);
        var full = await Tools.IndexerAsync(cancellationToken, "reindex", "--data", data);
        _fullMs = full.ExitCode == 0 ? full.Milliseconds : throw new InvalidOperationException(full.Output);
        Tools.TryDelete(data);
    }

    public override async Task<TrialOutcome> RunTrialAsync(TrialContext context, int trial, Random random, CancellationToken cancellationToken)
    {
        var data = context.FreshData(Name, trial);
        using var victim = Victim.Start(Builds.IndexerDll, ["reindex", "--data", data]);
        var killed = await victim.KillAfterAsync(Delay(random, 100, _fullMs * 1.1), cancellationToken);
        var victimMs = victim.ElapsedMs;
        var share = 100 * victimMs / _fullMs;
        var phase = !killed ? "ended by itself" : share < 50 ? "first half" : "second half";

        var checks = Stopwatch.StartNew();
        var violations = new List<string>();
        if (!killed && victim.ExitCode != 0)
        {
            violations.Add($"reindex failed ({victim.ExitCode}): {Tail(victim.Output)}");
        }
        await CheckDatabaseAndIndexAsync(context, data, violations, cancellationToken);
        return new TrialOutcome(phase, share, killed, victimMs, checks.Elapsed.TotalMilliseconds, violations);
    }
}
