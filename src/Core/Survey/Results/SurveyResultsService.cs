using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Statistics;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Survey.Results;

/// <summary>
/// The results of census waves (docs/adr/0030): after closing, the submitted responses weighted to the wave's
/// population, then protected for the public. The population's groups are read from the companies as they are now
/// (an archived company stays in its wave's aggregates).
/// </summary>
public sealed class SurveyResultsService(AppDbContext db, SurveyWaves waves, TaxonomyCatalog taxonomy, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<WaveResults?> ComputeAsync(Guid waveId, StatisticsAudience audience, Calibration calibration, CancellationToken cancellationToken)
    {
        var wave = await db.SurveyWaves.AsNoTracking().SingleOrDefaultAsync(w => w.Id == waveId, cancellationToken);
        return wave is null ? null : await ComputeAsync(wave, audience, calibration, cancellationToken);
    }

    public async Task<WaveResults> ComputeAsync(SurveyWave wave, StatisticsAudience audience, Calibration calibration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wave);
        var questionnaire = waves.QuestionnaireOf(wave);
        var population = await PopulationAsync(wave.Id, cancellationToken);
        if (Now < wave.ClosesAt)
        {
            return new WaveResults(wave, questionnaire, ResultsState.NotClosed, audience, population.Count, 0, null, [], Now);
        }
        var responses = await db.SurveyResponses.AsNoTracking()
            .Where(r => r.WaveId == wave.Id && r.Status == SurveyResponseStatus.Submitted)
            .Select(r => new { r.CompanyId, r.Answers })
            .ToListAsync(cancellationToken);
        var units = population.ToDictionary(u => u.CompanyId);
        var respondents = responses.Where(r => units.ContainsKey(r.CompanyId))
            .Select(r => new SurveyRespondent(units[r.CompanyId], SurveyWaves.Read(new SurveyResponse { Answers = r.Answers })))
            .ToList();
        if (respondents.Count == 0)
        {
            return new WaveResults(wave, questionnaire, ResultsState.NoResponse, audience, population.Count, 0, null, [], Now);
        }
        return Results(wave, questionnaire, audience, population, respondents, calibration, Now);
    }

    /// <summary>The figures of a closed wave, for an audience (no database: the benchmark and the tests call it too).</summary>
    public static WaveResults Results(SurveyWave wave, Questionnaire questionnaire, StatisticsAudience audience, IReadOnlyList<SurveyUnit> population,
        IReadOnlyList<SurveyRespondent> respondents, Calibration calibration, DateTime now)
    {
        var estimates = SurveyEstimator.Estimate(questionnaire, population, respondents, calibration);
        var questions = audience == StatisticsAudience.Analyst ? estimates.Questions : SurveyDisclosure.Protect(estimates, questionnaire);
        return new WaveResults(wave, questionnaire, ResultsState.Ready, audience, population.Count, respondents.Count, estimates.Weighting, questions, now);
    }

    /// <summary>A wave's population, each company by its sector (main activity), size band and province.</summary>
    public async Task<List<SurveyUnit>> PopulationAsync(Guid waveId, CancellationToken cancellationToken)
    {
        var members = await db.SurveyWaveMembers.AsNoTracking().Where(m => m.WaveId == waveId)
            .Join(db.Companies, m => m.CompanyId, c => c.Id, (_, c) => new { c.Id, c.PrimaryActivityCode, c.SizeBandCode, c.CommuneCode })
            .ToListAsync(cancellationToken);
        return [.. members.Select(m => new SurveyUnit(
            m.Id,
            taxonomy.FindActivity(m.PrimaryActivityCode)?.SectorCode ?? "",
            taxonomy.FindSizeBand(m.SizeBandCode)?.FacetBand ?? "",
            taxonomy.FindCommune(m.CommuneCode)?.ProvinceCode ?? ""))];
    }

    /// <summary>Closed waves, the latest first.</summary>
    public async Task<List<SurveyWave>> ClosedAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var closed = await db.SurveyWaves.AsNoTracking().Where(w => w.ClosesAt <= now).ToListAsync(cancellationToken);
        return [.. closed.OrderByDescending(w => w.ClosesAt).ThenByDescending(w => w.Id)];
    }

    /// <summary>
    /// The wave a closed wave compares with: the latest one closed before it opened, asking the same questionnaire (any
    /// version: questions keep their ids) of the same population (same sectors and provinces asked).
    /// </summary>
    public async Task<SurveyWave?> PreviousAsync(SurveyWave wave, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wave);
        var candidates = await db.SurveyWaves.AsNoTracking()
            .Where(w => w.Id != wave.Id && w.QuestionnaireId == wave.QuestionnaireId && w.ClosesAt <= wave.OpensAt)
            .ToListAsync(cancellationToken);
        return candidates
            .Where(w => w.SectorCodes.Order().SequenceEqual(wave.SectorCodes.Order()) && w.ProvinceCodes.Order().SequenceEqual(wave.ProvinceCodes.Order()))
            .OrderByDescending(w => w.ClosesAt)
            .FirstOrDefault();
    }
}
