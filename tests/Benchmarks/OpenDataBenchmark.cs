extern alias Web;

using System.Diagnostics;
using System.IO.Compression;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Demo;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OpenDataWriter = Web::AnnuaireFiliere.Web.Features.OpenData.OpenDataWriter;

namespace AnnuaireFiliere.Benchmarks;

/// <summary>
/// Time and memory of one daily open-data extract (<c>/donnees</c>: CSV, JSON, typology, datapackage.json) over a
/// database of <c>--count</c> demo companies, <c>--runs</c> times.
/// </summary>
internal static class OpenDataBenchmark
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var count = options.Int("count", 100_000);
        var runs = options.Int("runs", 3);
        var folder = Path.Combine(Path.GetTempPath(), "annuaire-bench", Guid.NewGuid().ToString("N"));
        try
        {
            Console.WriteLine($"donnees: {count:N0} companies; {runs} runs; {Environment.ProcessorCount} cores");
            using var host = SearchBenchmark.CreateHost(folder);
            await using (var scope = host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            }
            var seeding = Stopwatch.StartNew();
            await host.Services.GetRequiredService<DemoSeeder>().SeedAsync(count, 2014);
            Console.WriteLine($"seeded in {seeding.Elapsed.TotalSeconds:0.0} s");
            var writer = new OpenDataWriter(host.Services.GetRequiredService<IServiceScopeFactory>(), host.Services.GetRequiredService<TaxonomyCatalog>(), () => "https://annuaire.nc",
                slug => "/entreprises/" + slug);
            var reading = Stopwatch.StartNew();
            var read = 0;
            var readAllocated = GC.GetTotalAllocatedBytes(precise: true);
            await foreach (var _ in writer.PublishedAsync(CancellationToken.None))
            {
                read++;
            }
            Console.WriteLine($"reading alone: {read:N0} in {reading.Elapsed.TotalSeconds:0.00} s; allocated {(GC.GetTotalAllocatedBytes(precise: true) - readAllocated) / (1024d * 1024d):N0} MB");
            for (var run = 1; run <= runs; run++)
            {
                var output = Path.Combine(folder, "donnees-" + run);
                Directory.CreateDirectory(output);
                GC.Collect();
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var watch = Stopwatch.StartNew();
                var written = await writer.WriteAsync(output, DateOnly.FromDateTime(DateTime.UtcNow), DateTimeOffset.UtcNow, CancellationToken.None);
                watch.Stop();
                var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (1024d * 1024d);
                var sizes = string.Join(", ", Directory.GetFiles(output).Order(StringComparer.Ordinal)
                    .Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length / (1024d * 1024d):0.0} MB"));
                Console.WriteLine($"run {run}: {written:N0} published companies in {watch.Elapsed.TotalSeconds:0.00} s; " +
                    $"allocated {allocated:N0} MB; peak working set {Environment.WorkingSet / (1024d * 1024d):N0} MB; {sizes}");
            }
            // The gzip copies' level (OpenDataWriter.GzipLevel): each level on the last run's two big files, one after the other.
            foreach (var level in new[] { CompressionLevel.Fastest, CompressionLevel.Optimal, CompressionLevel.SmallestSize })
            {
                foreach (var file in new[] { OpenDataWriter.CompaniesCsv, OpenDataWriter.CompaniesJson })
                {
                    var source = Path.Combine(folder, "donnees-" + runs, file);
                    var target = Path.Combine(folder, "niveau.gz");
                    var watch = Stopwatch.StartNew();
                    await using (var input = File.OpenRead(source))
                    await using (var output = File.Create(target))
                    await using (var gzip = new GZipStream(output, level))
                    {
                        await input.CopyToAsync(gzip);
                    }
                    Console.WriteLine($"gzip {level}: {file} {new FileInfo(source).Length / (1024d * 1024d):0.0} MB -> " +
                        $"{new FileInfo(target).Length / (1024d * 1024d):0.0} MB in {watch.Elapsed.TotalSeconds:0.00} s");
                    File.Delete(target);
                }
            }
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
