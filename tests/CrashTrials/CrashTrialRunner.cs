using System.Diagnostics;
using System.Globalization;

namespace AnnuaireFiliere.CrashTrials;

public sealed record CrashTrialOptions
{
    /// <summary>Trials over all scenarios, shared by their weights (at least one each).</summary>
    public int Trials { get; init; } = 200;

    public int Seed { get; init; } = 15;

    /// <summary>Demo companies in the template data folder.</summary>
    public int Companies { get; init; } = 2000;

    /// <summary>Only these scenarios (by name); all when empty.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>Trial folders that broke nothing are deleted; these are kept for a look.</summary>
    public bool KeepFolders { get; init; }

    /// <summary>
    /// Verify the index with the real <c>Indexer verify</c> process after each kill; otherwise the same calls are made
    /// in the harness's process (<see cref="CoreServices.VerifyAsync"/>), which saves a process start per trial.
    /// </summary>
    public bool VerifyWithIndexer { get; init; }
}

public sealed record ScenarioReport(string Name, string ProgressUnit, IReadOnlyList<TrialOutcome> Trials, double PrepareMs)
{
    public int Violations => Trials.Sum(t => t.Violations.Count);
}

/// <summary>Runs the scenarios' trials one after the other (victims are processes: no two at once on the same files) and prints what they found.</summary>
public static class CrashTrialRunner
{
    public static IReadOnlyList<CrashScenario> All { get; } =
    [
        new SiteWritesScenario(),
        new IndexerRunScenario(),
        new ReindexScenario(),
        new ImportScenario(),
        new SnapshotScenario(),
        new OpenDataScenario(),
    ];

    public static async Task<IReadOnlyList<ScenarioReport>> RunAsync(CrashTrialOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var scenarios = All.Where(s => options.Only.Count == 0 || options.Only.Contains(s.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        var root = Path.Combine(Path.GetTempPath(), "annuaire-crash-trials", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var reports = new List<ScenarioReport>();
        try
        {
            var context = await PrepareTemplateAsync(root, options, log, cancellationToken);
            var weights = scenarios.Sum(s => s.Weight);
            foreach (var scenario in scenarios)
            {
                var trials = Math.Max(1, (int)Math.Round(options.Trials * scenario.Weight / weights));
                // Deterministic per scenario (not HashCode, which is seeded per process): a seed replays the same kill delays.
                var random = new Random(unchecked((options.Seed * 31) + All.ToList().IndexOf(scenario)));
                var prepared = Stopwatch.GetTimestamp();
                await scenario.PrepareAsync(context, cancellationToken);
                var prepareMs = Stopwatch.GetElapsedTime(prepared).TotalMilliseconds;
                var outcomes = new List<TrialOutcome>();
                for (var trial = 1; trial <= trials; trial++)
                {
                    var outcome = await scenario.RunTrialAsync(context, trial, random, cancellationToken);
                    outcomes.Add(outcome);
                    foreach (var violation in outcome.Violations)
                    {
                        log.WriteLine($"  VIOLATION {scenario.Name} #{trial} ({outcome.Phase}, {outcome.Progress:0} {scenario.ProgressUnit}): {violation}");
                    }
                    if (outcome.Violations.Count == 0 && !options.KeepFolders)
                    {
                        Tools.TryDelete(Path.Combine(root, $"{scenario.Name}-{trial:000}"));
                    }
                }
                var report = new ScenarioReport(scenario.Name, scenario.ProgressUnit, outcomes, prepareMs);
                reports.Add(report);
                log.WriteLine(Describe(report));
            }
            log.WriteLine(Summary(reports));
            return reports;
        }
        finally
        {
            if (!options.KeepFolders && reports.All(r => r.Violations == 0))
            {
                Tools.TryDelete(root);
            }
            else
            {
                log.WriteLine($"Trial folders kept under {root}");
            }
        }
    }

    /// <summary>A data folder seeded and indexed by the real Indexer, copied for each trial.</summary>
    private static async Task<TrialContext> PrepareTemplateAsync(string root, CrashTrialOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var companies = options.Companies;
        var template = Path.Combine(root, "template");
        var seed = await Tools.IndexerAsync(cancellationToken, "seed", "--count", companies.ToString(CultureInfo.InvariantCulture), "--data", template);
        var reindex = seed.ExitCode == 0 ? await Tools.IndexerAsync(cancellationToken, "reindex", "--data", template) : seed;
        if (reindex.ExitCode != 0)
        {
            throw new InvalidOperationException($"could not prepare the template data folder: {reindex.Output}");
        }
        log.WriteLine($"Index checked after each kill by {(options.VerifyWithIndexer ? "the Indexer's verify process" : "verify's calls in the harness's process")}");
        log.WriteLine($"Template: {companies} demo companies seeded in {seed.Milliseconds / 1000:0.0} s, indexed in {reindex.Milliseconds / 1000:0.0} s ({template})");
        return new TrialContext(root, template, companies, options.VerifyWithIndexer);
    }

    public static string Describe(ScenarioReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var trials = report.Trials;
        var killed = trials.Count(t => t.Killed);
        var phases = string.Join(", ", trials.GroupBy(t => t.Phase).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));
        var progress = trials.Select(t => t.Progress).ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"""
            {report.Name}: {trials.Count} trials, {killed} killed mid-run ({trials.Count - killed} had ended before the kill), violations {report.Violations}
              kill points: {phases}; {report.ProgressUnit} at the kill: min {progress.Min():0}, median {Median(progress):0}, max {progress.Max():0}
              victim ran (ms): median {Median(trials.Select(t => t.VictimMs)):0}, max {trials.Max(t => t.VictimMs):0}; checks (ms): median {Median(trials.Select(t => t.CheckMs)):0}, max {trials.Max(t => t.CheckMs):0}; prepare {report.PrepareMs:0} ms
            """);
    }

    public static string Summary(IReadOnlyList<ScenarioReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var lines = new List<string> { "| scenario | trials | killed mid-run | kill points (phase) | progress at kill: min / median / max | violations | victim median ms | checks median ms |", "|---|---:|---:|---|---|---:|---:|---:|" };
        foreach (var report in reports)
        {
            var t = report.Trials;
            var progress = t.Select(x => x.Progress).ToList();
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {report.Name} | {t.Count} | {t.Count(x => x.Killed)} | {string.Join(", ", t.GroupBy(x => x.Phase).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"))} | {progress.Min():0} / {Median(progress):0} / {progress.Max():0} {report.ProgressUnit} | {report.Violations} | {Median(t.Select(x => x.VictimMs)):0} | {Median(t.Select(x => x.CheckMs)):0} |"));
        }
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"Total: {reports.Sum(r => r.Trials.Count)} trials, {reports.Sum(r => r.Violations)} violations"));
        return string.Join(Environment.NewLine, lines);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[(sorted.Length - 1) / 2];
    }
}
