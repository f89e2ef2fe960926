using System.Diagnostics;
using System.Globalization;

namespace AnnuaireFiliere.CrashTrials;

/// <summary>
/// A. Embedded site writes. The victim is this project's <c>worker site-writes</c>: the site's Core services (SQLite,
/// Lucene, the indexing loop in process) saving profile edits through <c>CompanyLifecycle.SaveEditAsync</c>, as the
/// edit page does. Not through HTTP: no Kestrel, no page, no antiforgery; what is tested is the life cycle, the
/// DbContext, SQLite and the embedded index under SIGKILL. After each kill: integrity, every acknowledged
/// (company, version) saved with at least that version, and the index equal to the published companies after a
/// catch-up (<c>Indexer verify</c>).
/// </summary>
internal sealed class SiteWritesScenario : CrashScenario
{
    public override string Name => "site-writes";

    public override string ProgressUnit => "saves acknowledged";

    public override async Task<TrialOutcome> RunTrialAsync(TrialContext context, int trial, Random random, CancellationToken cancellationToken)
    {
        var data = context.FreshData(Name, trial);
        using var victim = Victim.Start(Builds.WorkerDll, ["worker", "site-writes", "--data", data, "--seed", random.Next().ToString(CultureInfo.InvariantCulture)]);
        var killed = await KillAtRandomAsync(victim, random, "READY", 5000, cancellationToken, busy: "ACK ");
        var victimMs = victim.ElapsedMs;
        var lines = victim.Lines;
        var acks = lines.Where(l => l.StartsWith("ACK ", StringComparison.Ordinal)).Select(l => l.Split(' ')).Select(p => (Id: Guid.Parse(p[1]), Version: int.Parse(p[2], CultureInfo.InvariantCulture))).ToList();
        var phase = !killed ? "ended by itself" : acks.Count > 0 ? "saving" : lines.Contains("READY") ? "ready, no save yet" : "starting";

        var checks = Stopwatch.StartNew();
        var violations = new List<string>();
        if (!killed && victim.ExitCode != 0)
        {
            violations.Add($"worker failed ({victim.ExitCode}): {Tail(victim.Output)}");
        }
        var versions = Tools.Rows(data, "SELECT Id, Version FROM Companies", r => (Id: Guid.Parse(r.GetString(0)), Version: r.GetInt32(1))).ToDictionary(r => r.Id, r => r.Version);
        foreach (var (id, version) in acks.GroupBy(a => a.Id).Select(g => (g.Key, g.Max(a => a.Version))))
        {
            if (!versions.TryGetValue(id, out var saved) || saved < version)
            {
                violations.Add($"acknowledged {id} v{version}, database has {(versions.TryGetValue(id, out var v) ? "v" + v : "nothing")}");
            }
        }
        await CheckDatabaseAndIndexAsync(context, data, violations, cancellationToken);
        return new TrialOutcome(phase, acks.Count, killed, victimMs, checks.Elapsed.TotalMilliseconds, violations);
    }
}
