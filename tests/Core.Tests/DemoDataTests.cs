using System.Globalization;
using System.Text.RegularExpressions;
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
    public void The_same_seed_gives_the_same_companies_whatever_the_day()
    {
        static string Identity(Company c) => string.Join('|', c.Slug, c.LegalName, c.TradeName, c.PrimaryActivityCode,
            string.Join(',', c.SecondaryActivities.Select(a => a.ActivityCode)), c.CommuneCode, c.Status, string.Join(',', c.Services), string.Join(',', c.Skills), c.Contact.Name);
        var generator = new DemoCompanyGenerator(TaxonomyCatalog.Default);

        var today = generator.Generate(1000, 2014, Reference).Select(Identity);
        var nextYear = generator.Generate(1000, 2014, Reference.AddDays(400)).Select(Identity);

        Assert.Equal(today, nextYear); // the site seeds on the day it starts: its demo companies are the same every day
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
    public void Descriptions_are_french_say_where_the_company_is_and_vary_in_form()
    {
        string[] latin = ["lorem", "ipsum", "dolor", "amet", "consectetur", "adipisci", "voluptas", "quia"];
        var companies = Generate(2000);
        var descriptions = companies.Select(c => c.DescriptionFr!).ToList();

        Assert.All(descriptions, d => Assert.DoesNotContain(latin, word => d.Contains(word, StringComparison.OrdinalIgnoreCase)));
        Assert.All(companies, c => Assert.Contains(TaxonomyCatalog.Default.FindCommune(c.CommuneCode)!.Name, c.DescriptionFr!, StringComparison.Ordinal));
        Assert.InRange(Share(companies, c => !c.DescriptionFr!.Contains(". ", StringComparison.Ordinal)), 0.1, 0.35); // one-liners
        Assert.InRange(Share(companies, c => c.DescriptionFr!.Contains("\n- ", StringComparison.Ordinal)), 0.1, 0.35); // lists
        Assert.InRange(Share(companies, c => c.DescriptionFr!.Contains(" ans d'expérience", StringComparison.Ordinal)), 0.05, 0.3);
        Assert.InRange(Share(companies, c => c.DescriptionFr!.Contains(" nous ", StringComparison.OrdinalIgnoreCase)), 0.6, 0.9); // first person plural
        Assert.InRange(Share(companies, c => c.DescriptionEn is not null), 0.25, 0.35);
    }

    [Fact]
    public void Every_activity_of_the_typology_has_a_vocabulary_and_only_plausible_neighbours()
    {
        var taxonomy = TaxonomyCatalog.Default;
        Assert.All(taxonomy.Activities, a => Assert.True(DemoCompanyGenerator.Vocabularies.ContainsKey(a.Code), $"{a.Code} has no vocabulary"));
        Assert.All(ActivityVocabularies.All, v => Assert.All(v.Related, code => Assert.NotNull(taxonomy.FindActivity(code))));
        Assert.All(ActivityVocabularies.All, v => Assert.DoesNotContain(v.Related, v.Activities.Contains));

        var companies = Generate(5000);
        Assert.All(companies, c => Assert.All(c.SecondaryActivities, s => Assert.Contains(s.ActivityCode,
            DemoCompanyGenerator.Vocabularies[c.PrimaryActivityCode].SelectMany(v => v.Related))));
        Assert.Equal(taxonomy.Activities.Count, companies.Select(c => c.PrimaryActivityCode).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Services_and_skills_come_from_the_vocabularies_of_the_company_s_own_activities()
    {
        var companies = Generate(5000);

        foreach (var company in companies)
        {
            var own = company.AllActivityCodes.SelectMany(code => DemoCompanyGenerator.Vocabularies[code]).ToList();
            var services = own.SelectMany(v => v.Services).ToHashSet(StringComparer.Ordinal);
            var skills = own.SelectMany(v => v.Skills).Concat(DemoVocabulary.GenericSkills).ToHashSet(StringComparer.Ordinal);
            Assert.All(company.Services, s => Assert.True(services.Contains(s), $"{company.DisplayName} ({string.Join(", ", company.AllActivityCodes)}) lists the service \"{s}\""));
            // Those the catalogue has are ticked in it instead.
            var ticked = services.Select(TaxonomyCatalog.Default.MatchService).OfType<Service>().Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
            Assert.All(company.ServiceCodes, code => Assert.Contains(code, ticked));
            Assert.DoesNotContain(company.Services, s => TaxonomyCatalog.Default.MatchService(s) is not null);
            Assert.All(company.Skills, s => Assert.True(skills.Contains(s), $"{company.DisplayName} ({string.Join(", ", company.AllActivityCodes)}) lists the skill \"{s}\""));
            Assert.InRange(company.Services.Count + company.ServiceCodes.Count, 1, 8);
        }
    }

    /// <summary>Words of a name that claim a trade, and the activities (activities.csv) allowed to claim it.</summary>
    public static TheoryData<string, string> ReservedNameTerms => new()
    {
        { "Web", "A0405 A0602 A0901 A1001" },
        { "Conseil", "A0501 A0903 A0904 A1104 A1105" },
        { "Consulting", "A0501 A0903 A0904 A1104 A1105" },
        { "Print", "A1005" },
        { "Imprimerie", "A1005" },
        { "Informatique", "A0102 A0201 A0203 A0405 A0501 A0502 A0503 A0504 A0505 A0601 A1102" },
        { "Dépannage", "A0505" },
        { "Réseaux", "A0301 A0304 A0305" },
        { "Câblage", "A0305" },
        { "Cloud", "A0503 A0601" },
        { "Hébergement", "A0601" },
        { "Infogérance", "A0503" },
        { "Cyber", "A0504" },
        { "Photo", "A1002" },
        { "Design", "A1001" },
        { "Formation", "A1101 A1102 A1103" },
        { "Traduction", "A1006" },
        { "Radio", "A0302 A0801" },
        { "Presse", "A0803 A0804 A0806" },
        { "Films", "A0701 A0702 A0703 A0705" },
        { "Prod", "A0701 A0702 A0703" },
        { "Cinéma", "A0205 A0701 A0703 A0706" },
        { "Éditions", "A0805" },
        { "Shop", "A0604" },
        { "Études", "A0904 A1105" },
    };

    [Theory]
    [MemberData(nameof(ReservedNameTerms))]
    public void No_name_claims_a_trade_the_company_does_not_have(string term, string activities)
    {
        var allowed = activities.Split(' ');
        var claiming = Generate(5000)
            .Where(c => new[] { c.DisplayName, c.LegalName }.Any(name => name.Split(' ', '-', '\'').Contains(term, StringComparer.OrdinalIgnoreCase)))
            .ToList();

        var wrong = claiming.Where(c => !c.AllActivityCodes.Any(allowed.Contains)).Select(c => $"{c.DisplayName} ({string.Join(", ", c.AllActivityCodes)})").ToList();
        Assert.True(wrong.Count == 0, $"\"{term}\" in the names of: {string.Join("; ", wrong.Take(10))}");
        Assert.NotEmpty(claiming); // the term is really used, so this test can fail
    }

    /// <summary>Phrases that only a company of some activities would write, and those activities (activities.csv).</summary>
    public static TheoryData<string, string> MarkerPhrases => new()
    {
        { "sites internet", "A0405 A0901 A1001" },
        { "sites vitrines", "A0405 A0901 A1001" },
        { "refonte de site", "A0405 A0901" },
        { "référencement", "A0901" },
        { "infogérance", "A0503" },
        { "dépann", "A0505" },
        { "réparation d'ordinateurs", "A0505" },
        { "maintenance informatique", "A0502 A0503 A0504 A0505" },
        { "assistance informatique", "A0502 A0503 A0504" },
        { "hébergement", "A0601 A0503" },
        { "cloud", "A0601 A0503" },
        { "études de marché", "A0904" },
        { "sondage", "A0904" },
        { "impression numérique", "A1005" },
        { "cartes de visite", "A1005" },
        { "tournage", "A0701 A0702 A0703" },
        { "fibre", "A0202 A0301 A0303 A0304 A0305 A1105" },
        { "câbl", "A0202 A0305" },
        { "tradu", "A1006" },
        { "interprét", "A1006" },
        { "photographi", "A1002" },
        { "jeux vidéo", "A0401" },
        { "smartphone", "A0204 A0506" },
        { "copieurs", "A0206" },
        { "centre d'appels", "A0605" },
        { "permanence téléphonique", "A0605" },
        { "formation bureautique", "A1101" },
        { " formons", "A1101 A1103" },
        { "cartes électroniques", "A0101 A0103 A0104" },
        { "sonoris", "A1004" },
        { "mixage", "A0704 A0707" },
        { "cybersécurité", "A0504 A1101" },
        { "conseil en", "A0501 A0903 A1104" },
    };

    [Theory]
    [MemberData(nameof(MarkerPhrases))]
    public void Descriptions_speak_only_of_the_company_s_own_activities(string marker, string activities)
    {
        var allowed = activities.Split(' ');
        var mentioning = Generate(5000)
            .Where(c => c.DescriptionFr!.Contains(marker, StringComparison.OrdinalIgnoreCase) || (c.DescriptionEn?.Contains(marker, StringComparison.OrdinalIgnoreCase) ?? false))
            .ToList();

        var wrong = mentioning.Where(c => !c.AllActivityCodes.Any(allowed.Contains)).Select(c => $"{c.DisplayName} ({string.Join(", ", c.AllActivityCodes)}): {c.DescriptionFr}").ToList();
        Assert.True(wrong.Count == 0, $"\"{marker}\" in the descriptions of: {string.Join("\n", wrong.Take(5))}");
        Assert.NotEmpty(mentioning); // the phrase is really written, so this test can fail
    }

    [Fact]
    public void Resellers_sell_online_more_than_consultants_and_every_e_commerce_company_sells_online()
    {
        var companies = Generate(5000);
        string[] resellers = ["A0203", "A0204", "A0205", "A0604"];
        string[] consultants = ["A0501", "A0903", "A1104", "A1105"];

        var resellersOnline = Share([.. companies.Where(c => resellers.Contains(c.PrimaryActivityCode))], c => c.ECommerce.SellsOnline);
        var consultantsOnline = Share([.. companies.Where(c => consultants.Contains(c.PrimaryActivityCode))], c => c.ECommerce.SellsOnline);

        Assert.InRange(resellersOnline, 0.45, 0.8);
        Assert.InRange(consultantsOnline, 0, 0.06);
        Assert.All(companies.Where(c => c.PrimaryActivityCode == "A0604"), c => Assert.True(c.ECommerce.SellsOnline));
    }

    [Fact]
    public void A_commune_or_a_local_place_is_in_a_name_only_when_the_company_is_there()
    {
        var taxonomy = TaxonomyCatalog.Default;
        var places = DemoVocabulary.PlaceRoots.SelectMany(p => p.Value.Select(r => (Commune: p.Key, Place: r.Root)))
            .Concat(taxonomy.Communes.Select(c => (Commune: c.Code, Place: c.Name)))
            .ToList();
        var companies = Generate(5000);

        foreach (var company in companies)
        {
            var elsewhere = places.Where(p => p.Commune != company.CommuneCode && Names(company, p.Place)).ToList();
            Assert.True(elsewhere.Count == 0, $"{company.DisplayName} is in {company.CommuneCode}, not in {string.Join(", ", elsewhere.Select(e => e.Commune))}");
        }
        Assert.Contains(companies, c => places.Any(p => p.Commune == c.CommuneCode && Names(c, p.Place)));

        static bool Names(Company company, string place) =>
            Regex.IsMatch(company.DisplayName, $@"(^|\s){Regex.Escape(place)}(\s|$)", RegexOptions.None, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_sole_trader_is_the_contact_and_often_trades_under_their_own_name()
    {
        var soleTraders = Generate(3000).Where(c => c.LegalFormCode == "EI").ToList();
        string[] roles = ["Gérant", "Gérante", "Fondateur", "Fondatrice"];

        Assert.All(soleTraders, c =>
        {
            var space = c.Contact.Name!.IndexOf(' ', StringComparison.Ordinal);
            Assert.Equal($"{c.Contact.Name[(space + 1)..].ToUpperInvariant()} {c.Contact.Name[..space]}", c.LegalName);
            Assert.Contains(c.Contact.Role, roles);
        });
        Assert.InRange(Share(soleTraders, c => c.TradeName!.StartsWith(c.Contact.Name!, StringComparison.Ordinal)), 0.3, 0.5);
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
        // About one published company in twenty shows one to three réalisations, each valid and about its own services.
        var realisations = await db.Realisations.AsNoTracking().ToListAsync(Cancel);
        Assert.InRange(realisations.Select(r => r.CompanyId).Distinct().Count(), 5, 50);
        Assert.All(realisations, r =>
        {
            var owner = stored.Single(c => c.Id == r.CompanyId);
            Assert.Equal(PublicationStatus.Published, owner.Status);
            Assert.Contains(DemoRealisations.Services(owner), service => r.Title.Contains(service[1..], StringComparison.Ordinal));
            Assert.Empty(RealisationRules.Check(new RealisationDraft(r.Title, r.ClientType, r.Year, r.Text, r.Link, null, null, null, null), database.Clock.GetUtcNow().Year));
        });
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
