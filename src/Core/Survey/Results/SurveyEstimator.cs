using System.Globalization;

namespace AnnuaireFiliere.Core.Survey.Results;

/// <summary>A respondent: its company's groups and its answers.</summary>
public sealed record SurveyRespondent(SurveyUnit Unit, IReadOnlyDictionary<string, SurveyAnswer> Answers);

/// <summary>
/// Every figure of a wave, before disclosure control, and what that control needs besides the figures: the magnitude
/// cells where one or two respondents dominate the total ("q|g" for a number, "q|g|o" for a split's option).
/// </summary>
public sealed record SurveyEstimates(
    Weighting Weighting, IReadOnlyList<QuestionResult> Questions, IReadOnlySet<string> Dominated, IReadOnlyDictionary<string, long> RespondentsByGroup);

/// <summary>
/// Weighted estimates of a wave's answers (docs/adr/0030): per question, for all respondents and per sector (of the
/// main activity), counts and shares of the options with their margins of error, the mean of a scale, the total,
/// mean and median of a number. Short texts are never in results.
/// </summary>
public static class SurveyEstimator
{
    /// <summary>Two-sided 95 % normal quantile.</summary>
    public const double Z95 = 1.959964;

    /// <summary>One respondent's part of a magnitude is dominant from this share of the total…</summary>
    public const double DominanceOne = 0.85;

    /// <summary>…and two respondents' parts together from this one.</summary>
    public const double DominanceTwo = 0.90;

    public static SurveyEstimates Estimate(Questionnaire questionnaire, IReadOnlyList<SurveyUnit> population, IReadOnlyList<SurveyRespondent> respondents, Calibration calibration)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(respondents);
        var (weights, weighting) = Raking.Weigh(population, [.. respondents.Select(r => r.Unit)], calibration);
        var sectors = respondents.Select(r => r.Unit.Sector).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var groupOf = respondents.Select(r => 1 + sectors.IndexOf(r.Unit.Sector)).ToArray();
        // Finite population correction per group: respondents over the population of the group.
        var groupCodes = sectors.Prepend("").ToArray();
        var correction = groupCodes.Select((code, g) =>
        {
            double size = g == 0 ? population.Count : population.Count(u => u.Sector == code);
            double answered = g == 0 ? respondents.Count : groupOf.Count(x => x == g);
            return size <= 0 ? 1 : Math.Max(0, 1 - answered / size);
        }).ToArray();
        var dominated = new HashSet<string>(StringComparer.Ordinal);
        var results = new List<QuestionResult>();
        foreach (var question in questionnaire.Questions.Where(q => q.Type != QuestionType.ShortText))
        {
            var accumulators = groupCodes.Select(_ => new Accumulator(OptionsOf(question).Count)).ToArray();
            for (var i = 0; i < respondents.Count; i++)
            {
                if (!respondents[i].Answers.TryGetValue(question.Id, out var answer) || answer.IsEmpty)
                {
                    continue;
                }
                accumulators[0].Add(question, answer, weights[i]);
                accumulators[groupOf[i]].Add(question, answer, weights[i]);
            }
            var groups = new List<GroupResult>(groupCodes.Length);
            for (var g = 0; g < groupCodes.Length; g++)
            {
                groups.Add(accumulators[g].Result(question, groupCodes[g], correction[g], dominated));
            }
            results.Add(new QuestionResult(question, groups));
        }
        var byGroup = groupCodes.Select((code, g) => (code, g == 0 ? respondents.Count : groupOf.LongCount(x => x == g)))
            .ToDictionary(p => p.code, p => p.Item2, StringComparer.Ordinal);
        return new SurveyEstimates(weighting, results, dominated, byGroup);
    }

    /// <summary>The options a question's results are given for: its options, or the points of a scale.</summary>
    public static IReadOnlyList<string> OptionsOf(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Type switch
        {
            QuestionType.Scale => [.. Enumerable.Range(question.Min ?? 1, (question.Max ?? 5) - (question.Min ?? 1) + 1).Select(v => v.ToString(CultureInfo.InvariantCulture))],
            QuestionType.WholeNumber or QuestionType.ShortText => [],
            _ => [.. question.Options.Select(o => o.Code)],
        };
    }

    /// <summary>Whether one respondent holds ≥ 85 % of a total of non-negative parts, or two ≥ 90 %.</summary>
    public static bool Dominates(double top1, double top2, double sum) =>
        sum > 0 && (top1 >= DominanceOne * sum || top1 + top2 >= DominanceTwo * sum);

    /// <summary>The sums one group's figures are made of.</summary>
    private sealed class Accumulator(int options)
    {
        private long _n;
        private double _w, _w2, _wx;
        private readonly long[] _count = new long[options];
        private readonly double[] _wy = new double[options], _w2y = new double[options], _w2y2 = new double[options];
        private readonly double[] _top1 = new double[options], _top2 = new double[options], _sum = new double[options];
        private List<(double Value, double Weight)>? _numbers;

        public void Add(Question question, SurveyAnswer answer, double weight)
        {
            _n++;
            _w += weight;
            _w2 += weight * weight;
            switch (question.Type)
            {
                case QuestionType.SingleChoice or QuestionType.AmountBand:
                    Mark(question, answer.Choice, weight);
                    break;
                case QuestionType.MultipleChoice:
                    foreach (var choice in answer.Choices)
                    {
                        Mark(question, choice, weight);
                    }
                    break;
                case QuestionType.Scale when answer.Number is { } point:
                    _wx += weight * point;
                    var index = point - (question.Min ?? 1);
                    if (index >= 0 && index < _count.Length)
                    {
                        Part(index, 1, weight);
                    }
                    break;
                case QuestionType.PercentageSplit:
                    for (var o = 0; o < question.Options.Count; o++)
                    {
                        if (answer.Split.TryGetValue(question.Options[o].Code, out var percent) && percent > 0)
                        {
                            Part(o, percent / 100.0, weight);
                            Magnitude(o, percent);
                        }
                    }
                    break;
                case QuestionType.WholeNumber when answer.Number is { } number:
                    (_numbers ??= []).Add((number, weight));
                    _wx += weight * number;
                    break;
            }
        }

        private void Mark(Question question, string? code, double weight)
        {
            for (var o = 0; o < question.Options.Count; o++)
            {
                if (question.Options[o].Code == code)
                {
                    Part(o, 1, weight);
                    return;
                }
            }
        }

        private void Part(int option, double y, double weight)
        {
            _count[option]++;
            _wy[option] += weight * y;
            _w2y[option] += weight * weight * y;
            _w2y2[option] += weight * weight * y * y;
        }

        private void Magnitude(int option, double value)
        {
            _sum[option] += value;
            if (value > _top1[option])
            {
                (_top1[option], _top2[option]) = (value, _top1[option]);
            }
            else if (value > _top2[option])
            {
                _top2[option] = value;
            }
        }

        public GroupResult Result(Question question, string group, double correction, HashSet<string> dominated)
        {
            var codes = OptionsOf(question);
            var options = new List<OptionResult>(codes.Count);
            for (var o = 0; o < codes.Count; o++)
            {
                var share = _w > 0 ? _wy[o] / _w : 0;
                // Linearised variance of a ratio of weighted sums (with replacement, finite population corrected):
                // Σ w²(y − p)² = Σw²y² − 2pΣw²y + p²Σw².
                var squares = _w2y2[o] - 2 * share * _w2y[o] + share * share * _w2;
                double? margin = _n > 1 && _w > 0 ? Z95 * Math.Sqrt(Math.Max(0, correction * _n / (_n - 1.0) * squares / (_w * _w))) : null;
                options.Add(new OptionResult(codes[o], _count[o], _wy[o], share, margin));
                if (question.Type == QuestionType.PercentageSplit && Dominates(_top1[o], _top2[o], _sum[o]))
                {
                    dominated.Add($"{question.Id}|{group}|{codes[o]}");
                }
            }
            double? mean = question.Type == QuestionType.Scale && _w > 0 ? _wx / _w : null;
            NumberResult? number = null;
            if (question.Type == QuestionType.WholeNumber)
            {
                var values = _numbers ?? [];
                var (top1, top2, sum) = TopTwo(values);
                if (Dominates(top1, top2, sum))
                {
                    dominated.Add($"{question.Id}|{group}");
                }
                number = _w > 0
                    ? new NumberResult(IsPercentage(question) ? null : _wx, _wx / _w, Median(values))
                    : new NumberResult(null, null, null);
            }
            return new GroupResult(group, _n, options, mean, number);
        }

        private static (double, double, double) TopTwo(List<(double Value, double Weight)> values)
        {
            double top1 = 0, top2 = 0, sum = 0;
            foreach (var (value, _) in values)
            {
                sum += value;
                if (value > top1)
                {
                    (top1, top2) = (value, top1);
                }
                else if (value > top2)
                {
                    top2 = value;
                }
            }
            return (top1, top2, sum);
        }
    }

    /// <summary>A number in percent has no meaningful total.</summary>
    public static bool IsPercentage(Question question) => question?.Unit?.Fr.Trim() == "%";

    /// <summary>The weighted median: the smallest value whose cumulated weight reaches half the total.</summary>
    public static double? Median(IReadOnlyList<(double Value, double Weight)> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }
        var sorted = values.OrderBy(v => v.Value).ToList();
        var half = sorted.Sum(v => v.Weight) / 2;
        var cumulated = 0.0;
        foreach (var (value, weight) in sorted)
        {
            cumulated += weight;
            if (cumulated >= half - 1e-9)
            {
                return value;
            }
        }
        return sorted[^1].Value;
    }
}
