using AnnuaireFiliere.Core.Statistics;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Core.Survey.Results;
using CsCheck;

namespace AnnuaireFiliere.Core.Tests.Survey;

/// <summary>Weights, estimates and their protection, on waves built in memory (the database side is in the end-to-end tests).</summary>
public sealed class SurveyResultsTests
{
    private static readonly Questionnaire Questionnaire = QuestionnaireCatalog.Default.Latest("enquete-annuelle")!;

    private static readonly SurveyWave Wave = new()
    {
        Id = Guid.NewGuid(), Title = "Test", QuestionnaireId = Questionnaire.Id, QuestionnaireVersion = Questionnaire.Version,
    };

    private static readonly string[] Sectors = ["S01", "S02", "S03", "S05", "S07"];
    private static readonly string[] Sizes = ["", "0", "1-9", "10-49", "50+"];
    private static readonly string[] Provinces = ["sud", "nord", "iles"];

    /// <summary>A population drawn at random, and a random part of it answering at random (valid answers).</summary>
    internal static (List<SurveyUnit> Population, List<SurveyRespondent> Respondents) RandomWave(int seed, int size, double rate)
    {
        var random = new Random(seed);
        var population = Enumerable.Range(0, size).Select(_ => new SurveyUnit(
            Guid.NewGuid(),
            Sectors[Math.Min(Sectors.Length - 1, (int)(random.NextDouble() * random.NextDouble() * Sectors.Length * 1.6))],
            Sizes[random.Next(Sizes.Length)],
            Provinces[random.Next(10) switch { < 7 => 0, < 9 => 1, _ => 2 }])).ToList();
        var respondents = population.Where(_ => random.NextDouble() < rate)
            .Select(u => new SurveyRespondent(u, RandomAnswers(random))).ToList();
        return (population, respondents);
    }

    internal static Dictionary<string, SurveyAnswer> RandomAnswers(Random random)
    {
        var answers = new Dictionary<string, SurveyAnswer>(StringComparer.Ordinal);
        foreach (var question in Questionnaire.Questions)
        {
            if (!SurveyRules.IsShown(Questionnaire, question, answers) || !question.Required && random.Next(4) == 0 || question.Type == QuestionType.ShortText)
            {
                continue;
            }
            var codes = question.Options.Where(o => !o.Exclusive).Select(o => o.Code).ToList();
            answers[question.Id] = question.Type switch
            {
                QuestionType.SingleChoice or QuestionType.AmountBand => new SurveyAnswer { Choice = question.Options[random.Next(question.Options.Count)].Code },
                QuestionType.MultipleChoice => new SurveyAnswer { Choices = [.. codes.Where(_ => random.Next(3) == 0).DefaultIfEmpty(codes[random.Next(codes.Count)])] },
                QuestionType.WholeNumber or QuestionType.Scale => new SurveyAnswer { Number = Math.Min(question.Max!.Value, question.Min!.Value + (int)(random.NextDouble() * random.NextDouble() * 60)) },
                _ => Split(question, random),
            };
        }
        Assert.Empty(SurveyRules.Check(Questionnaire, answers, complete: true));
        return answers;
    }

    private static SurveyAnswer Split(Question question, Random random)
    {
        var first = question.Options[random.Next(question.Options.Count)].Code;
        var second = question.Options[random.Next(question.Options.Count)].Code;
        var part = random.Next(2) == 0 ? 100 : random.Next(1, 100);
        var split = new Dictionary<string, int> { [first] = part };
        split[second] = split.GetValueOrDefault(second) + 100 - part;
        return new SurveyAnswer { Split = split.Where(p => p.Value > 0).ToDictionary() };
    }

    [Fact]
    public void Weights_meet_the_population_s_sectors_and_size_bands_like_a_raking_of_the_table()
    {
        var (population, respondents) = RandomWave(seed: 7, size: 600, rate: 0.4);
        var (weights, weighting) = Raking.Weigh(population, [.. respondents.Select(r => r.Unit)], Calibration.SectorAndSize);

        Assert.True(weighting.Calibrated);
        Assert.InRange(weighting.Iterations, 2, Raking.MaxIterations);
        foreach (var sector in Sectors)
        {
            Assert.Equal(population.Count(u => u.Sector == sector), respondents.Select((r, i) => r.Unit.Sector == sector ? weights[i] : 0).Sum(), 4);
        }
        foreach (var size in Sizes)
        {
            Assert.Equal(population.Count(u => u.SizeBand == size), respondents.Select((r, i) => r.Unit.SizeBand == size ? weights[i] : 0).Sum(), 4);
        }
        // Independently: rake the sector × size table of respondents to the margins, then share each cell's total.
        var table = TableRaking(population, respondents);
        for (var i = 0; i < respondents.Count; i++)
        {
            var cell = (respondents[i].Unit.Sector, respondents[i].Unit.SizeBand);
            Assert.Equal(table[cell] / respondents.Count(r => (r.Unit.Sector, r.Unit.SizeBand) == cell), weights[i], 1e-5 * weights[i]);
        }
    }

    private static Dictionary<(string, string), double> TableRaking(List<SurveyUnit> population, List<SurveyRespondent> respondents)
    {
        var cells = respondents.GroupBy(r => (r.Unit.Sector, r.Unit.SizeBand)).ToDictionary(g => g.Key, g => (double)g.Count() * population.Count / respondents.Count);
        for (var round = 0; round < 500; round++)
        {
            foreach (var sector in Sectors)
            {
                var sum = cells.Where(c => c.Key.Item1 == sector).Sum(c => c.Value);
                foreach (var key in cells.Keys.Where(k => k.Item1 == sector).ToList())
                {
                    cells[key] *= population.Count(u => u.Sector == sector) / sum;
                }
            }
            foreach (var size in Sizes)
            {
                var sum = cells.Where(c => c.Key.Item2 == size).Sum(c => c.Value);
                foreach (var key in cells.Keys.Where(k => k.Item2 == size).ToList())
                {
                    cells[key] *= population.Count(u => u.SizeBand == size) / sum;
                }
            }
        }
        return cells;
    }

    [Fact]
    public void Province_calibration_weighs_each_province_to_its_population()
    {
        var (population, respondents) = RandomWave(seed: 3, size: 300, rate: 0.5);
        var (weights, weighting) = Raking.Weigh(population, [.. respondents.Select(r => r.Unit)], Calibration.Province);

        Assert.True(weighting.Calibrated);
        foreach (var province in Provinces)
        {
            var expected = (double)population.Count(u => u.Province == province) / respondents.Count(r => r.Unit.Province == province);
            Assert.All(respondents.Select((r, i) => (r, i)).Where(p => p.r.Unit.Province == province), p => Assert.Equal(expected, weights[p.i], 9));
        }
    }

    [Fact]
    public void A_group_nobody_answered_in_is_pooled_and_named()
    {
        var population = new List<SurveyUnit>();
        var respondents = new List<SurveyUnit>();
        for (var i = 0; i < 40; i++)
        {
            var unit = new SurveyUnit(Guid.NewGuid(), i % 2 == 0 ? "S01" : "S02", i < 30 ? "1-9" : "50+", "sud");
            population.Add(unit);
            if (i < 30 && i % 3 == 0)
            {
                respondents.Add(unit);
            }
        }
        var (weights, weighting) = Raking.Weigh(population, respondents, Calibration.SectorAndSize);

        Assert.True(weighting.Calibrated);
        Assert.Equal(["1:50+"], weighting.Pooled);
        Assert.Equal(40, weights.Sum(), 6);
    }

    [Fact]
    public void Raking_that_cannot_meet_both_margins_falls_back_to_equal_weights_and_says_so()
    {
        // Respondents only in (S01, small) and (S02, large): the sector margin wants 10/10, the size margin 5/15.
        var population = Enumerable.Range(0, 20).Select(i => new SurveyUnit(Guid.NewGuid(), i < 10 ? "S01" : "S02", i < 5 ? "1-9" : "50+", "sud")).ToList();
        var respondents = new[]
        {
            new SurveyUnit(Guid.NewGuid(), "S01", "1-9", "sud"), new SurveyUnit(Guid.NewGuid(), "S01", "1-9", "sud"),
            new SurveyUnit(Guid.NewGuid(), "S02", "50+", "sud"), new SurveyUnit(Guid.NewGuid(), "S02", "50+", "sud"),
        };
        var (weights, weighting) = Raking.Weigh(population, respondents, Calibration.SectorAndSize);

        Assert.False(weighting.Calibrated);
        Assert.Equal(Raking.MaxIterations, weighting.Iterations);
        Assert.All(weights, w => Assert.Equal(5.0, w));
    }

    [Fact]
    public void With_equal_weights_a_share_s_margin_of_error_is_the_textbook_one()
    {
        // Province calibration of one province: every weight is N/n.
        var population = Enumerable.Range(0, 200).Select(_ => new SurveyUnit(Guid.NewGuid(), "S01", "1-9", "sud")).ToList();
        var respondents = population.Take(50).Select((u, i) => new SurveyRespondent(u, new Dictionary<string, SurveyAnswer>
        {
            ["vente-en-ligne"] = new() { Choice = i < 20 ? "oui" : "non" },
            ["effectif"] = new() { Number = i },
        })).ToList();
        var results = SurveyResultsService.Results(Wave, Questionnaire, StatisticsAudience.Analyst, population, respondents, Calibration.Province, DateTime.UtcNow);

        var yes = results.Question("vente-en-ligne")!.Overall.Option("oui")!;
        Assert.Equal(20, yes.Count);
        Assert.Equal(0.4, yes.Share!.Value, 9);
        Assert.Equal(80, yes.Estimate!.Value, 9);
        Assert.Equal(1.959964 * Math.Sqrt((1 - 50.0 / 200) * 0.4 * 0.6 / 49), yes.MarginOfError!.Value, 9);
        var headcount = results.Question("effectif")!.Overall.Number!;
        Assert.Equal(Enumerable.Range(0, 50).Sum() * 4.0, headcount.Total!.Value, 6);
        Assert.Equal(24.5, headcount.Mean!.Value, 9);
        Assert.Equal(24, headcount.Median);
    }

    [Fact]
    public void The_weighted_median_is_the_first_value_reaching_half_the_weight()
    {
        Assert.Equal(10, SurveyEstimator.Median([(1, 1), (10, 5), (100, 3)]));
        Assert.Equal(1, SurveyEstimator.Median([(1, 5), (10, 1), (100, 4)]));
        Assert.Null(SurveyEstimator.Median([]));
    }

    [Fact]
    public void The_public_never_sees_respondents_counts_per_option_nor_a_group_where_fewer_than_ten_answered()
    {
        var (population, respondents) = RandomWave(seed: 11, size: 200, rate: 0.3);
        var results = SurveyResultsService.Results(Wave, Questionnaire, StatisticsAudience.Public, population, respondents, Calibration.SectorAndSize, DateTime.UtcNow);
        var analyst = SurveyResultsService.Results(Wave, Questionnaire, StatisticsAudience.Analyst, population, respondents, Calibration.SectorAndSize, DateTime.UtcNow);

        Assert.All(results.Questions.SelectMany(q => q.Groups).SelectMany(g => g.Options), o => Assert.Null(o.Count));
        Assert.All(results.Questions.SelectMany(q => q.Groups.Skip(1)), g => Assert.True(g.Respondents >= SurveyDisclosure.MinimumBase));
        Assert.DoesNotContain(results.Questions, q => q.Question.Type == QuestionType.ShortText);
        Assert.True(analyst.Questions[0].Groups.Count >= results.Questions[0].Groups.Count);
    }

    [Fact]
    public void A_dominant_respondent_withholds_the_headcount_of_its_group_and_of_one_more()
    {
        var population = Enumerable.Range(0, 30).Select(i => new SurveyUnit(Guid.NewGuid(), i < 10 ? "S01" : i < 20 ? "S02" : "S03", "1-9", "sud")).ToList();
        var respondents = population.Select((u, i) => new SurveyRespondent(u, new Dictionary<string, SurveyAnswer>
        {
            ["effectif"] = new() { Number = i == 0 ? 300 : 3 },
        })).ToList();
        var results = SurveyResultsService.Results(Wave, Questionnaire, StatisticsAudience.Public, population, respondents, Calibration.Province, DateTime.UtcNow);

        var headcount = results.Question("effectif")!;
        Assert.True(headcount.Group("S01")!.Number!.Withheld);
        Assert.Null(headcount.Group("S01")!.Number!.Total);
        // The whole (387 for 30 companies) minus the other two sectors would give S01's back: one more is withheld.
        Assert.Equal(2, headcount.Groups.Count(g => g.Number!.Withheld));
        Assert.Equal(10, headcount.Group("S01")!.Respondents);
    }

    [Fact]
    public void No_withheld_survey_cell_can_be_recomputed_from_the_public_view()
    {
        var withheldSomewhere = 0;
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[20, 400], Gen.Double[0.1, 0.8]).Sample((seed, size, rate) =>
        {
            var (population, respondents) = RandomWave(seed, size, rate);
            if (respondents.Count == 0)
            {
                return;
            }
            var shown = SurveyResultsService.Results(Wave, Questionnaire, StatisticsAudience.Public, population, respondents, Calibration.SectorAndSize, DateTime.UtcNow);
            var truth = SurveyResultsService.Results(Wave, Questionnaire, StatisticsAudience.Analyst, population, respondents, Calibration.SectorAndSize, DateTime.UtcNow);
            var recomputed = DifferencingReader.Recompute(shown, truth);
            Assert.True(recomputed.Count == 0, $"seed {seed}, {size} companies: a reader recomputes {string.Join(", ", recomputed)}");
            withheldSomewhere += shown.Questions.SelectMany(q => q.Groups).SelectMany(g => g.Options).Count(o => o.Withheld);
        }, iter: 40);
        Assert.True(withheldSomewhere > 50, $"only {withheldSomewhere} withheld cells in 40 waves: the test would prove little");
    }
}
