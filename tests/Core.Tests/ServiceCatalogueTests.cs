using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Import;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Statistics;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnnuaireFiliere.Core.Tests;

/// <summary>The services catalogue (<c>services.csv</c>): its data, how free text maps to it, and its way in through imports.</summary>
public sealed class ServiceCatalogueTests : IAsyncLifetime
{
    private const string PreviousMigration = "20261203153613_ProfileDailyCounts";

    private readonly TaxonomyCatalog _taxonomy = TaxonomyCatalog.Default;
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public void The_catalogue_holds_between_80_and_150_services_each_labelled_in_french_and_english_and_tied_to_activities()
    {
        Assert.InRange(_taxonomy.Services.Count, 80, 150);
        Assert.All(_taxonomy.Services, s =>
        {
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", s.Code);
            Assert.False(string.IsNullOrWhiteSpace(s.LabelFr));
            Assert.False(string.IsNullOrWhiteSpace(s.LabelEn));
            Assert.NotEmpty(s.ActivityCodes);
            Assert.All(s.ActivityCodes, a => Assert.NotNull(_taxonomy.FindActivity(a)));
            Assert.NotNull(_taxonomy.FindServiceCategory(s.CategoryCode));
        });
        // Every activity of the typology is offered services when a company picks its own.
        Assert.All(_taxonomy.Activities, a => Assert.NotEmpty(_taxonomy.ServicesFor([a.Code])));
        // Each category is used.
        Assert.All(_taxonomy.ServiceCategories, c => Assert.Contains(_taxonomy.Services, s => s.CategoryCode == c.Code));
    }

    [Theory]
    [InlineData("Création de sites internet", "site-vitrine")]
    [InlineData("creation site internet", "site-vitrine")]
    [InlineData("SITES E-COMMERCE", "boutique-en-ligne")]
    [InlineData("Online shop development", "boutique-en-ligne")]
    [InlineData("boutique-en-ligne", "boutique-en-ligne")]
    [InlineData("vidéosurveillance", "videosurveillance")]
    [InlineData("tournage aérien par drone", "drone")]
    public void Free_text_meaning_a_service_is_matched_whatever_its_case_accents_plural_or_language(string text, string code) =>
        Assert.Equal(code, _taxonomy.MatchService(text)?.Code);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("coffrets étanches pour le climat tropical")]
    [InlineData("site")]
    public void Other_text_matches_no_service(string text) => Assert.Null(_taxonomy.MatchService(text));

    [Fact]
    public void A_company_s_free_text_services_that_the_catalogue_has_become_ticked_services_and_the_others_stay()
    {
        var company = SampleCompanies.Valid();
        company.ServiceCodes = ["drone"];
        company.Services = ["sites e-commerce", "coffrets étanches pour le climat tropical", "Tournage aérien par drone", "boutique en ligne"];

        Assert.True(company.MoveCatalogueServices(_taxonomy));

        Assert.Equal(["drone", "boutique-en-ligne"], company.ServiceCodes);
        Assert.Equal(["coffrets étanches pour le climat tropical"], company.Services);
        Assert.False(company.MoveCatalogueServices(_taxonomy));
    }

    [Fact]
    public void An_unknown_service_code_or_too_many_services_are_refused_by_the_profile_rules()
    {
        var validator = new CompanyValidator(_taxonomy, TimeProvider.System);
        var company = SampleCompanies.Valid();
        company.ServiceCodes = ["site-vitrine", "pas-un-service"];
        Assert.Contains(validator.Validate(company), i => i.Field == nameof(Company.ServiceCodes) && i.Message.Contains("pas-un-service", StringComparison.Ordinal));

        company.ServiceCodes = [.. _taxonomy.Services.Take(CompanyValidator.MaxCatalogueServices + 1).Select(s => s.Code)];
        Assert.Contains(validator.Validate(company), i => i.Field == nameof(Company.ServiceCodes));

        company.ServiceCodes = [.. _taxonomy.Services.Take(CompanyValidator.MaxCatalogueServices).Select(s => s.Code)];
        Assert.DoesNotContain(validator.Validate(company), i => i.Field == nameof(Company.ServiceCodes));
    }

    [Fact]
    public void The_search_document_has_the_codes_and_the_labels_in_both_languages_then_the_company_s_own_words()
    {
        var company = SampleCompanies.Valid();
        company.ServiceCodes = ["boutique-en-ligne"];
        company.Services = ["coffrets étanches"];

        var document = company.ToDocument(_taxonomy);

        Assert.Equal(["boutique-en-ligne"], document.ServiceCodes);
        Assert.Equal(["Création de boutique en ligne", "coffrets étanches"], document.Services);
        Assert.Equal(["Online shop development"], document.ServicesEn);
        Assert.Equal(["boutique-en-ligne"], SearchFields.FacetValues(document, FacetNames.Service));
    }

    [Fact]
    public async Task The_import_template_takes_services_of_the_catalogue_by_code_or_label_and_ticks_the_free_text_ones_it_has()
    {
        var report = await ImportAsync(
            "ridet;raison_sociale;activite_principale;commune;services_catalogue;services",
            "1234567;Cagou Web;A0405;98818;site-vitrine|Création de boutique en ligne;référencement naturel|coffrets étanches",
            "7654321;Mauvais Service;A0405;98818;site-vitrine|fabrication de pirogues;");

        Assert.Equal(ImportOutcome.Created, report.Rows[0].Outcome);
        Assert.Equal(ImportOutcome.Rejected, report.Rows[1].Outcome);
        Assert.Contains("« fabrication de pirogues »", report.Rows[1].Reason, StringComparison.Ordinal);
        await using var db = _database.Context();
        var cagou = await db.Companies.SingleAsync(c => c.LegalName == "Cagou Web", TestContext.Current.CancellationToken);
        Assert.Equal(["site-vitrine", "boutique-en-ligne", "referencement"], cagou.ServiceCodes);
        Assert.Equal(["coffrets étanches"], cagou.Services);
    }

    [Fact]
    public async Task Opening_a_database_from_before_the_catalogue_ticks_the_services_companies_had_written()
    {
        TestPostgres.SkipOnPostgres("a database from before the services catalogue is a SQLite file: PostgreSQL databases start with it");
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        var company = SampleCompanies.Valid();
        company.Services = ["création de sites internet", "coffrets étanches"];
        await using (var old = database.ContextAtOlderSchema())
        {
            await old.GetService<IMigrator>().MigrateAsync(PreviousMigration, cancellationToken: TestContext.Current.CancellationToken);
            await new TaxonomySynchronizer(old, NullLogger<TaxonomySynchronizer>.Instance).SynchronizeAsync(TaxonomyCatalog.LoadEmbedded(), TestContext.Current.CancellationToken);
            old.Companies.Add(company);
            await old.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var paths = database.Paths();

        await using (var db = database.Context())
        {
            await new DatabaseInitializer(db, paths, database.Clock, NullLoggerFactory.Instance, NullLogger<DatabaseInitializer>.Instance)
                .InitializeAsync(TestContext.Current.CancellationToken);
        }

        await using var after = database.Context();
        var mapped = await after.Companies.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["site-vitrine"], mapped.ServiceCodes);
        Assert.Equal(["coffrets étanches"], mapped.Services);
        Assert.Equal(company.Version + 1, mapped.Version);
        Assert.Equal(company.UpdatedAt, mapped.UpdatedAt);
        Assert.Contains(await after.IndexingTasks.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken),
            t => t.CompanyId == mapped.Id && t.CompanyVersion == mapped.Version);
    }

    [Fact]
    public void Statistics_count_the_companies_of_each_service_and_a_segment_can_be_the_companies_of_a_service()
    {
        var facts = new FactTable();
        string[][] picks = [["site-vitrine", "drone"], ["site-vitrine"], [], ["cablage"]];
        foreach (var (codes, i) in picks.Select((codes, i) => (codes, i)))
        {
            var company = SampleCompanies.Valid("entreprise-" + i);
            company.ServiceCodes = [.. codes];
            facts.Add(company, _taxonomy);
        }
        var now = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

        foreach (var table in new[] { facts, FactsCodec.Decode(FactsCodec.Encode(facts)) })
        {
            var services = StatisticsCalculator.Compute(table, new SearchRequest(), StatisticsAudience.Analyst, now, _taxonomy).Distribution(StatisticsNames.Service);
            Assert.Equal([("site-vitrine", 2L), ("drone", 1L), ("cablage", 1L)], services.Rows.Select(r => (r.Code, r.Cell.Count)).OrderByDescending(r => r.Item2).ThenBy(r => r.Code == "cablage"));
            Assert.Equal("Création de site vitrine", services.Rows[0].Label);
            var segment = StatisticsCalculator.Compute(table, new SearchRequest { Services = ["drone", "cablage"] }, StatisticsAudience.Analyst, now, _taxonomy);
            Assert.Equal(2, segment.Total);
        }
    }

    private async Task<ImportReport> ImportAsync(params string[] lines)
    {
        await using var db = _database.Context();
        var service = new ImportService(db, _taxonomy, new CompanyValidator(_taxonomy, _database.Clock), _database.Lifecycle(db));
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines)));
        return await service.ImportAsync(stream, "services.csv", new ImportOptions(), cancellationToken: TestContext.Current.CancellationToken);
    }
}
