extern alias Web;
using System.Globalization;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Indexing;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenDataStore = Web::AnnuaireFiliere.Web.Features.OpenData.OpenDataStore;
using OpenDataWriter = Web::AnnuaireFiliere.Web.Features.OpenData.OpenDataWriter;

namespace AnnuaireFiliere.CrashTrials;

/// <summary>
/// The victims that are not the Indexer: this executable started as <c>worker site-writes|open-data --data X</c>.
/// They print a line only once a thing is done (after <c>SaveChanges</c> returned, after the extract was renamed
/// into place), so whatever the parent read was acknowledged. Every loop is bounded.
/// </summary>
internal static class Workers
{
    private const int MaxSaves = 100_000;
    private const int MaxExtracts = 1_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var mode = args.ElementAtOrDefault(1);
        var data = Option(args, "--data") ?? throw new ArgumentException("--data is required");
        var seed = int.Parse(Option(args, "--seed") ?? "1", CultureInfo.InvariantCulture);
        return mode switch
        {
            "site-writes" => await SiteWritesAsync(data, seed),
            "open-data" => await OpenDataAsync(data, DateOnly.ParseExact(Option(args, "--start")!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                int.Parse(Option(args, "--keep") ?? "7", CultureInfo.InvariantCulture)),
            _ => 2,
        };
    }

    /// <summary>
    /// Scenario A's victim: saves profile edits in a loop as the site's edit page does (load with the secondary
    /// activities, change fields, <see cref="CompanyLifecycle.SaveEditAsync"/> with the version read, one DI scope
    /// per save like one request), while the in-process indexing loop indexes them. Prints <c>ACK id version</c>.
    /// </summary>
    private static async Task<int> SiteWritesAsync(string data, int seed)
    {
        using var host = CoreServices.Host(data, runIndexing: true);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        }
        await host.StartAsync();
        List<Guid> ids;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            ids = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Companies.AsNoTracking()
                .Where(c => c.Status == PublicationStatus.Published).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        }
        var random = new Random(seed);
        var editor = new Actor(null, "crash-trials");
        Console.WriteLine("READY");
        for (var save = 1; save <= MaxSaves; save++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var lifecycle = scope.ServiceProvider.GetRequiredService<CompanyLifecycle>();
            var id = ids[random.Next(ids.Count)];
            var company = await db.Companies.Include(c => c.SecondaryActivities).SingleAsync(c => c.Id == id);
            var before = CompanyFields.Of(company);
            var read = company.Version;
            company.DescriptionFr = $"Profil modifié pendant les essais de panne (enregistrement {save}, graine {seed}). " + (company.DescriptionFr ?? string.Empty)[..Math.Min(300, company.DescriptionFr?.Length ?? 0)];
            company.Services = [.. company.Services.Take(4), $"service essai {save}"];
            var outcome = await lifecycle.SaveEditAsync(company, before, read, editor, CancellationToken.None);
            if (outcome is LifecycleOutcome.Done or LifecycleOutcome.Resubmitted)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ACK {id} {company.Version}"));
            }
        }
        await host.StopAsync();
        return 0;
    }

    /// <summary>
    /// Scenario C's open-data victim: the site's <see cref="OpenDataStore"/> and <see cref="OpenDataWriter"/> writing
    /// one day's extract after another (a clock that moves a day after each), as the site's daily service does once a
    /// day. Prints <c>WROTE yyyy-MM-dd count</c> once the extract is in place.
    /// </summary>
    private static async Task<int> OpenDataAsync(string data, DateOnly start, int keep)
    {
        using var host = CoreServices.Host(data, runIndexing: false);
        var clock = new DayByDayClock(start);
        var writer = new OpenDataWriter(host.Services.GetRequiredService<IServiceScopeFactory>(), host.Services.GetRequiredService<TaxonomyCatalog>(),
            () => "https://annuaire.nc", slug => "/entreprises/" + slug);
        using var store = new OpenDataStore(writer, new AnnuaireFiliere.Core.Data.Files.FileSystemFileStore(data), Path.Combine(data, OpenDataStore.Bucket), clock, keep, host.Services.GetRequiredService<ILogger<OpenDataStore>>());
        Console.WriteLine("READY");
        for (var extract = 1; extract <= MaxExtracts; extract++)
        {
            var set = await store.EnsureTodayAsync(CancellationToken.None);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"WROTE {set.DateText}"));
            clock.NextDay();
        }
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    /// <summary>Noon in Nouméa on a given day, moved on one day at a time.</summary>
    private sealed class DayByDayClock(DateOnly start) : TimeProvider
    {
        private DateOnly _day = start;

        public void NextDay() => _day = _day.AddDays(1);

        public override DateTimeOffset GetUtcNow() => new DateTimeOffset(_day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(11)).ToUniversalTime();
    }
}
