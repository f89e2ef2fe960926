using System.Diagnostics;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AnnuaireFiliere.Benchmarks;

/// <summary>Demo data throughput: companies written per second into a fresh SQLite file, and the time per batch.</summary>
internal static class SeedBenchmark
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var count = options.Int("count", 100_000);
        var runs = options.Int("runs", 3);
        var batchSize = options.Int("batch-size", DemoSeeder.DefaultBatchSize);
        Console.WriteLine($"seed: {count:N0} companies, {runs} run(s), batches of {batchSize:N0}, {Environment.ProcessorCount} cores");

        var throughputs = new List<double>();
        var batchMilliseconds = new List<double>();
        foreach (var run in Enumerable.Range(1, runs))
        {
            var folder = Path.Combine(Path.GetTempPath(), "annuaire-bench", Guid.NewGuid().ToString("N"));
            try
            {
                using var host = CreateHost(folder);
                await using (var scope = host.Services.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
                }
                var stopwatch = Stopwatch.StartNew();
                var last = TimeSpan.Zero;
                var progress = new SynchronousProgress(_ =>
                {
                    batchMilliseconds.Add((stopwatch.Elapsed - last).TotalMilliseconds);
                    last = stopwatch.Elapsed;
                });
                await host.Services.GetRequiredService<DemoSeeder>().SeedAsync(count, 2014, progress, batchSize);
                var seconds = stopwatch.Elapsed.TotalSeconds;
                throughputs.Add(count / seconds);
                var size = new FileInfo(Path.Combine(folder, "annuaire.db")).Length;
                Console.WriteLine($"  run {run}: {seconds:0.00} s, {count / seconds:N0} companies/s, database {size / 1024.0 / 1024.0:0.0} MiB, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:0} MiB");
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }
        Console.WriteLine($"throughput companies/s: median {Stats.Median(throughputs):N0}, min {throughputs.Min():N0}");
        Console.WriteLine($"batch of {batchSize:N0} (ms): median {Stats.Median(batchMilliseconds):0.0}, p95 {Stats.Percentile(batchMilliseconds, 95):0.0}");
        return 0;
    }

    private static IHost CreateHost(string folder)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = folder });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddAppDatabase();
        builder.AddDemoData();
        return builder.Build();
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and blur the timings).</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
