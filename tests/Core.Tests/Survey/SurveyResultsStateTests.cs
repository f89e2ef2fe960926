using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Statistics;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Core.Survey.Results;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Tests.Survey;

/// <summary>When a wave has results (closed, with answers), and what a withdrawn account leaves of its answers.</summary>
public sealed class SurveyResultsStateTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private SurveyResultsService Service(Data.AppDbContext db) =>
        new(db, new SurveyWaves(db, QuestionnaireCatalog.Default, TaxonomyCatalog.Default, _database.Clock), TaxonomyCatalog.Default, _database.Clock);

    /// <summary>A wave of three published companies, open from yesterday for 10 days, and the companies.</summary>
    private async Task<(SurveyWave Wave, List<Company> Companies)> WaveAsync()
    {
        var companies = Enumerable.Range(0, 3).Select(i => SampleCompanies.Valid($"etat-{i}")).ToList();
        var now = _database.Clock.GetUtcNow().UtcDateTime;
        var wave = new SurveyWave
        {
            Id = Guid.CreateVersion7(), Title = "Vague d'essai", QuestionnaireId = "enquete-annuelle", QuestionnaireVersion = 1,
            OpensAt = now.AddDays(-1), ClosesAt = now.AddDays(10), CreatedAt = now,
        };
        await using var db = _database.Context();
        db.Companies.AddRange(companies);
        db.SurveyWaves.Add(wave);
        db.SurveyWaveMembers.AddRange(companies.Select(c => new SurveyWaveMember { WaveId = wave.Id, CompanyId = c.Id }));
        await db.SaveChangesAsync(Cancel);
        return (wave, companies);
    }

    [Fact]
    public async Task An_open_wave_has_no_results_yet_and_a_closed_one_without_answers_publishes_nothing()
    {
        var (wave, companies) = await WaveAsync();
        await using (var db = _database.Context())
        {
            var open = await Service(db).ComputeAsync(wave.Id, StatisticsAudience.Analyst, Calibration.SectorAndSize, Cancel);
            Assert.Equal(ResultsState.NotClosed, open!.State);
            Assert.Empty(open.Questions);
            Assert.Equal(3, open.Population);
            // A draft is not an answer.
            db.SurveyResponses.Add(new SurveyResponse { Id = Guid.CreateVersion7(), WaveId = wave.Id, CompanyId = companies[0].Id, Answers = "{\"effectif\":{\"number\":3}}", Status = SurveyResponseStatus.Draft, Version = 1 });
            await db.SaveChangesAsync(Cancel);
        }
        _database.Clock.Advance(TimeSpan.FromDays(11));
        await using (var db = _database.Context())
        {
            var closed = await Service(db).ComputeAsync(wave.Id, StatisticsAudience.Public, Calibration.SectorAndSize, Cancel);
            Assert.Equal(ResultsState.NoResponse, closed!.State);
            Assert.Empty(closed.Questions);
            Assert.Null(closed.Weighting);
            Assert.Null(await Service(db).ComputeAsync(Guid.NewGuid(), StatisticsAudience.Public, Calibration.SectorAndSize, Cancel));
        }
    }

    [Fact]
    public async Task A_deleted_account_is_no_longer_named_on_its_answers_which_still_count()
    {
        var (wave, companies) = await WaveAsync();
        var user = Guid.NewGuid();
        await using (var db = _database.Context())
        {
            db.SurveyResponses.Add(new SurveyResponse
            {
                Id = Guid.CreateVersion7(), WaveId = wave.Id, CompanyId = companies[1].Id, Answers = "{\"effectif\":{\"number\":3}}",
                Status = SurveyResponseStatus.Submitted, Version = 1, UpdatedBy = user,
            });
            await db.SaveChangesAsync(Cancel);
            await _database.Lifecycle(db).ForgetAccountAsync(user, Cancel);
        }
        _database.Clock.Advance(TimeSpan.FromDays(11));
        await using (var db = _database.Context())
        {
            var response = await db.SurveyResponses.AsNoTracking().SingleAsync(r => r.WaveId == wave.Id, Cancel);
            Assert.Null(response.UpdatedBy);
            var results = await Service(db).ComputeAsync(wave.Id, StatisticsAudience.Analyst, Calibration.SectorAndSize, Cancel);
            Assert.Equal(1, results!.Respondents);
            Assert.Equal(1, results.Question("effectif")!.Overall.Respondents);
        }
    }
}
