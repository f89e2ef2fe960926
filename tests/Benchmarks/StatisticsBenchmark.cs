using System.Diagnostics;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Demo;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Statistics;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Benchmarks;

/// <summary>
/// The statistics engine alone over <c>--count</c> demo companies: reading every company's facts, the change stamp,
/// counting segments (the whole directory, one filter, three filters), encoding and decoding a snapshot.
/// </summary>
internal static class StatisticsBenchmark
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var count = options.Int("count", 100_000);
        var iterations = options.Int("iterations", 50);
        var folder = Path.Combine(Path.GetTempPath(), "annuaire-bench", Guid.NewGuid().ToString("N"));
        try
        {
            Console.WriteLine($"statistics: {count:N0} companies; {iterations} runs each; {Environment.ProcessorCount} cores");
            using var host = SearchBenchmark.CreateHost(folder);
            await using (var scope = host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            }
            await host.Services.GetRequiredService<DemoSeeder>().SeedAsync(count, 2014);
            var taxonomy = host.Services.GetRequiredService<TaxonomyCatalog>();

            FactTable facts = new();
            SearchBenchmark.Report("reading the facts", await SearchBenchmark.TimeAsync(Math.Min(iterations, 5), async _ =>
            {
                await using var scope = host.Services.CreateAsyncScope();
                facts = await CompanyFactsSource.LoadAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), taxonomy);
                return facts.Count;
            }));
            SearchBenchmark.Report("   companies query without lists", await SearchBenchmark.TimeAsync(Math.Min(iterations, 3), async _ =>
            {
                await using var scope = host.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                return (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                    db.Companies.Select(c => new { c.Id, c.Status, c.PrimaryActivityCode, c.CommuneCode, c.SizeBandCode, c.LegalFormCode, c.FoundingYear, c.ECommerce.B2B, c.PublishedAt, c.LastConfirmedAt }))).Count;
            }));
            SearchBenchmark.Report("   of which the secondary activities", await SearchBenchmark.TimeAsync(Math.Min(iterations, 3), async _ =>
            {
                await using var scope = host.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                return (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.CompanyActivities.Select(a => new { a.CompanyId, a.ActivityCode }))).Count;
            }));
            SearchBenchmark.Report("change stamp", await SearchBenchmark.TimeAsync(iterations, async _ =>
            {
                await using var scope = host.Services.CreateAsyncScope();
                return await CompanyFactsSource.StampAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
            }));
            var now = DateTime.UtcNow;
            foreach (var (name, segment) in new (string, SearchRequest)[]
            {
                ("whole directory", new SearchRequest()),
                ("one province", new SearchRequest { Provinces = ["sud"] }),
                ("sector + province + size", new SearchRequest { Sectors = ["S05"], Provinces = ["sud"], SizeBands = ["1-9"] }),
                ("one sector in the islands", new SearchRequest { Sectors = ["S05"], Provinces = ["iles"] }),
                ("one commune", new SearchRequest { Communes = ["98811"] }),
            })
            {
                // Analysts get exact counts; the public's figures go through disclosure control as well.
                foreach (var audience in new[] { StatisticsAudience.Analyst, StatisticsAudience.Public })
                {
                    var withheld = 0;
                    var timings = await SearchBenchmark.TimeAsync(iterations, _ =>
                    {
                        var report = StatisticsCalculator.Compute(facts, segment, audience, now, taxonomy);
                        withheld = report.Distributions.Sum(d => d.Rows.Count(r => r.Cell.Suppressed)) + report.CrossTabs.Sum(t => t.Cells.Sum(r => r.Count(c => c.Suppressed)));
                        return Task.FromResult(report.Total);
                    });
                    SearchBenchmark.Report($"count ({audience.ToString().ToLowerInvariant()}): {name}, {withheld} withheld", timings);
                }
            }
            byte[] encoded = [];
            SearchBenchmark.Report("snapshot: encode", await SearchBenchmark.TimeAsync(Math.Min(iterations, 10), _ => Task.FromResult((encoded = FactsCodec.Encode(facts)).Length)));
            Console.WriteLine($"snapshot size: {encoded.Length / 1024.0:0} KiB ({(double)encoded.Length / facts.Count:0.0} bytes a company)");
            SearchBenchmark.Report("snapshot: decode", await SearchBenchmark.TimeAsync(Math.Min(iterations, 10), _ => Task.FromResult(FactsCodec.Decode(encoded).Count)));
            GC.Collect();
            var before = GC.GetTotalMemory(true);
            var held = FactsCodec.Decode(encoded);
            Console.WriteLine($"facts in memory: {(GC.GetTotalMemory(true) - before) / 1048576.0:0} MiB for {held.Count:N0} companies");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        return 0;
    }
}
