using System.Diagnostics;
using AnnuaireFiliere.Core.Statistics;

namespace AnnuaireFiliere.CrashTrials;

/// <summary>
/// C. <c>Indexer snapshot</c> killed at random moments, on one data folder for all the trials (snapshots pile up).
/// After each kill: integrity, and every stored snapshot decodes (<see cref="FactsCodec.Decode"/>) to as many
/// companies as its row says; a snapshot the victim reported taken is there.
/// </summary>
internal sealed class SnapshotScenario : CrashScenario
{
    private double _fullMs;
    private string _data = string.Empty;

    public override string Name => "indexer-snapshot";

    public override string ProgressUnit => "% of a whole snapshot's time";

    public override async Task PrepareAsync(TrialContext context, CancellationToken cancellationToken)
    {
        _data = context.FreshData(Name, 0);
        var full = await Tools.IndexerAsync(cancellationToken, "snapshot", "--data", _data);
        _fullMs = full.ExitCode == 0 ? full.Milliseconds : throw new InvalidOperationException(full.Output);
    }

    public override async Task<TrialOutcome> RunTrialAsync(TrialContext context, int trial, Random random, CancellationToken cancellationToken)
    {
        var before = Tools.Scalar(_data, "SELECT COUNT(*) FROM StatisticsSnapshots");
        using var victim = Victim.Start(Builds.IndexerDll, ["snapshot", "--data", _data]);
        var killed = await victim.KillAfterAsync(Delay(random, 100, _fullMs * 1.1), cancellationToken);
        var victimMs = victim.ElapsedMs;

        var checks = Stopwatch.StartNew();
        var violations = new List<string>();
        var integrity = Tools.IntegrityCheck(_data);
        if (integrity != "ok")
        {
            violations.Add($"integrity_check: {integrity}");
        }
        var rows = Tools.Rows(_data, "SELECT Id, Companies, Facts FROM StatisticsSnapshots", r => (Id: r.GetString(0), Companies: r.GetInt32(1), Facts: (byte[])r.GetValue(2)));
        foreach (var (id, companies, facts) in rows)
        {
            try
            {
                var decoded = FactsCodec.Decode(facts);
                if (decoded.Count != companies)
                {
                    violations.Add($"snapshot {id}: {decoded.Count} companies decoded, {companies} recorded");
                }
            }
            catch (Exception failed) when (failed is not OperationCanceledException)
            {
                violations.Add($"snapshot {id} does not decode: {failed.Message}");
            }
        }
        var stored = rows.Count > before;
        if (!killed && (victim.ExitCode != 0 || !stored))
        {
            violations.Add($"snapshot ended ({victim.ExitCode}) without a new snapshot stored: {Tail(victim.Output)}");
        }
        var phase = !killed ? "ended by itself" : stored ? "killed after the commit" : "killed before the commit";
        return new TrialOutcome(phase, 100 * victimMs / _fullMs, killed, victimMs, checks.Elapsed.TotalMilliseconds, violations);
    }
}
