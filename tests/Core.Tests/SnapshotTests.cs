using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Statistics;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Core.Tests;

/// <summary>Statistics snapshots: the facts survive encoding, the past stays as it was, one monthly snapshot a month.</summary>
public sealed class SnapshotTests
{
    private static readonly TaxonomyCatalog Taxonomy = TaxonomyCatalog.Default;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Encoded_facts_decode_to_the_same_facts()
    {
        await using var database = await TestDatabase.CreateAsync();
        await StatisticsTests.SeedAsync(database, 300);
        await using var db = database.Context();
        var facts = await CompanyFactsSource.LoadAsync(db, Taxonomy, Cancel);

        var encoded = FactsCodec.Encode(facts);
        var decoded = FactsCodec.Decode(encoded);

        Assert.Equal(Enumerable.Range(0, facts.Count).Select(row => Describe(facts, row)), Enumerable.Range(0, decoded.Count).Select(row => Describe(decoded, row)));
        Assert.True(encoded.Length < facts.Count * 64 + 16_384, $"{encoded.Length} bytes for {facts.Count} companies");
        Assert.Throws<InvalidDataException>(() => FactsCodec.Decode([1, 2, 3, 4]));
    }

    [Fact]
    public async Task A_snapshot_keeps_the_figures_of_its_date_after_the_directory_changes()
    {
        await using var database = await TestDatabase.CreateAsync();
        await StatisticsTests.SeedAsync(database, 300);
        await using var services = database.DemoServices();
        services.GetRequiredService<CompanyFactsSource>().RecheckInterval = TimeSpan.Zero;
        var segment = new SearchRequest { Provinces = ["sud"] };
        SnapshotInfo taken;
        await using (var scope = services.CreateAsyncScope())
        {
            taken = await scope.ServiceProvider.GetRequiredService<SnapshotStore>().TakeAsync(SnapshotKind.OnDemand, "analyste@example.nc", "Avant le livre blanc", Cancel);
        }
        var before = await StatisticsTests.ComputeAsync(database, segment, StatisticsAudience.Analyst);

        database.Clock.Advance(TimeSpan.FromDays(40));
        await using (var db = database.Context())
        {
            var moved = await db.Companies.Where(c => c.CommuneCode == "98818").Take(5).ToListAsync(Cancel); // Nouméa → Koné
            moved.ForEach(c => c.CommuneCode = "98811");
            await db.SaveChangesAsync(Cancel);
            Assert.Equal(5, moved.Count);
        }
        var after = await StatisticsTests.ComputeAsync(database, segment, StatisticsAudience.Analyst);
        await using (var scope = services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<SnapshotStore>();
            var then = await store.ReportAsync(taken.Id, segment, StatisticsAudience.Analyst, Cancel);

            Assert.Equal(before.Total - 5, after.Total);
            Assert.NotNull(then);
            Assert.Equal(before.Total, then.Total);
            Assert.Equal(Counts(before), Counts(then));
            Assert.Null(await store.ReportAsync(Guid.NewGuid(), segment, StatisticsAudience.Analyst, Cancel));

            var series = await store.SeriesAsync(segment, StatisticsAudience.Analyst, cancellationToken: Cancel);
            Assert.Equal(2, series.Dates.Count);
            Assert.Equal([before.Total, after.Total], series.Rows.Single(r => r.Code == "total").Values.Select(v => v.Count));
            var listed = Assert.Single(await store.ListAsync(Cancel));
            Assert.Equal(("analyste@example.nc", "Avant le livre blanc", 300), (listed.TakenBy, listed.Label, listed.Companies));
        }
    }

    [Fact]
    public async Task The_monthly_snapshot_is_taken_once_a_month_in_Noumea_time()
    {
        await using var database = await TestDatabase.CreateAsync();
        await StatisticsTests.SeedAsync(database, 50);
        await using var services = database.DemoServices();
        var monthly = services.GetRequiredService<MonthlySnapshotService>();

        Assert.True(await monthly.TakeIfDueAsync(Cancel));
        Assert.False(await monthly.TakeIfDueAsync(Cancel));
        // 30 November 14:00 UTC is already 1 December 01:00 in Nouméa (UTC+11): a new month there.
        database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 14, 0, 0, TimeSpan.Zero));
        Assert.True(await monthly.TakeIfDueAsync(Cancel));
        Assert.False(await monthly.TakeIfDueAsync(Cancel));

        await using var db = database.Context();
        Assert.Equal(2, await db.StatisticsSnapshots.CountAsync(s => s.Kind == SnapshotKind.Monthly, Cancel));
    }

    [Fact]
    public async Task The_facts_in_memory_follow_changes_to_the_database()
    {
        await using var database = await TestDatabase.CreateAsync();
        await StatisticsTests.SeedAsync(database, 80);
        await using var services = database.DemoServices();
        var source = services.GetRequiredService<CompanyFactsSource>();
        source.RecheckInterval = TimeSpan.Zero;
        var first = await source.CurrentAsync(Cancel);
        Assert.Same(first, await source.CurrentAsync(Cancel));

        await using (var db = database.Context())
        {
            var company = await db.Companies.FirstAsync(c => c.Status == PublicationStatus.Published, Cancel);
            company.Status = PublicationStatus.Archived;
            await db.SaveChangesAsync(Cancel);
        }
        var second = await source.CurrentAsync(Cancel);

        Assert.NotSame(first, second);
        Assert.Equal(first.All.Status.Count(s => s == PublicationStatus.Published) - 1, second.All.Status.Count(s => s == PublicationStatus.Published));
    }

    [Fact]
    public async Task While_the_facts_reload_requests_are_answered_from_the_previous_ones()
    {
        await using var database = await TestDatabase.CreateAsync();
        await StatisticsTests.SeedAsync(database, 80);
        await using var services = database.DemoServices();
        var source = services.GetRequiredService<CompanyFactsSource>();
        source.RecheckInterval = TimeSpan.Zero;
        source.ReloadWait = TimeSpan.Zero;
        var first = await source.CurrentAsync(Cancel);

        await using (var db = database.Context())
        {
            (await db.Companies.FirstAsync(Cancel)).FoundingYear = 1901;
            await db.SaveChangesAsync(Cancel);
        }

        Assert.Same(first, await source.CurrentAsync(Cancel));
        // A request willing to wait for the reload started above gets its result (a bound, not a poll).
        source.ReloadWait = TimeSpan.FromSeconds(30);
        var fresh = await source.CurrentAsync(Cancel);
        Assert.NotSame(first, fresh);
        Assert.Contains((short)1901, fresh.All.Year);
        Assert.DoesNotContain((short)1901, first.All.Year);
    }

    private static string Describe(FactTable facts, int row) => string.Join('|', [
        facts.Ids[row], facts.Status[row], facts.ECommerce[row], facts.Year[row], facts.Published[row], facts.Confirmed[row],
        .. Enum.GetValues<Dimension>().Select(d => facts.Values(d)[row] is var v and >= 0 ? facts.Codes(d)[v] : "-"),
        .. Enum.GetValues<ListDimension>().Select(d => string.Join(',', facts.Lists(d).Lists[facts.ListIds(d)[row]].Select(c => facts.Lists(d).Codes[c]))),
    ]);

    private static List<string> Counts(StatisticsReport report) =>
        [.. report.Distributions.SelectMany(d => d.Rows.Select(r => $"{d.Name}:{r.Code}={r.Cell.Count}"))];
}
