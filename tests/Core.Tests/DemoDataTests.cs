using System.Globalization;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Demo;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AnnuaireFiliere.Core.Tests;

public sealed class DemoDataTests
{
    private static readonly DateTime Reference = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static List<Company> Generate(int count, int seed = 2014) =>
        [.. new DemoCompanyGenerator(TaxonomyCatalog.Default).Generate(count, seed, Reference)];

    [Fact]
    public void The_same_seed_gives_the_same_companies()
    {
        var first = Generate(300);
        var second = Generate(300);
        Assert.Equal(first.Select(Fingerprint), second.Select(Fingerprint));
        Assert.NotEqual(first.Select(Fingerprint), Generate(300, seed: 7).Select(Fingerprint));
    }

    [Fact]
    public void Every_generated_company_passes_domain_validation()
    {
        var validator = new CompanyValidator(TaxonomyCatalog.Default, new FakeTimeProvider(Reference));
        var invalid = Generate(2000)
            .Select(c => (c.Slug, Issues: validator.Validate(c)))
            .Where(r => r.Issues.Count > 0)
            .Select(r => $"{r.Slug}: {string.Join(" | ", r.Issues.Select(i => i.Message))}")
            .ToList();
        Assert.Empty(invalid);
    }

    [Fact]
    public void Slugs_and_ridets_are_unique()
    {
        var companies = Generate(5000);
        Assert.Equal(companies.Count, companies.Select(c => c.Slug).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(companies.Count, companies.Select(c => c.Ridet!.Value.Rid).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(companies.Count, companies.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void The_mix_looks_like_the_territory()
    {
        var companies = Generate(5000);
        string[] greaterNoumea = ["98818", "98805", "98817", "98821"];
        var taxonomy = TaxonomyCatalog.Default;
        var inGreaterNoumea = Share(companies, c => greaterNoumea.Contains(c.CommuneCode));
        var underTen = Share(companies, c => c.SizeBandCode is { } band && taxonomy.FindSizeBand(band)!.FacetBand is "0" or "1-9");
        var published = Share(companies, c => c.Status == PublicationStatus.Published);

        Assert.InRange(inGreaterNoumea, 0.83, 0.89);
        Assert.InRange(underTen / Share(companies, c => c.SizeBandCode is not null), 0.66, 0.74);
        Assert.InRange(published, 0.78, 0.86);
        Assert.Equal(11, companies.Select(c => taxonomy.FindActivity(c.PrimaryActivityCode)!.SectorCode).Distinct().Count());
        Assert.All(companies, c => Assert.DoesNotContain(c.PrimaryActivityCode, c.SecondaryActivities.Select(a => a.ActivityCode)));
        Assert.InRange(Share(companies, c => c.ECommerce.SellsOnline), 0.1, 0.35);
        Assert.InRange(Share(companies, c => c.Status == PublicationStatus.Published && c.LastConfirmedAt is not null), 0.5, 0.7);
    }

    [Fact]
    public void Descriptions_are_french_not_latin_placeholder_text()
    {
        string[] latin = ["lorem", "ipsum", "dolor", "amet", "consectetur", "adipisci", "voluptas", "quia"];
        var descriptions = Generate(500).Select(c => c.DescriptionFr!).ToList();
        Assert.All(descriptions, d => Assert.DoesNotContain(latin, word => d.Contains(word, StringComparison.OrdinalIgnoreCase)));
        Assert.All(descriptions, d => Assert.Contains(" est une ", d, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Seeding_writes_companies_activities_and_indexing_tasks_readable_through_ef()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = database.DemoServices();

        await services.GetRequiredService<DemoSeeder>().SeedAsync(450, 2014, batchSize: 100, cancellationToken: Cancel);

        var expected = new DemoCompanyGenerator(TaxonomyCatalog.Default).Generate(450, 2014, database.Clock.GetUtcNow().UtcDateTime.Date).ToList();
        await using var db = database.Context();
        var stored = await db.Companies.Include(c => c.SecondaryActivities).OrderBy(c => c.Id).ToListAsync(Cancel);
        Assert.Equal(expected.OrderBy(c => c.Id).Select(Fingerprint), stored.Select(Fingerprint));
        Assert.Equal(expected.Sum(c => c.SecondaryActivities.Count), await db.CompanyActivities.CountAsync(Cancel));
        Assert.Equal(expected.Count(c => c.Status == PublicationStatus.Published), await db.IndexingTasks.CountAsync(Cancel));
        var sample = stored.First(c => c.ECommerce.SellsOnline);
        Assert.NotEmpty(sample.ECommerce.Platforms);
        Assert.Equal(DateTimeKind.Utc, sample.CreatedAt.Kind);
    }

    [Fact]
    public async Task Seeding_refuses_a_database_that_already_has_companies()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = database.DemoServices();
        await services.GetRequiredService<DemoSeeder>().SeedAsync(10, 1, cancellationToken: Cancel);

        var refused = await Assert.ThrowsAsync<DatabaseNotEmptyException>(() => services.GetRequiredService<DemoSeeder>().SeedAsync(10, 2, cancellationToken: Cancel));
        Assert.Equal(10, refused.Companies);
        Assert.Contains("base vide", refused.Message, StringComparison.Ordinal);
    }

    private static double Share(List<Company> companies, Func<Company, bool> predicate) =>
        (double)companies.Count(predicate) / companies.Count;

    private static string Fingerprint(Company c) => string.Join('|',
        c.Id, c.Slug, c.LegalName, c.TradeName, c.Ridet, c.PrimaryActivityCode, string.Join(',', c.SecondaryActivities.Select(a => a.ActivityCode).Order(StringComparer.Ordinal)),
        c.CommuneCode, c.PostalCode, c.SizeBandCode, c.LegalFormCode, c.FoundingYear, c.Status, c.Website, string.Join(',', c.Phones),
        c.DescriptionFr, c.ECommerce.SellsOnline, string.Join(',', c.ECommerce.Platforms), c.ServiceArea.WholeTerritory,
        string.Join(',', c.Languages), c.Contact.Name, c.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
}
