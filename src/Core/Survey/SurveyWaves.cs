using System.Text.Json;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Survey;

/// <summary>What an analyst asks for when creating a wave.</summary>
public sealed record WaveDraft(
    string? Title, string QuestionnaireId, int? QuestionnaireVersion, DateTime OpensAt, DateTime ClosesAt,
    IReadOnlyList<string> SectorCodes, IReadOnlyList<string> ProvinceCodes, IReadOnlyList<int> ReminderDays);

/// <summary>Why a wave cannot be created.</summary>
public enum WaveProblem
{
    TitleRequired,
    UnknownQuestionnaire,
    DatesInWrongOrder,
    ClosesInThePast,
    UnknownCode,
    NobodyToAsk,
    ReminderOutsideTheWave,
}

public enum SaveResult
{
    Saved,
    Submitted,
    NotFound,
    NotInPopulation,
    NotOpen,
    QuestionnaireChanged,
    Invalid,
    Stale,
}

/// <summary>The outcome of saving answers: the response's new version, or why nothing was saved.</summary>
public sealed record SaveOutcome(SaveResult Result, int Version = 0, IReadOnlyList<SurveyIssue>? Issues = null, DateTime? ClosesAt = null, DateTime? OpensAt = null);

/// <summary>How many of a group of the population submitted their answers.</summary>
public sealed record RateRow(string Code, long Population, long Submitted, long Drafts)
{
    public double Rate => Population == 0 ? 0 : (double)Submitted / Population;
}

/// <summary>A wave's response rate, overall and by sector (main activity), province (of the commune) and size band.</summary>
public sealed record ResponseRate(RateRow Overall, IReadOnlyList<RateRow> BySector, IReadOnlyList<RateRow> ByProvince, IReadOnlyList<RateRow> BySizeBand);

/// <summary>
/// Census waves (docs/adr/0028): creating one with its population, saving a company's answers while it is open, and
/// its response rate. Answers are checked by <see cref="SurveyRules"/>; only the questions shown are kept.
/// </summary>
public sealed class SurveyWaves(AppDbContext db, QuestionnaireCatalog questionnaires, TaxonomyCatalog taxonomy, TimeProvider clock)
{
    public const int TitleMaxLength = 200;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<(SurveyWave? Wave, WaveProblem? Problem)> CreateAsync(WaveDraft draft, Guid? analyst, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var questionnaire = draft.QuestionnaireVersion is { } version ? questionnaires.Find(draft.QuestionnaireId, version) : questionnaires.Latest(draft.QuestionnaireId);
        WaveProblem? problem = string.IsNullOrWhiteSpace(draft.Title) || draft.Title.Trim().Length > TitleMaxLength ? WaveProblem.TitleRequired
            : questionnaire is null ? WaveProblem.UnknownQuestionnaire
            : draft.OpensAt >= draft.ClosesAt ? WaveProblem.DatesInWrongOrder
            : draft.ClosesAt <= Now ? WaveProblem.ClosesInThePast
            : draft.SectorCodes.Any(c => taxonomy.FindSector(c) is null) || draft.ProvinceCodes.Any(c => taxonomy.FindProvince(c) is null) ? WaveProblem.UnknownCode
            : draft.ReminderDays.Any(d => d < 1 || draft.OpensAt.AddDays(d) >= draft.ClosesAt) ? WaveProblem.ReminderOutsideTheWave
            : null;
        if (problem is not null)
        {
            return (null, problem);
        }
        var population = await PopulationAsync(draft.SectorCodes, draft.ProvinceCodes, cancellationToken);
        if (population.Count == 0)
        {
            return (null, WaveProblem.NobodyToAsk);
        }
        var wave = new SurveyWave
        {
            Id = Guid.CreateVersion7(),
            Title = draft.Title!.Trim(),
            QuestionnaireId = questionnaire!.Id,
            QuestionnaireVersion = questionnaire.Version,
            OpensAt = draft.OpensAt,
            ClosesAt = draft.ClosesAt,
            SectorCodes = [.. draft.SectorCodes.Distinct(StringComparer.Ordinal)],
            ProvinceCodes = [.. draft.ProvinceCodes.Distinct(StringComparer.Ordinal)],
            ReminderDays = [.. draft.ReminderDays.Distinct().Order()],
            CreatedAt = Now,
            CreatedBy = analyst,
        };
        db.SurveyWaves.Add(wave);
        db.SurveyWaveMembers.AddRange(population.Select(id => new SurveyWaveMember { WaveId = wave.Id, CompanyId = id }));
        await db.SaveChangesAsync(cancellationToken);
        return (wave, null);
    }

    /// <summary>The published companies in the sectors (any of their activities) and provinces (of their commune) asked; all when none.</summary>
    private async Task<List<Guid>> PopulationAsync(IReadOnlyList<string> sectors, IReadOnlyList<string> provinces, CancellationToken cancellationToken)
    {
        var companies = await db.Companies.AsNoTracking().Where(c => c.Status == PublicationStatus.Published)
            .Select(c => new { c.Id, c.PrimaryActivityCode, c.CommuneCode, Secondary = c.SecondaryActivities.Select(a => a.ActivityCode).ToList() })
            .ToListAsync(cancellationToken);
        return [.. companies.Where(c =>
            (sectors.Count == 0 || c.Secondary.Prepend(c.PrimaryActivityCode).Any(a => taxonomy.FindActivity(a) is { } activity && sectors.Contains(activity.SectorCode)))
            && (provinces.Count == 0 || taxonomy.FindCommune(c.CommuneCode) is { } commune && (provinces.Contains(commune.ProvinceCode) || commune.OtherProvinceCodes.Any(provinces.Contains))))
            .Select(c => c.Id)];
    }

    /// <summary>The questionnaire a wave asks.</summary>
    public Questionnaire QuestionnaireOf(SurveyWave wave)
    {
        ArgumentNullException.ThrowIfNull(wave);
        return questionnaires.Find(wave.QuestionnaireId, wave.QuestionnaireVersion)
            ?? throw new InvalidDataException($"Wave {wave.Id} asks {wave.QuestionnaireKey}, which this version of the product does not ship.");
    }

    /// <summary>A company's response to a wave, or null when it has none yet.</summary>
    public Task<SurveyResponse?> ResponseAsync(Guid waveId, Guid companyId, CancellationToken cancellationToken) =>
        db.SurveyResponses.AsNoTracking().SingleOrDefaultAsync(r => r.WaveId == waveId && r.CompanyId == companyId, cancellationToken);

    public static IReadOnlyDictionary<string, SurveyAnswer> Read(SurveyResponse? response) =>
        response is null ? new Dictionary<string, SurveyAnswer>()
            : JsonSerializer.Deserialize<Dictionary<string, SurveyAnswer>>(response.Answers, QuestionnaireCatalog.Json) ?? [];

    /// <summary>The answers as stored: those kept (<see cref="SurveyRules.Kept"/>), as JSON.</summary>
    public static string Write(Questionnaire questionnaire, IReadOnlyDictionary<string, SurveyAnswer> answers) =>
        JsonSerializer.Serialize(SurveyRules.Kept(questionnaire, answers), QuestionnaireCatalog.Json);

    /// <summary>
    /// Saves a company's answers (a draft, or submitted with <paramref name="submit"/>) while the wave is open. Refused,
    /// with nothing saved: another questionnaire version than the wave's, a company outside its population, answers
    /// that break the rules, or a response saved by someone else since <paramref name="readVersion"/> was read.
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(Guid waveId, Guid companyId, string questionnaireKey, IReadOnlyDictionary<string, SurveyAnswer> answers,
        bool submit, int? readVersion, Guid? actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var wave = await db.SurveyWaves.AsNoTracking().SingleOrDefaultAsync(w => w.Id == waveId, cancellationToken);
        if (wave is null)
        {
            return new(SaveResult.NotFound);
        }
        if (!wave.IsOpen(Now))
        {
            return new(SaveResult.NotOpen, ClosesAt: wave.ClosesAt, OpensAt: wave.OpensAt);
        }
        if (questionnaireKey != wave.QuestionnaireKey)
        {
            return new(SaveResult.QuestionnaireChanged);
        }
        if (!await db.SurveyWaveMembers.AnyAsync(m => m.WaveId == waveId && m.CompanyId == companyId, cancellationToken))
        {
            return new(SaveResult.NotInPopulation);
        }
        var questionnaire = QuestionnaireOf(wave);
        if (SurveyRules.Check(questionnaire, answers, complete: submit) is { Count: > 0 } issues)
        {
            return new(SaveResult.Invalid, Issues: issues);
        }
        var response = await db.SurveyResponses.SingleOrDefaultAsync(r => r.WaveId == waveId && r.CompanyId == companyId, cancellationToken);
        if (response is not null && readVersion is { } read && read != response.Version)
        {
            return new(SaveResult.Stale, response.Version);
        }
        if (response is null)
        {
            response = new SurveyResponse { Id = Guid.CreateVersion7(), WaveId = waveId, CompanyId = companyId };
            db.SurveyResponses.Add(response);
        }
        response.Answers = Write(questionnaire, answers);
        response.UpdatedAt = Now;
        response.UpdatedBy = actor;
        response.Version++;
        // Submitted stays submitted: a later save edits the answers, it does not take them back.
        if (submit || response.Status == SurveyResponseStatus.Submitted)
        {
            response.SubmittedAt = submit || response.SubmittedAt is null ? Now : response.SubmittedAt;
            response.Status = SurveyResponseStatus.Submitted;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two first saves for one company at once (the unique index), or a concurrent edit (the version).
            db.ChangeTracker.Clear();
            return new(SaveResult.Stale);
        }
        return new(response.Status == SurveyResponseStatus.Submitted && submit ? SaveResult.Submitted : SaveResult.Saved, response.Version);
    }

    /// <summary>The response rate of a wave: submitted responses over its population, overall and by group.</summary>
    public async Task<ResponseRate> RateAsync(Guid waveId, CancellationToken cancellationToken)
    {
        var members = await db.SurveyWaveMembers.AsNoTracking().Where(m => m.WaveId == waveId)
            .Join(db.Companies, m => m.CompanyId, c => c.Id, (_, c) => new { c.Id, c.PrimaryActivityCode, c.CommuneCode, c.SizeBandCode })
            .ToListAsync(cancellationToken);
        var statuses = await db.SurveyResponses.AsNoTracking().Where(r => r.WaveId == waveId)
            .ToDictionaryAsync(r => r.CompanyId, r => r.Status, cancellationToken);
        var rows = members.Select(m => (
            Sector: taxonomy.FindActivity(m.PrimaryActivityCode)?.SectorCode ?? "",
            Province: taxonomy.FindCommune(m.CommuneCode)?.ProvinceCode ?? "",
            Size: taxonomy.FindSizeBand(m.SizeBandCode)?.FacetBand ?? "",
            Status: statuses.TryGetValue(m.Id, out var status) ? status : (SurveyResponseStatus?)null)).ToList();
        RateRow Row(string code, IEnumerable<(string Sector, string Province, string Size, SurveyResponseStatus? Status)> group)
        {
            var list = group.ToList();
            return new(code, list.Count, list.Count(r => r.Status == SurveyResponseStatus.Submitted), list.Count(r => r.Status == SurveyResponseStatus.Draft));
        }
        List<RateRow> By(Func<(string Sector, string Province, string Size, SurveyResponseStatus? Status), string> key, IEnumerable<string> order) =>
            [.. order.Select(code => Row(code, rows.Where(r => key(r) == code))).Where(r => r.Population > 0)];
        return new ResponseRate(
            Row("", rows),
            By(r => r.Sector, taxonomy.Sectors.Select(s => s.Code)),
            By(r => r.Province, taxonomy.Provinces.Select(p => p.Code)),
            By(r => r.Size, Search.FacetCatalog.SizeBandOrder.Append("")));
    }
}
