using System.Diagnostics;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Demo;
using AnnuaireFiliere.Core.Indexing;
using AnnuaireFiliere.Core.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AnnuaireFiliere.Benchmarks;

/// <summary>
/// Embedded search at several sizes: rebuild throughput, latency of a fixed query mix (p50/p95), freshness
/// (save → searchable), memory, and the naive EF Core LIKE + GROUP BY approach side by side.
/// </summary>
internal static class SearchBenchmark
{
    private static readonly string[] Texts = ["développement web", "cybersécurité", "logiciel de gestion", "photographie", "formation numérique", "agence communication", "informatique", "cloud", "maintenance", "fibre optique"];
    private static readonly string[] Prefixes = ["dév", "cag", "inf", "cl", "for", "pho", "lag", "sécu", "rés", "web"];

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var sizes = (options.Values.GetValueOrDefault("sizes") ?? "10000,100000").Split(",").Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var iterations = options.Int("iterations", 300);
        var naiveUpTo = options.Int("naive-up-to", 100_000);
        Console.WriteLine($"search: sizes {string.Join(", ", sizes.Select(s => s.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))}; {iterations} iterations per query kind; {Environment.ProcessorCount} cores");
        foreach (var size in sizes)
        {
            await RunSizeAsync(size, iterations, size <= naiveUpTo, options.Int("per-text", 0) == 1);
        }
        return 0;
    }

    private static async Task RunSizeAsync(int size, int iterations, bool withNaive, bool perText)
    {
        var folder = Path.Combine(Path.GetTempPath(), "annuaire-bench", Guid.NewGuid().ToString("N"));
        try
        {
            using var host = CreateHost(folder);
            await using (var scope = host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            }
            var seed = Stopwatch.StartNew();
            await host.Services.GetRequiredService<DemoSeeder>().SeedAsync(size, 2014);
            Console.WriteLine($"\n## {size:N0} companies (seeded in {seed.Elapsed.TotalSeconds:0.0} s)");

            var loading = Stopwatch.StartNew();
            var counter = new CountingIndex();
            await new IndexingPipeline(host.Services.GetRequiredService<IServiceScopeFactory>(), counter, host.Services.GetRequiredService<AnnuaireFiliere.Core.Taxonomy.TaxonomyCatalog>(),
                host.Services.GetRequiredService<IOptions<IndexingOptions>>(), host.Services.GetRequiredService<IndexingMetrics>(), host.Services.GetRequiredService<ILogger<IndexingPipeline>>()).RebuildAsync();
            Console.WriteLine($"reading the projection alone: {counter.Count:N0} documents in {loading.Elapsed.TotalSeconds:0.00} s");
            var pipeline = host.Services.GetRequiredService<IndexingPipeline>();
            var index = host.Services.GetRequiredService<ISearchIndex>();
            var rebuild = Stopwatch.StartNew();
            await pipeline.RebuildAsync();
            var documents = (await index.GetStateAsync()).Documents;
            Console.WriteLine($"rebuild: {documents:N0} documents in {rebuild.Elapsed.TotalSeconds:0.00} s = {documents / rebuild.Elapsed.TotalSeconds:N0} companies/s");
            GC.Collect();
            Console.WriteLine($"memory after rebuild: managed heap {GC.GetTotalMemory(true) / 1048576.0:0} MiB, working set {Process.GetCurrentProcess().WorkingSet64 / 1048576.0:0} MiB");

            var search = host.Services.GetRequiredService<ICompanySearch>();
            var mix = new (string Name, Func<int, SearchRequest> Request)[]
            {
                ("text only", i => new SearchRequest { Text = Texts[i % Texts.Length] }),
                ("text + 2 filters", i => new SearchRequest { Text = Texts[i % Texts.Length], Communes = ["98818"], SizeBands = [i % 2 == 0 ? "1-9" : "10-49"] }),
                ("filters only", i => new SearchRequest { Sectors = [$"S{1 + i % 11:00}"], Provinces = ["sud"] }),
                ("match-all, all facets", i => new SearchRequest { Page = 1 + i % 3 }),
            };
            foreach (var (name, request) in mix)
            {
                var sample = await TimeAsync(iterations, i => search.SearchAsync(request(i)));
                Report(name, sample);
            }
            if (perText)
            {
                // Which texts make the tail: each alone, with its hit count.
                foreach (var text in Texts)
                {
                    var total = (await search.SearchAsync(new SearchRequest { Text = text })).Total;
                    Report($"text \"{text}\" ({total:N0} hits)", await TimeAsync(Math.Max(30, iterations / 5), _ => search.SearchAsync(new SearchRequest { Text = text })));
                }
            }
            Report("suggestions", await TimeAsync(iterations, i => search.SuggestAsync(Prefixes[i % Prefixes.Length])));

            await MeasureFreshnessAsync(host.Services, search);

            if (withNaive)
            {
                var naive = new NaiveSearch(host.Services);
                var textAndFilters = await TimeAsync(Math.Max(10, iterations / 10), i => naive.SearchAsync(Texts[i % Texts.Length], "98818", i % 2 == 0 ? "1-9" : "10-49"));
                Report("naive EF: text + 2 filters + facets", textAndFilters);
                var all = await TimeAsync(Math.Max(10, iterations / 10), _ => naive.SearchAsync(null, null, null));
                Report("naive EF: match-all + facets", all);
                var lucene = await TimeAsync(iterations, i => search.SearchAsync(mix[1].Request(i)));
                Console.WriteLine($"ratio naive / Lucene (text + 2 filters + facets, median): {Stats.Median(textAndFilters) / Stats.Median(lucene):N0}×");
            }

            // The second baseline: SQLite's own full-text index (FTS5, bm25 ranking) with GROUP BY facets, the best a
            // database-only directory could do. It has no French analysis, synonyms or typos: it only does less.
            await using (var fts = await Fts5Search.CreateAsync(host.Services))
            {
                Console.WriteLine($"FTS5 index: {fts.Rows:N0} rows built in {fts.BuildTime.TotalSeconds:0.0} s");
                var ftsText = await TimeAsync(iterations, i => fts.SearchAsync(Texts[i % Texts.Length], null, null));
                Report("FTS5: text only + facets", ftsText);
                var ftsFiltered = await TimeAsync(iterations, i => fts.SearchAsync(Texts[i % Texts.Length], "98818", i % 2 == 0 ? "1-9" : "10-49"));
                Report("FTS5: text + 2 filters + facets", ftsFiltered);
                var engineText = await TimeAsync(iterations, i => search.SearchAsync(mix[0].Request(i)));
                var engineFiltered = await TimeAsync(iterations, i => search.SearchAsync(mix[1].Request(i)));
                Console.WriteLine($"ratio FTS5 / engine, medians: text only {Stats.Median(ftsText) / Stats.Median(engineText):0.0}×, text + 2 filters {Stats.Median(ftsFiltered) / Stats.Median(engineFiltered):0.0}×; p95s: {Stats.Percentile(ftsText, 95) / Stats.Percentile(engineText, 95):0.0}×, {Stats.Percentile(ftsFiltered, 95) / Stats.Percentile(engineFiltered, 95):0.0}×");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task MeasureFreshnessAsync(IServiceProvider services, ICompanySearch search)
    {
        var loop = ActivatorUtilities.CreateInstance<IndexingService>(services);
        await loop.StartAsync(CancellationToken.None);
        var delays = new List<double>();
        try
        {
            for (var trial = 0; trial < 40; trial++)
            {
                var token = $"fraicheur{trial}x{Guid.NewGuid():N}"[..24];
                var saved = Stopwatch.StartNew();
                await using (var scope = services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    var company = await db.Companies.Where(c => c.Status == PublicationStatus.Published).OrderBy(c => c.Id).Skip(trial).FirstAsync();
                    company.DescriptionFr = $"Mise à jour {token}";
                    await db.SaveChangesAsync();
                }
                saved.Restart();
                while ((await search.SearchAsync(new SearchRequest { Text = token + " ", PageSize = 1 })).Total == 0)
                {
                    if (saved.Elapsed > TimeSpan.FromSeconds(10))
                    {
                        throw new TimeoutException("a saved change was not searchable after 10 s");
                    }
                    await Task.Delay(1);
                }
                delays.Add(saved.Elapsed.TotalMilliseconds);
            }
        }
        finally
        {
            await loop.StopAsync(CancellationToken.None);
        }
        Report("freshness (save → searchable)", delays);
    }

    internal static async Task<List<double>> TimeAsync<T>(int iterations, Func<int, Task<T>> run)
    {
        for (var i = 0; i < Math.Min(20, iterations); i++)
        {
            await run(iterations + i);   // warm-up, on other inputs than the measured ones (so that nothing measured is cached)
        }
        var sample = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await run(i);
            sample.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return sample;
    }

    internal static void Report(string name, List<double> milliseconds) =>
        Console.WriteLine($"{name,-40} p50 {Stats.Median(milliseconds),8:0.00} ms   p95 {Stats.Percentile(milliseconds, 95),8:0.00} ms   (n={milliseconds.Count})");

    internal static IHost CreateHost(string folder, IReadOnlyDictionary<string, string?>? database = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = folder,
            ["Indexing:RunInProcess"] = "false",
        });
        builder.Configuration.AddInMemoryCollection(database ?? new Dictionary<string, string?>());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddAppDatabase();
        builder.AddDemoData();
        builder.AddCompanySearch();
        builder.AddIndexing();
        return builder.Build();
    }

    /// <summary>Consumes a rebuild without indexing: the cost of loading the projection.</summary>
    private sealed class CountingIndex : ISearchIndex
    {
        public long Count { get; private set; }

        public Task<IndexState> GetStateAsync(CancellationToken cancellationToken = default) => Task.FromResult(new IndexState(0, true, Count));

        public Task ApplyAsync(IReadOnlyList<CompanyDocument> upserts, IReadOnlyList<Guid> deletes, long cursor, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public async Task RebuildAsync(IAsyncEnumerable<CompanyDocument> documents, long cursor, CancellationToken cancellationToken = default)
        {
            await foreach (var _ in documents.WithCancellation(cancellationToken))
            {
                Count++;
            }
        }

        public Task<IReadOnlyDictionary<Guid, int>> ListVersionsAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<Guid, int>>(new Dictionary<Guid, int>());

        public Task<string> DescribeAsync(CancellationToken cancellationToken = default) => Task.FromResult("counting only");
    }

    /// <summary>
    /// SQLite FTS5 over the published companies (names, services and skills, description; accents folded), ranked by
    /// bm25 with the engine's field weights, every word required, and the facets counted with GROUP BY over the hits.
    /// </summary>
    private sealed class Fts5Search : IAsyncDisposable
    {
        private readonly AsyncServiceScope _scope;
        private readonly System.Data.Common.DbConnection _connection;

        private Fts5Search(AsyncServiceScope scope, System.Data.Common.DbConnection connection)
        {
            _scope = scope;
            _connection = connection;
        }

        public long Rows { get; private set; }

        public TimeSpan BuildTime { get; private set; }

        public static async Task<Fts5Search> CreateAsync(IServiceProvider services)
        {
            var scope = services.CreateAsyncScope();
            var connection = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetDbConnection();
            await connection.OpenAsync();
            var built = Stopwatch.StartNew();
            await ExecuteAsync(connection, """
                DROP TABLE IF EXISTS bench_fts;
                CREATE VIRTUAL TABLE bench_fts USING fts5(names, services, description, tokenize = 'unicode61 remove_diacritics 2');
                INSERT INTO bench_fts(rowid, names, services, description)
                    SELECT rowid, coalesce(TradeName, '') || ' ' || LegalName, Services || ' ' || Skills, coalesce(DescriptionFr, '')
                    FROM Companies WHERE Status = 'Published';
                """);
            var search = new Fts5Search(scope, connection) { BuildTime = built.Elapsed };
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT count(*) FROM bench_fts";
            search.Rows = (long)(await count.ExecuteScalarAsync() ?? 0L);
            return search;
        }

        public async Task<int> SearchAsync(string text, string? commune, string? sizeBand)
        {
            // Every word required, each quoted (no FTS5 syntax from the text).
            var match = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => "\"" + w.Replace("\"", "", StringComparison.Ordinal) + "\""));
            var bands = sizeBand switch { "1-9" => "'01','02','03'", "10-49" => "'11','12'", _ => null };
            var where = "bench_fts MATCH $match" + (commune is null ? "" : " AND c.CommuneCode = $commune") + (bands is null ? "" : $" AND c.SizeBandCode IN ({bands})");
            var hits = $"SELECT c.rowid AS r, c.Slug, c.LegalName, c.CommuneCode, c.SizeBandCode, c.PrimaryActivityCode, c.LegalFormCode, c.ECommerce_SellsOnOwnShop AS shop, c.ECommerce_SellsOnMarketplaces AS market, bm25(bench_fts, 5.0, 2.0, 1.0) AS score FROM bench_fts JOIN Companies c ON c.rowid = bench_fts.rowid WHERE {where}";
            var read = 0;
            foreach (var sql in new[]
            {
                $"SELECT count(*) FROM ({hits})",
                $"SELECT Slug, LegalName FROM ({hits}) ORDER BY score LIMIT 20",
                $"SELECT PrimaryActivityCode, count(*) FROM ({hits}) GROUP BY PrimaryActivityCode",
                $"SELECT CommuneCode, count(*) FROM ({hits}) GROUP BY CommuneCode",
                $"SELECT SizeBandCode, count(*) FROM ({hits}) GROUP BY SizeBandCode",
                $"SELECT LegalFormCode, count(*) FROM ({hits}) GROUP BY LegalFormCode",
                $"SELECT count(*) FROM ({hits}) WHERE shop OR market",
            })
            {
                await using var command = _connection.CreateCommand();
                command.CommandText = sql;
                var parameter = command.CreateParameter();
                parameter.ParameterName = "$match";
                parameter.Value = match;
                command.Parameters.Add(parameter);
                if (commune is not null)
                {
                    var c = command.CreateParameter();
                    c.ParameterName = "$commune";
                    c.Value = commune;
                    command.Parameters.Add(c);
                }
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    read++;
                }
            }
            return read;
        }

        public async ValueTask DisposeAsync()
        {
            await ExecuteAsync(_connection, "DROP TABLE IF EXISTS bench_fts;");
            await _connection.CloseAsync();
            await _scope.DisposeAsync();
        }

        private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>What a small team would write first: LIKE on text columns and one GROUP BY per facet, in SQLite.</summary>
    private sealed class NaiveSearch(IServiceProvider services)
    {
        public async Task<int> SearchAsync(string? text, string? commune, string? sizeBand)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var bands = sizeBand switch
            {
                "1-9" => new[] { "01", "02", "03" },
                "10-49" => ["11", "12"],
                _ => null,
            };
            var query = db.Companies.AsNoTracking().Where(c => c.Status == PublicationStatus.Published);
            foreach (var word in (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var pattern = $"%{word}%";
                query = query.Where(c => EF.Functions.Like(c.LegalName, pattern) || EF.Functions.Like(c.TradeName!, pattern) || EF.Functions.Like(c.DescriptionFr!, pattern));
            }
            if (commune is not null)
            {
                query = query.Where(c => c.CommuneCode == commune);
            }
            if (bands is not null)
            {
                query = query.Where(c => bands.Contains(c.SizeBandCode!));
            }
            var total = await query.CountAsync();
            var page = await query.OrderBy(c => c.LegalName).Take(20).Select(c => new { c.Id, c.Slug, c.LegalName, c.DescriptionFr }).ToListAsync();
            var byActivity = await query.GroupBy(c => c.PrimaryActivityCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            var byCommune = await query.GroupBy(c => c.CommuneCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            var bySize = await query.GroupBy(c => c.SizeBandCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            var byForm = await query.GroupBy(c => c.LegalFormCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            var selling = await query.CountAsync(c => c.ECommerce.SellsOnOwnShop || c.ECommerce.SellsOnMarketplaces);
            return total + page.Count + byActivity.Count + byCommune.Count + bySize.Count + byForm.Count + selling;
        }
    }
}
