using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Demo;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Statistics;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Core.Tests;

/// <summary>Sector statistics against counts written independently, over random segments of generated data.</summary>
public sealed class StatisticsTests
{
    private static readonly TaxonomyCatalog Taxonomy = TaxonomyCatalog.Default;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_figure_of_random_segments_equals_an_independent_count()
    {
        await using var database = await TestDatabase.CreateAsync();
        await SeedAsync(database, 600);
        List<Company> all;
        await using (var db = database.Context())
        {
            all = await db.Companies.AsNoTracking().Include(c => c.SecondaryActivities).ToListAsync(Cancel);
        }
        var random = new Random(2014);
        for (var run = 0; run < 40; run++)
        {
            var segment = RandomSegment(random, all);
            var report = await ComputeAsync(database, segment, StatisticsAudience.Analyst);

            var expected = all.Where(c => InSegment(c, segment)).ToList();
            Assert.Equal(expected.Count, report.Total);
            foreach (var sector in Taxonomy.Sectors)
            {
                Assert.Equal(expected.Count(c => Taxonomy.FindActivity(c.PrimaryActivityCode)!.SectorCode == sector.Code), Count(report.Distribution(StatisticsNames.Sector), sector.Code));
            }
            foreach (var commune in Taxonomy.Communes)
            {
                Assert.Equal(expected.Count(c => c.CommuneCode == commune.Code), Count(report.Distribution(StatisticsNames.Commune), commune.Code));
            }
            Assert.Equal(expected.Count(c => c.ECommerce.SellsOnOwnShop || c.ECommerce.SellsOnMarketplaces), Count(report.Distribution(StatisticsNames.ECommerce), ECommerceCapabilities.SellsOnline));
            Assert.Equal(expected.Count(c => c.ECommerce.DeliversIslands), Count(report.Distribution(StatisticsNames.ECommerce), ECommerceCapabilities.DeliversIslands));
            Assert.Equal(expected.Count(c => c.Status == PublicationStatus.Draft), Count(report.Distribution(StatisticsNames.Status), nameof(PublicationStatus.Draft)));
            var byProvince = report.CrossTab(StatisticsNames.SectorByProvince);
            for (var r = 0; r < byProvince.RowKeys.Count; r++)
            {
                for (var k = 0; k < byProvince.ColumnKeys.Count; k++)
                {
                    var (sector, province) = (byProvince.RowKeys[r].Code, byProvince.ColumnKeys[k].Code);
                    Assert.Equal(
                        expected.Count(c => Taxonomy.FindActivity(c.PrimaryActivityCode)!.SectorCode == sector && Taxonomy.FindCommune(c.CommuneCode)!.ProvinceCode == province),
                        byProvince.Cells[r][k].Count);
                }
            }
            Assert.Equal(expected.Count, byProvince.Total);
            var capabilities = report.CrossTab(StatisticsNames.SectorByECommerce);
            for (var r = 0; r < capabilities.RowKeys.Count; r++)
            {
                var inSector = expected.Where(c => Taxonomy.FindActivity(c.PrimaryActivityCode)!.SectorCode == capabilities.RowKeys[r].Code).ToList();
                Assert.Equal(inSector.Count, capabilities.RowTotals[r].Count);
                Assert.Equal(inSector.Count(c => c.ECommerce.SellsOnOwnShop || c.ECommerce.SellsOnMarketplaces), capabilities.Cells[r][0].Count);
                Assert.Equal(inSector.Count(c => c.ECommerce.OnlinePayment), capabilities.Cells[r][1].Count);
                Assert.Equal(inSector.Count(c => c.ECommerce.SellsOnMarketplaces), capabilities.Cells[r][2].Count);
                Assert.Equal(inSector.Count(c => c.ECommerce.DeliversIslands), capabilities.Cells[r][3].Count);
            }
            Assert.Equal(expected.Count, report.Distribution(StatisticsNames.SizeBand).Rows.Sum(row => row.Cell.Count) + expected.Count(c => c.SizeBandCode is null));
        }
    }

    [Fact]
    public async Task The_public_sees_published_companies_only()
    {
        await using var database = await TestDatabase.CreateAsync();
        await SeedAsync(database, 300);
        await using var db = database.Context();
        var published = await db.Companies.CountAsync(c => c.Status == PublicationStatus.Published, Cancel);
        Assert.NotEqual(published, await db.Companies.CountAsync(Cancel));

        var everything = await ComputeAsync(database, new SearchRequest(), StatisticsAudience.Public);

        Assert.Equal(published, everything.Total);
        Assert.DoesNotContain(everything.Distributions, d => d.Name == StatisticsNames.Status);
    }

    /// <summary>The segment rules written again from the company itself, not from its search projection.</summary>
    private static bool InSegment(Company c, SearchRequest s)
    {
        var activities = c.AllActivityCodes.ToList();
        var sectors = activities.Select(a => Taxonomy.FindActivity(a)?.SectorCode).ToList();
        var commune = Taxonomy.FindCommune(c.CommuneCode)!;
        var shop = c.ECommerce;
        var capabilities = new Dictionary<string, bool>
        {
            [ECommerceCapabilities.SellsOnline] = shop.SellsOnOwnShop || shop.SellsOnMarketplaces,
            [ECommerceCapabilities.OwnShop] = shop.SellsOnOwnShop,
            [ECommerceCapabilities.Marketplaces] = shop.SellsOnMarketplaces,
            [ECommerceCapabilities.OnlinePayment] = shop.OnlinePayment,
            [ECommerceCapabilities.DeliversTerritory] = shop.DeliversTerritory,
            [ECommerceCapabilities.DeliversIslands] = shop.DeliversIslands,
            [ECommerceCapabilities.B2B] = shop.B2B,
            [ECommerceCapabilities.B2C] = shop.B2C,
        };
        return (s.Sectors.Count == 0 || s.Sectors.Any(sectors.Contains))
            && (s.Activities.Count == 0 || s.Activities.Any(activities.Contains))
            && (s.Provinces.Count == 0 || s.Provinces.Contains(commune.ProvinceCode) || s.Provinces.Any(commune.OtherProvinceCodes.Contains))
            && (s.Communes.Count == 0 || s.Communes.Contains(c.CommuneCode))
            && (s.SizeBands.Count == 0 || (c.SizeBandCode is not null && s.SizeBands.Contains(Taxonomy.FindSizeBand(c.SizeBandCode)!.FacetBand)))
            && (s.LegalForms.Count == 0 || (c.LegalFormCode is not null && s.LegalForms.Contains(c.LegalFormCode)))
            && (s.ECommerce.Count == 0 || s.ECommerce.Any(e => capabilities[e]))
            && (s.Languages.Count == 0 || s.Languages.Any(c.Languages.Contains))
            && (s.Labels.Count == 0 || s.Labels.Any(c.Labels.Contains))
            && (s.FoundedFrom is null || c.FoundingYear >= s.FoundedFrom)
            && (s.FoundedTo is null || c.FoundingYear <= s.FoundedTo);
    }

    internal static SearchRequest RandomSegment(Random random, List<Company> all)
    {
        List<string> Some(IEnumerable<string> values, double probability) =>
            random.NextDouble() < probability ? [.. values.OrderBy(_ => random.Next()).Take(random.Next(1, 3))] : [];
        return new SearchRequest
        {
            Sectors = Some(Taxonomy.Sectors.Select(s => s.Code), 0.4),
            Activities = Some(Taxonomy.Activities.Select(a => a.Code), 0.15),
            Provinces = Some(Taxonomy.Provinces.Select(p => p.Code), 0.4),
            Communes = Some(Taxonomy.Communes.Select(c => c.Code), 0.15),
            SizeBands = Some(FacetCatalog.SizeBandOrder, 0.3),
            LegalForms = Some(Taxonomy.LegalForms.Select(l => l.Code), 0.2),
            ECommerce = Some(ECommerceCapabilities.All, 0.3),
            Languages = Some(Taxonomy.Languages.Select(l => l.Code), 0.15),
            Labels = Some(all.SelectMany(c => c.Labels).Distinct(), 0.15),
            FoundedFrom = random.NextDouble() < 0.2 ? random.Next(1980, 2015) : null,
            FoundedTo = random.NextDouble() < 0.2 ? random.Next(2000, 2026) : null,
        };
    }

    /// <summary>Today's figures of the segment, from the facts read from the database.</summary>
    internal static async Task<StatisticsReport> ComputeAsync(TestDatabase database, SearchRequest segment, StatisticsAudience audience)
    {
        await using var db = database.Context();
        var facts = await CompanyFactsSource.LoadAsync(db, Taxonomy, Cancel);
        return StatisticsCalculator.Compute(facts, segment, audience, database.Clock.GetUtcNow().UtcDateTime, Taxonomy);
    }

    private static long Count(Distribution distribution, string code) => distribution.Rows.Single(r => r.Code == code).Cell.Count;

    internal static async Task SeedAsync(TestDatabase database, int count)
    {
        await using var services = database.DemoServices();
        await services.GetRequiredService<DemoSeeder>().SeedAsync(count, 2014, cancellationToken: Cancel);
    }
}
