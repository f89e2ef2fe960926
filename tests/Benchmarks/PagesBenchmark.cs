extern alias Web;

using System.Diagnostics;
using System.Globalization;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Demo;
using AnnuaireFiliere.Core.Indexing;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AnnuaireFiliere.Benchmarks;

/// <summary>
/// Server time of the public pages (<c>/recherche</c> and friends) on the real Web application in memory
/// (TestServer: the whole ASP.NET Core pipeline, Razor rendering and compression, without a network), over a
/// database and index of <c>--count</c> demo companies. Run it with <c>DOTNET_gcServer=1</c>: a web host uses the
/// server garbage collector, this console runner does not by default.
/// </summary>
internal static class PagesBenchmark
{
    private static readonly string[] Services = ["site-vitrine", "infogerance", "cablage", "drone", "formation-bureautique", "impression-grand-format"];
    private static readonly string[] Texts = ["développement web", "cybersécurité", "logiciel de gestion", "photographie", "formation numérique", "agence communication", "informatique", "cloud"];

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var count = options.Int("count", 100_000);
        var iterations = options.Int("iterations", 300);
        var folder = Path.Combine(Path.GetTempPath(), "annuaire-bench", Guid.NewGuid().ToString("N"));
        await using var database = await BenchmarkDatabase.CreateAsync(options);
        try
        {
            Console.WriteLine($"pages: {count:N0} companies; {iterations} requests per page kind; {Environment.ProcessorCount} cores; {database.Description}");
            using (var host = SearchBenchmark.CreateHost(folder, database.Settings))
            {
                await using (var scope = host.Services.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
                }
                await host.Services.GetRequiredService<DemoSeeder>().SeedAsync(count, 2014);
                await host.Services.GetRequiredService<IndexingPipeline>().RebuildAsync();
            }
            SqliteConnection.ClearAllPools();

            await using var site = new Site(folder, database.Settings);
            using var client = site.CreateClient();
            var cold = Stopwatch.GetTimestamp();
            (await client.GetAsync("/statistiques")).EnsureSuccessStatusCode();
            Console.WriteLine($"first /statistiques (reads every company's facts): {Stopwatch.GetElapsedTime(cold).TotalMilliseconds:0} ms");
            var profile = (await client.GetStringAsync("/recherche?tri=nom")).Split("href=\"/entreprises/")[1].Split('"')[0];
            var need = (await client.GetStringAsync("/besoins")).Split("href=\"/besoins/").Skip(1).Select(h => h.Split('"')[0])
                .First(slug => slug is not ("nouveau" or "mes-besoins") && !slug.Contains('?', StringComparison.Ordinal));
            if (options.Values.TryGetValue("loop", out var loop))
            {
                // For a profiler: text-only pages (loop=page) or the same searches on the engine alone (loop=engine) for 40 s.
                Console.WriteLine($"looping {loop} in process {Environment.ProcessId}");
                var engineAlone = site.Services.GetRequiredService<AnnuaireFiliere.Core.Search.ICompanySearch>();
                var until = Stopwatch.StartNew();
                for (var i = 0; until.Elapsed < TimeSpan.FromSeconds(40); i++)
                {
                    if (loop == "engine")
                    {
                        await engineAlone.SearchAsync(new() { Text = Texts[i % Texts.Length] });
                        continue;
                    }
                    using var r = await client.GetAsync($"/recherche?q={Uri.EscapeDataString(Texts[i % Texts.Length])}");
                    await r.Content.ReadAsByteArrayAsync();
                }
                return 0;
            }
            var pages = new (string Name, Func<int, string> Url, bool Partial)[]
            {
                ("/recherche (everything, all facets)", i => $"/recherche?page={1 + i % 3}", false),
                ("/recherche?q=…", i => $"/recherche?q={Uri.EscapeDataString(Texts[i % Texts.Length])}", false),
                ("/recherche?q=…&commune&taille", i => $"/recherche?q={Uri.EscapeDataString(Texts[i % Texts.Length])}&commune=98818&taille={(i % 2 == 0 ? "1-9" : "10-49")}", false),
                ("/recherche filters only", i => $"/recherche?secteur=S{1 + i % 11:00}&province=sud&ecommerce=vente-en-ligne", false),
                ("/recherche?service=… (services list)", i => $"/recherche?service={Services[i % Services.Length]}&province=sud", false),
                ("/recherche no hits (+ relaxations)", i => $"/recherche?q=zzqx{i % 7}&province=nord&taille=250%2B", false),
                ("/recherche in place (htmx)", i => $"/recherche?q={Uri.EscapeDataString(Texts[i % Texts.Length])}&province=sud", true),
                ("/recherche?vue=carte (everything, map)", _ => "/recherche?vue=carte", false),
                ("/recherche?q=…&vue=carte", i => $"/recherche?q={Uri.EscapeDataString(Texts[i % Texts.Length])}&vue=carte", false),
                ("/recherche in place, vue=carte (htmx)", i => $"/recherche?q={Uri.EscapeDataString(Texts[i % Texts.Length])}&province=sud&vue=carte", true),
                ("/recherche/suggestions", i => $"/recherche/suggestions?q={Uri.EscapeDataString(Texts[i % Texts.Length][..3])}", false),
                ("/ (home: match-all facets)", _ => "/", false),
                ("/entreprises/{slug}", _ => $"/entreprises/{profile}", false),
                ("/besoins (needs board)", i => i % 2 == 0 ? "/besoins" : "/besoins?province=sud", false),
                ("/besoins/{slug}", _ => $"/besoins/{need}", false),
                ("/api/v1/recherche?q=…", i => $"/api/v1/recherche?q={Uri.EscapeDataString(Texts[i % Texts.Length])}", false),
                ("/api/v1/recherche filters only", i => $"/api/v1/recherche?secteur=S{1 + i % 11:00}&province=sud", false),
                // A different segment each time, so that the report cache never answers.
                ("/statistiques (uncached segment)", i => $"/statistiques?{Uncached(i)}", false),
                ("/statistiques?q=… (uncached)", i => $"/statistiques?q={Uri.EscapeDataString(Texts[i % Texts.Length])}&{Uncached(i)}", false),
                ("/statistiques 3 filters (uncached)", i => $"/statistiques?secteur=S{1 + i % 11:00}&province=sud&taille=1-9&{Uncached(i)}", false),
                ("/statistiques (cached)", _ => "/statistiques?province=sud", false),
                ("/api/v1/statistiques (uncached)", i => $"/api/v1/statistiques?{Uncached(i)}", false),
                ("/statistiques/export.xlsx (uncached)", i => $"/statistiques/export.xlsx?{Uncached(i)}", false),
            };
            // --only a|b: the page kinds whose name holds one of these (e.g. --only "carte|/recherche?q=…").
            if (options.Values.TryGetValue("only", out var only))
            {
                var wanted = only.Split('|', StringSplitOptions.RemoveEmptyEntries);
                pages = [.. pages.Where(p => wanted.Any(w => p.Name.Contains(w, StringComparison.Ordinal)))];
            }
            // Steady state: the runtime's tiered JIT runs freshly started code unoptimised for its first few hundred
            // calls (Lucene's loops too), which made whichever page was measured first look several times slower.
            // Every kind of page is warmed first (on inputs the measured runs do not use); --cold 1 skips it.
            if (!options.Values.ContainsKey("cold"))
            {
                var warm = Stopwatch.StartNew();
                for (var round = 0; round < 3; round++)
                {
                    foreach (var (_, url, partial) in pages)
                    {
                        for (var i = 0; i < 40; i++)
                        {
                            using var request = new HttpRequestMessage(HttpMethod.Get, url(5_000 + round * 40 + i));
                            if (partial)
                            {
                                request.Headers.Add("HX-Request", "true");
                            }
                            using var response = await client.SendAsync(request);
                            await response.Content.ReadAsByteArrayAsync();
                        }
                    }
                }
                Console.WriteLine($"warm-up: every page kind 120 times in {warm.Elapsed.TotalSeconds:0} s");
            }
            foreach (var (name, url, partial) in pages)
            {
                var engine = new List<double>();
                var inner = new List<double>();
                var sample = await SearchBenchmark.TimeAsync(iterations, async i =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, url(i));
                    request.Headers.AcceptEncoding.ParseAdd("br, gzip");
                    if (options.Values.TryGetValue("culture", out var culture))
                    {
                        request.Headers.Add("Cookie", $".AspNetCore.Culture=c={culture}|uic={culture}");
                    }
                    if (partial)
                    {
                        request.Headers.Add("HX-Request", "true");
                    }
                    using var response = await client.SendAsync(request);
                    response.EnsureSuccessStatusCode();
                    if (response.Headers.TryGetValues("Server-Timing", out var timing))
                    {
                        var parts = timing.First().Split("dur=");
                        engine.Add(double.Parse(parts[1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture));
                        if (parts.Length > 2)
                        {
                            inner.Add(double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
                        }
                    }
                    return (await response.Content.ReadAsByteArrayAsync()).Length;
                });
                SearchBenchmark.Report(name, sample);
                if (engine.Count > 0)
                {
                    SearchBenchmark.Report("   of which in the search engine", engine[^sample.Count..]);
                    SearchBenchmark.Report("   (the engine's own clock)", inner[^sample.Count..]);
                }
            }
            // The same searches straight on the engine, to see what the page adds (parsing, facets, rendering, compression).
            var search = site.Services.GetRequiredService<AnnuaireFiliere.Core.Search.ICompanySearch>();
            var invariant = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-NC");
            SearchBenchmark.Report("engine alone (fr-NC), q=…", await SearchBenchmark.TimeAsync(iterations, i => search.SearchAsync(new() { Text = Texts[i % Texts.Length] })));
            if (options.Values.ContainsKey("diagnose"))
            {
                // The engine alone, each call right after a page request: does the page's work slow the next search?
                var interleaved = new List<double>();
                for (var i = 0; i < iterations; i++)
                {
                    using (var r = await client.GetAsync($"/recherche?q={Uri.EscapeDataString(Texts[i % Texts.Length])}"))
                    {
                        await r.Content.ReadAsByteArrayAsync();
                    }
                    var t = Stopwatch.GetTimestamp();
                    await search.SearchAsync(new() { Text = Texts[(i + 1) % Texts.Length] });
                    interleaved.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }
                SearchBenchmark.Report("engine alone, after each page: q=…", interleaved);
                var taxonomy = site.Services.GetRequiredService<AnnuaireFiliere.Core.Taxonomy.TaxonomyCatalog>();
                var parsed = Texts.Select(t => Web::AnnuaireFiliere.Web.Features.Search.SearchParameters.Parse(
                    Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?q=" + Uri.EscapeDataString(t)), taxonomy, TimeProvider.System).Request).ToList();
                Console.WriteLine($"the page's request: {parsed[0]}");
                SearchBenchmark.Report("engine alone, the page's parsed request", await SearchBenchmark.TimeAsync(iterations, i => search.SearchAsync(parsed[i % parsed.Count])));
                SearchBenchmark.Report("engine alone, on pool threads: q=…", await SearchBenchmark.TimeAsync(iterations, i => Task.Run(() => search.SearchAsync(new() { Text = Texts[i % Texts.Length] }))));
                var sameThread = new List<double>();
                for (var i = 0; i < iterations; i++)
                {
                    var t = Stopwatch.GetTimestamp();
                    search.SearchAsync(new() { Text = Texts[i % Texts.Length] }).GetAwaiter().GetResult();
                    sameThread.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }
                SearchBenchmark.Report("engine alone, one thread: q=…", sameThread);
                var gcBefore = GC.CollectionCount(0);
                var gen2Before = GC.CollectionCount(2);
                var allocated = GC.GetTotalAllocatedBytes();
                for (var i = 0; i < 50; i++)
                {
                    using var r = await client.GetAsync($"/recherche?q={Uri.EscapeDataString(Texts[i % Texts.Length])}");
                    await r.Content.ReadAsByteArrayAsync();
                }
                Console.WriteLine($"50 text pages: {GC.CollectionCount(0) - gcBefore} gen0, {GC.CollectionCount(2) - gen2Before} gen2 collections, {(GC.GetTotalAllocatedBytes() - allocated) / 50 / 1024.0:0} KiB allocated per page");
                allocated = GC.GetTotalAllocatedBytes();
                for (var i = 0; i < 50; i++)
                {
                    await search.SearchAsync(new() { Text = Texts[i % Texts.Length] });
                }
                Console.WriteLine($"50 engine searches: {(GC.GetTotalAllocatedBytes() - allocated) / 50 / 1024.0:0} KiB allocated per search");
            }
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = invariant;
            await SnapshotsAsync(site, client, Math.Min(iterations, 30));
            SearchBenchmark.Report("engine alone, match-all", await SearchBenchmark.TimeAsync(iterations, i => search.SearchAsync(new() { Page = 1 + i % 3 })));
            GC.Collect();
            Console.WriteLine($"working set {Process.GetCurrentProcess().WorkingSet64 / 1048576.0:0} MiB");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        return 0;
    }

    /// <summary>A segment of (almost) the whole directory that no earlier request asked for: a founding-year range.</summary>
    private static string Uncached(int i) => $"annee_min={1900 + i % 100}&annee_max={2026 - i / 100 % 100}";

    /// <summary>24 monthly snapshots, then time series and comparisons over them (uncached segments).</summary>
    private static async Task SnapshotsAsync(Site site, HttpClient client, int iterations)
    {
        var taking = new List<double>();
        for (var month = 0; month < 24; month++)
        {
            await using var scope = site.Services.CreateAsyncScope();
            var started = Stopwatch.GetTimestamp();
            await scope.ServiceProvider.GetRequiredService<AnnuaireFiliere.Core.Statistics.SnapshotStore>()
                .TakeAsync(AnnuaireFiliere.Core.Statistics.SnapshotKind.OnDemand, "benchmark", $"mois {month}");
            taking.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        SearchBenchmark.Report("taking a snapshot (read, encode, store)", taking);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var size = await scope.ServiceProvider.GetRequiredService<AppDbContext>().StatisticsSnapshots.Select(s => s.Facts.Length).FirstAsync();
            Console.WriteLine($"one snapshot: {size / 1024.0:0} KiB");
        }
        var id = (await client.GetStringAsync("/api/v1/statistiques/instantanes")).Split("\"id\":\"")[1][..32];
        SearchBenchmark.Report("/statistiques, a year of snapshots (uncached)", await SearchBenchmark.TimeAsync(iterations, async i =>
        {
            using var response = await client.GetAsync($"/statistiques?{Uncached(i + 1000)}");
            return (await response.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync()).Length;
        }));
        SearchBenchmark.Report("/statistiques compared with a snapshot (uncached)", await SearchBenchmark.TimeAsync(iterations, async i =>
        {
            using var response = await client.GetAsync($"/statistiques?{Uncached(i + 2000)}&comparer={id}");
            return (await response.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync()).Length;
        }));
    }

    private sealed class Site(string folder, IReadOnlyDictionary<string, string?> database) : WebApplicationFactory<Web::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "AnnuaireFiliere.sln")))
            {
                root = root.Parent;
            }
            builder.UseContentRoot(Path.Combine(root?.FullName ?? throw new InvalidOperationException("AnnuaireFiliere.sln not found above the benchmark."), "src", "Web"));
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:DataDirectory"] = folder,
                ["DemoData:SeedWhenEmpty"] = "false",
                ["Api:RequestsPerMinute"] = "100000",
                // Production needs its public address and serves only its host: the test server's.
                ["Site:PublicUrl"] = "http://localhost",
            }));
            // As host settings: the database is chosen while the application registers its services.
            foreach (var (key, value) in database)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
