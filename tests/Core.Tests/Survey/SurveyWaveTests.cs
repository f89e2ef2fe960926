using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Tests.Survey;

/// <summary>Census waves on a real SQLite file: the population, saving answers while open, and the response rate.</summary>
public sealed class SurveyWaveTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private DateTime Now => _database.Clock.GetUtcNow().UtcDateTime;

    private SurveyWaves Waves(Data.AppDbContext db) => new(db, QuestionnaireCatalog.Default, TaxonomyCatalog.Default, _database.Clock);

    /// <summary>Companies: a web agency in Nouméa, a repairer in Koné, a draft in Nouméa (not published), a photographer in Lifou.</summary>
    private async Task<(Company Web, Company Kone, Company Draft, Company Lifou)> CompaniesAsync()
    {
        var web = SampleCompanies.Valid("web-noumea");
        var kone = SampleCompanies.Valid("repare-kone");
        kone.PrimaryActivityCode = "A0505";
        kone.SecondaryActivities.Clear();
        kone.CommuneCode = "98811";
        kone.PostalCode = "98860";
        kone.SizeBandCode = "00";
        var draft = SampleCompanies.Valid("brouillon", PublicationStatus.Draft);
        var lifou = SampleCompanies.Valid("photo-lifou");
        lifou.PrimaryActivityCode = "A1002";
        lifou.SecondaryActivities.Clear();
        lifou.CommuneCode = "98814";
        lifou.PostalCode = "98820";
        await using var db = _database.Context();
        db.Companies.AddRange(web, kone, draft, lifou);
        await db.SaveChangesAsync(Cancel);
        return (web, kone, draft, lifou);
    }

    private WaveDraft Draft(string[]? sectors = null, string[]? provinces = null, int[]? reminders = null) =>
        new("Enquête 2026", "enquete-annuelle", null, Now.AddDays(-1), Now.AddDays(30), sectors ?? [], provinces ?? [], reminders ?? [7, 21]);

    private static Dictionary<string, SurveyAnswer> Complete() => new(StringComparer.Ordinal)
    {
        ["clients-types"] = new() { Split = new Dictionary<string, int> { ["entreprises"] = 100 } },
        ["clients-hors-nc"] = new() { Choice = "non" },
        ["effectif"] = new() { Number = 3 },
        ["embauches"] = new() { Number = 0 },
        ["recrutement-difficultes"] = new() { Choice = "pas-cherche" },
        ["ca-tranche"] = new() { Choice = "10-50m" },
        ["ca-evolution"] = new() { Choice = "stable" },
        ["perspectives"] = new() { Number = 3 },
        ["connexion-qualite"] = new() { Number = 2 },
        ["vente-en-ligne"] = new() { Choice = "non" },
    };

    [Fact]
    public async Task A_wave_asks_the_published_companies_of_its_sectors_and_provinces_with_the_latest_questionnaire()
    {
        var (web, kone, draft, lifou) = await CompaniesAsync();
        await using var db = _database.Context();

        var (everyone, _) = await Waves(db).CreateAsync(Draft(), Guid.NewGuid(), Cancel);
        var (north, _) = await Waves(db).CreateAsync(Draft(provinces: ["nord"]), null, Cancel);
        var (it, _) = await Waves(db).CreateAsync(Draft(sectors: ["S05"], provinces: ["sud", "nord"]), null, Cancel);

        async Task<Guid[]> Population(SurveyWave wave) => [.. (await db.SurveyWaveMembers.Where(m => m.WaveId == wave.Id).Select(m => m.CompanyId).ToListAsync(Cancel)).Order()];
        Assert.Equal(new[] { web.Id, kone.Id, lifou.Id }.Order(), await Population(everyone!));
        Assert.Equal([kone.Id], await Population(north!));
        Assert.Equal([kone.Id], await Population(it!));
        Assert.DoesNotContain(draft.Id, await Population(everyone!));
        Assert.Equal(("enquete-annuelle", QuestionnaireCatalog.Default.Latest("enquete-annuelle")!.Version), (everyone!.QuestionnaireId, everyone.QuestionnaireVersion));
    }

    [Theory]
    [InlineData("", WaveProblem.TitleRequired)]
    [InlineData("inconnu", WaveProblem.UnknownQuestionnaire)]
    [InlineData("dates", WaveProblem.DatesInWrongOrder)]
    [InlineData("passee", WaveProblem.ClosesInThePast)]
    [InlineData("secteur", WaveProblem.UnknownCode)]
    [InlineData("relance", WaveProblem.ReminderOutsideTheWave)]
    [InlineData("personne", WaveProblem.NobodyToAsk)]
    public async Task A_wave_that_cannot_run_is_refused_with_its_reason_and_nothing_is_created(string what, WaveProblem expected)
    {
        await CompaniesAsync();
        var draft = Draft();
        draft = what switch
        {
            "" => draft with { Title = " " },
            "inconnu" => draft with { QuestionnaireId = "inconnu" },
            "dates" => draft with { OpensAt = draft.ClosesAt },
            "passee" => draft with { OpensAt = Now.AddDays(-30), ClosesAt = Now.AddDays(-1) },
            "secteur" => draft with { SectorCodes = ["S99"] },
            "relance" => draft with { ReminderDays = [40] },
            _ => draft with { SectorCodes = ["S08"], ProvinceCodes = ["iles"] },
        };
        await using var db = _database.Context();

        var (wave, problem) = await Waves(db).CreateAsync(draft, null, Cancel);

        Assert.Null(wave);
        Assert.Equal(expected, problem);
        Assert.Equal(0, await db.SurveyWaves.CountAsync(Cancel));
    }

    [Fact]
    public async Task Answers_are_saved_as_a_draft_resumed_submitted_and_edited_until_the_wave_closes_one_response_per_company()
    {
        var (web, _, _, _) = await CompaniesAsync();
        await using var db = _database.Context();
        var waves = Waves(db);
        var (wave, _) = await waves.CreateAsync(Draft(), null, Cancel);
        var key = wave!.QuestionnaireKey;

        var first = await waves.SaveAsync(wave.Id, web.Id, key, new Dictionary<string, SurveyAnswer> { ["effectif"] = new() { Number = 3 } }, submit: false, null, null, Cancel);
        Assert.Equal((SaveResult.Saved, 1), (first.Result, first.Version));
        var draft = await waves.ResponseAsync(wave.Id, web.Id, Cancel);
        Assert.Equal(SurveyResponseStatus.Draft, draft!.Status);
        Assert.Equal(3, SurveyWaves.Read(draft)["effectif"].Number);

        // Submitting needs every required question shown.
        var incomplete = await waves.SaveAsync(wave.Id, web.Id, key, SurveyWaves.Read(draft), submit: true, 1, null, Cancel);
        Assert.Equal(SaveResult.Invalid, incomplete.Result);
        Assert.Contains(incomplete.Issues!, i => i.Question == "ca-tranche" && i.Problem == SurveyProblem.Required);

        var submitted = await waves.SaveAsync(wave.Id, web.Id, key, Complete(), submit: true, 1, null, Cancel);
        Assert.Equal((SaveResult.Submitted, 2), (submitted.Result, submitted.Version));
        // Someone else's save in between is not overwritten unknowingly.
        Assert.Equal(SaveResult.Stale, (await waves.SaveAsync(wave.Id, web.Id, key, Complete(), submit: true, 1, null, Cancel)).Result);
        var edited = Complete();
        edited["effectif"] = new() { Number = 4 };
        Assert.Equal(SaveResult.Saved, (await waves.SaveAsync(wave.Id, web.Id, key, edited, submit: false, 2, null, Cancel)).Result);
        var response = await waves.ResponseAsync(wave.Id, web.Id, Cancel);
        Assert.Equal((SurveyResponseStatus.Submitted, 4), (response!.Status, SurveyWaves.Read(response)["effectif"].Number));
        Assert.Equal(1, await db.SurveyResponses.CountAsync(Cancel));

        // After closing, nothing is taken, and the closing date is given.
        _database.Clock.Advance(TimeSpan.FromDays(31));
        var late = await waves.SaveAsync(wave.Id, web.Id, key, Complete(), submit: true, 3, null, Cancel);
        Assert.Equal((SaveResult.NotOpen, wave.ClosesAt), (late.Result, late.ClosesAt));
    }

    [Fact]
    public async Task Answers_for_another_questionnaire_version_or_a_company_outside_the_population_are_refused()
    {
        var (web, kone, draftCompany, _) = await CompaniesAsync();
        await using var db = _database.Context();
        var waves = Waves(db);
        var (wave, _) = await waves.CreateAsync(Draft(provinces: ["sud"]), null, Cancel);

        Assert.Equal(SaveResult.QuestionnaireChanged, (await waves.SaveAsync(wave!.Id, web.Id, "enquete-annuelle@99", Complete(), true, null, null, Cancel)).Result);
        Assert.Equal(SaveResult.NotInPopulation, (await waves.SaveAsync(wave.Id, kone.Id, wave.QuestionnaireKey, Complete(), true, null, null, Cancel)).Result);
        Assert.Equal(SaveResult.NotInPopulation, (await waves.SaveAsync(wave.Id, draftCompany.Id, wave.QuestionnaireKey, Complete(), true, null, null, Cancel)).Result);
        Assert.Equal(SaveResult.NotFound, (await waves.SaveAsync(Guid.NewGuid(), web.Id, wave.QuestionnaireKey, Complete(), true, null, null, Cancel)).Result);
        Assert.Equal(0, await db.SurveyResponses.CountAsync(Cancel));
    }

    [Fact]
    public async Task The_response_rate_counts_submitted_responses_over_the_population_overall_and_by_sector_province_and_size()
    {
        var (web, kone, _, lifou) = await CompaniesAsync();
        await using var db = _database.Context();
        var waves = Waves(db);
        var (wave, _) = await waves.CreateAsync(Draft(), null, Cancel);
        await waves.SaveAsync(wave!.Id, web.Id, wave.QuestionnaireKey, Complete(), submit: true, null, null, Cancel);
        await waves.SaveAsync(wave.Id, kone.Id, wave.QuestionnaireKey, new Dictionary<string, SurveyAnswer> { ["effectif"] = new() { Number = 0 } }, submit: false, null, null, Cancel);

        var rate = await waves.RateAsync(wave.Id, Cancel);

        Assert.Equal((3L, 1L, 1L), (rate.Overall.Population, rate.Overall.Submitted, rate.Overall.Drafts));
        Assert.Equal(1.0 / 3, rate.Overall.Rate, 6);
        Assert.Equal([("sud", 1L, 1L), ("nord", 1L, 0L), ("iles", 1L, 0L)], rate.ByProvince.Select(r => (r.Code, r.Population, r.Submitted)));
        Assert.Equal([("S04", 1L, 1L), ("S05", 1L, 0L), ("S10", 1L, 0L)], rate.BySector.Select(r => (r.Code, r.Population, r.Submitted)));
        Assert.Equal([("0", 1L, 0L), ("1-9", 2L, 1L)], rate.BySizeBand.Select(r => (r.Code, r.Population, r.Submitted)));
        _ = lifou;
    }
}
