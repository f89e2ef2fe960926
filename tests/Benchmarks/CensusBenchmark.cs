using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Demo;
using AnnuaireFiliere.Core.Statistics;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Core.Survey.Results;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Benchmarks;

/// <summary>
/// A census wave's results, uncached (docs/adr/0030): the demo's latest wave over <c>--count</c> demo companies read
/// from SQLite and computed for the public (weights, estimates, disclosure control) and for analysts; then
/// <c>--answers</c> synthetic answer sets computed in memory.
/// </summary>
internal static class CensusBenchmark
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var count = options.Int("count", 1000);
        var answers = options.Int("answers", 100_000);
        var iterations = options.Int("iterations", 50);
        var folder = Path.Combine(Path.GetTempPath(), "annuaire-bench", Guid.NewGuid().ToString("N"));
        try
        {
            using var host = SearchBenchmark.CreateHost(folder);
            await using (var scope = host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            }
            await host.Services.GetRequiredService<DemoSeeder>().SeedAsync(count, 2014);
            SurveyWave wave;
            int members;
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                wave = (await db.SurveyWaves.AsNoTracking().ToListAsync()).OrderByDescending(w => w.ClosesAt).First();
                members = await db.SurveyWaveMembers.CountAsync(m => m.WaveId == wave.Id);
            }
            Console.WriteLine($"census: '{wave.Title}', {members:N0} companies asked ({count:N0} demo companies); {iterations} runs each; {Environment.ProcessorCount} cores");
            foreach (var audience in new[] { StatisticsAudience.Public, StatisticsAudience.Analyst })
            {
                var respondents = 0L;
                SearchBenchmark.Report($"results of the wave, {audience.ToString().ToLowerInvariant()}", await SearchBenchmark.TimeAsync(iterations, async _ =>
                {
                    await using var scope = host.Services.CreateAsyncScope();
                    var results = await scope.ServiceProvider.GetRequiredService<SurveyResultsService>().ComputeAsync(wave, audience, Calibration.SectorAndSize, default);
                    respondents = results.Respondents;
                    return results.Questions.Count;
                }));
                Console.WriteLine($"   {respondents:N0} respondents");
            }

            var taxonomy = host.Services.GetRequiredService<TaxonomyCatalog>();
            var questionnaire = QuestionnaireCatalog.Default.Latest(wave.QuestionnaireId)!;
            var random = new Random(7);
            var sectors = taxonomy.Sectors.Select(s => s.Code).ToArray();
            var sizes = taxonomy.SizeBands.Select(s => s.Code).ToArray();
            var provinces = taxonomy.Provinces.Select(p => p.Code).ToArray();
            var synthetic = new SyntheticAnswers(questionnaire, taxonomy);
            var population = new List<SurveyUnit>(answers * 3 / 2);
            var set = new List<SurveyRespondent>(answers);
            for (var i = 0; i < answers * 3 / 2; i++)
            {
                var profile = new SyntheticProfile(Guid.NewGuid(), sectors[random.Next(sectors.Length)], sizes[random.Next(sizes.Length)], random.Next(4) == 0, random.Next(6) == 0);
                var unit = new SurveyUnit(profile.CompanyId, profile.SectorCode, taxonomy.FindSizeBand(profile.SizeBandCode)?.FacetBand ?? "", provinces[random.Next(provinces.Length)]);
                population.Add(unit);
                if (i < answers)
                {
                    set.Add(new SurveyRespondent(unit, synthetic.For(profile, 2026)));
                }
            }
            Console.WriteLine($"synthetic: {answers:N0} answer sets, {population.Count:N0} companies asked");
            var runs = Math.Max(3, iterations / 10);
            foreach (var audience in new[] { StatisticsAudience.Public, StatisticsAudience.Analyst })
            {
                SearchBenchmark.Report($"results of {answers:N0} answer sets, {audience.ToString().ToLowerInvariant()}", await SearchBenchmark.TimeAsync(runs, _ =>
                    Task.FromResult(SurveyResultsService.Results(wave, questionnaire, audience, population, set, Calibration.SectorAndSize, DateTime.UtcNow).Questions.Count)));
            }
            return 0;
        }
        finally
        {
            SqliteCleanup(folder);
        }
    }

    private static void SqliteCleanup(string folder)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
