using AnnuaireFiliere.CrashTrials;

namespace AnnuaireFiliere.Benchmarks;

/// <summary>
/// <c>crash</c>: the crash trials (tests/CrashTrials, docs/CRASH-TRIALS.md): real processes killed with SIGKILL at
/// random moments, the invariants checked after each kill. Exit code 1 when any was broken.
/// </summary>
internal static class CrashBenchmark
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var crash = new CrashTrialOptions
        {
            Trials = options.Int("trials", 200),
            Seed = options.Int("seed", 15),
            Companies = options.Int("companies", 2000),
            Only = options.Values.TryGetValue("only", out var only) ? only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [],
            KeepFolders = options.Int("keep", 0) == 1,
            VerifyWithIndexer = options.Values.GetValueOrDefault("verify") == "process",
        };
        Console.WriteLine($"crash: {crash.Trials} trials, seed {crash.Seed}, {crash.Companies} companies; {Environment.ProcessorCount} cores");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var reports = await CrashTrialRunner.RunAsync(crash, Console.Out);
        Console.WriteLine($"whole run: {started.Elapsed.TotalMinutes:0.0} min");
        return reports.Sum(r => r.Violations) == 0 ? 0 : 1;
    }
}
