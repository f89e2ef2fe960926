using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Demo;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Core.Tests;

/// <summary>The demo's two closed census waves: populations, response rates, drafts and answers.</summary>
public sealed class DemoSurveysTests
{
    private static readonly DateTime Reference = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private static Questionnaire Questionnaire => QuestionnaireCatalog.Default.Latest("enquete-annuelle")!;

    [Fact]
    public async Task Seeding_opens_two_closed_waves_answered_by_about_two_thirds_of_the_companies_published_then()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var services = database.DemoServices())
        {
            await services.GetRequiredService<DemoSeeder>().SeedAsync(900, 2014, batchSize: 100, cancellationToken: Cancel);
        }
        var now = database.Clock.GetUtcNow().UtcDateTime;
        await using var db = database.Context();
        var waves = await db.SurveyWaves.AsNoTracking().OrderBy(w => w.OpensAt).ToListAsync(Cancel);
        var companies = await db.Companies.AsNoTracking().ToDictionaryAsync(c => c.Id, Cancel);
        var members = await db.SurveyWaveMembers.AsNoTracking().ToListAsync(Cancel);
        var responses = await db.SurveyResponses.AsNoTracking().ToListAsync(Cancel);
        var surveys = new SurveyWaves(db, QuestionnaireCatalog.Default, TaxonomyCatalog.Default, database.Clock);

        // The test clock is 2 November 2026: the censuses of 2024 and 2025, opened in March 2025 and March 2026.
        Assert.Equal(["Enquête annuelle 2024", "Enquête annuelle 2025"], waves.Select(w => w.Title));
        Assert.All(waves, wave =>
        {
            Assert.False(wave.IsOpen(now));
            Assert.True(wave.ClosesAt < now);
            Assert.Equal(42, (wave.ClosesAt - wave.OpensAt).TotalDays);
            Assert.Equal(Questionnaire.Key, wave.QuestionnaireKey);
            Assert.All(wave.ReminderDays, day => Assert.True(wave.OpensAt.AddDays(day) < wave.ClosesAt));
            Assert.NotEmpty(wave.ReminderDays);
        });
        Assert.InRange((now - waves[0].OpensAt).TotalDays, 540, 640);
        Assert.InRange((now - waves[1].OpensAt).TotalDays, 180, 280);

        foreach (var wave in waves)
        {
            var population = members.Where(m => m.WaveId == wave.Id).Select(m => m.CompanyId).ToHashSet();
            var expected = companies.Values.Where(c => c.Status == PublicationStatus.Published && c.PublishedAt <= wave.OpensAt).Select(c => c.Id).ToHashSet();
            Assert.True(expected.SetEquals(population), $"{wave.Title}: {population.Count} members, {expected.Count} companies published when it opened");
            Assert.InRange(population.Count, 300, companies.Count);

            var rate = await surveys.RateAsync(wave.Id, Cancel);
            Assert.InRange(rate.Overall.Rate, 0.595, 0.665);
            Assert.InRange(rate.Overall.Drafts, 3, (long)(0.06 * population.Count));
            Assert.Equal(11, rate.BySector.Count);

            var ofWave = responses.Where(r => r.WaveId == wave.Id).ToList();
            Assert.All(ofWave, response =>
            {
                Assert.Contains(response.CompanyId, population);
                Assert.DoesNotContain("isEmpty", response.Answers, StringComparison.Ordinal);
                var answers = SurveyWaves.Read(response);
                var submitted = response.Status == SurveyResponseStatus.Submitted;
                Assert.Empty(SurveyRules.Check(Questionnaire, answers, complete: submitted));
                Assert.InRange(response.UpdatedAt, wave.OpensAt, wave.ClosesAt.AddTicks(-1));
                if (submitted)
                {
                    Assert.Equal(response.UpdatedAt, response.SubmittedAt);
                    var company = companies[response.CompanyId];
                    if (TaxonomyCatalog.Default.FindSizeBand(company.SizeBandCode) is { MinEmployees: { } min, MaxEmployees: { } max })
                    {
                        Assert.InRange(answers["effectif"].Number!.Value, min, max);
                    }
                    if (company.ECommerce.SellsOnline)
                    {
                        Assert.Equal("oui", answers["vente-en-ligne"].Choice);
                    }
                }
                else
                {
                    Assert.Null(response.SubmittedAt);
                    Assert.InRange(answers.Count, 1, Questionnaire.Questions.Count() / 2);
                }
            });
            Assert.Equal(ofWave.Count, ofWave.Select(r => r.CompanyId).Distinct().Count());
            Assert.Contains(ofWave, r => r.SubmittedAt > wave.OpensAt.AddDays(wave.ReminderDays[0])); // some waited for a reminder
        }
    }

    [Fact]
    public void The_same_seed_and_day_give_the_same_waves_and_answers()
    {
        var companies = new DemoCompanyGenerator(TaxonomyCatalog.Default).Generate(400, 2014, Reference).ToList();
        foreach (var company in companies.Where(c => c.Status == PublicationStatus.Published))
        {
            company.PublishedAt ??= company.CreatedAt; // as the bulk writer does
        }
        static string Run(List<Company> companies, int seed)
        {
            var surveys = new DemoSurveys(Questionnaire, TaxonomyCatalog.Default, Reference, seed);
            var rows = companies.Chunk(150).Select(batch => surveys.For(batch)).ToList();
            return string.Join('\n', surveys.Waves.Select(w => $"{w.Id} {w.Title} {w.OpensAt:O}")
                .Concat(rows.SelectMany(r => r.Members).Select(m => $"{m.WaveId} {m.CompanyId}"))
                .Concat(rows.SelectMany(r => r.Responses).Select(r => $"{r.Id} {r.CompanyId} {r.Status} {r.SubmittedAt:O} {r.Answers}")));
        }

        Assert.Equal(Run(companies, 2014), Run(companies, 2014));
        Assert.NotEqual(Run(companies, 2014), Run(companies, 7));
    }
}
