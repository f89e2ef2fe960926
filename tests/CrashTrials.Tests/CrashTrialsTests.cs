namespace AnnuaireFiliere.CrashTrials.Tests;

/// <summary>
/// Real processes (the Indexer as built, the harness's own workers) killed with SIGKILL at random moments, and the
/// invariants checked after each kill (docs/CRASH-TRIALS.md). One trial of every scenario, with a seed from the
/// clock printed so that a failure can be replayed with the benchmark runner (<c>crash --seed N</c>); the index is
/// checked by the real <c>Indexer verify</c> after each kill.
/// </summary>
public sealed class CrashTrialsTests
{
    [Fact]
    public async Task Nothing_is_lost_or_corrupted_when_processes_are_killed_at_random_moments()
    {
        var seed = Environment.GetEnvironmentVariable("CRASH_TRIALS_SEED") is { } fixedSeed ? int.Parse(fixedSeed, System.Globalization.CultureInfo.InvariantCulture)
            : (int)(DateTime.UtcNow.Ticks % 100_000);
        var log = new StringWriter();
        log.WriteLine($"seed {seed}");
        var reports = await CrashTrialRunner.RunAsync(new CrashTrialOptions { Trials = 6, Seed = seed, Companies = 300, VerifyWithIndexer = true }, log, TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(log.ToString());

        Assert.Equal(CrashTrialRunner.All.Count, reports.Count);
        Assert.All(reports, report => Assert.NotEmpty(report.Trials));
        Assert.True(reports.Sum(r => r.Violations) == 0, log.ToString());
    }
}
