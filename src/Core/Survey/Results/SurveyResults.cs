using AnnuaireFiliere.Core.Statistics;

namespace AnnuaireFiliere.Core.Survey.Results;

/// <summary>Whether a wave has results to show.</summary>
public enum ResultsState
{
    /// <summary>Closed, with submitted responses: results are computed.</summary>
    Ready = 0,

    /// <summary>Still open (or not yet): results come after closing.</summary>
    NotClosed = 1,

    /// <summary>Closed without any submitted response: nothing is published.</summary>
    NoResponse = 2,
}

/// <summary>
/// An option's figures in a group: how many respondents chose it (<see cref="Count"/>, analysts only), how many
/// companies of the population that stands for (<see cref="Estimate"/>, weighted), its share of the group's answers
/// (0–1) and the 95 % margin of error of that share (half the width of the interval). For a percentage split,
/// <see cref="Share"/> is the mean share of sales and <see cref="Count"/> the respondents giving it more than 0. Null
/// values are withheld (<see cref="Withheld"/>) or not given to this audience.
/// </summary>
public sealed record OptionResult(string Code, long? Count, double? Estimate, double? Share, double? MarginOfError, bool Withheld = false);

/// <summary>Figures of a whole number question in a group (weighted): total, mean and median, or withheld.</summary>
public sealed record NumberResult(double? Total, double? Mean, double? Median, bool Withheld = false);

/// <summary>
/// A question's figures in a group of respondents ("" for all of them, else a sector's code): how many answered it,
/// then per option, or the mean of a scale, or the figures of a number.
/// </summary>
public sealed record GroupResult(string Group, long? Respondents, IReadOnlyList<OptionResult> Options, double? Mean, NumberResult? Number, bool Withheld = false)
{
    public OptionResult? Option(string code) => Options.FirstOrDefault(o => o.Code == code);
}

/// <summary>A question's figures: for all respondents, then per sector.</summary>
public sealed record QuestionResult(Question Question, IReadOnlyList<GroupResult> Groups)
{
    public GroupResult Overall => Groups[0];

    public GroupResult? Group(string code) => Groups.FirstOrDefault(g => g.Group == code);
}

/// <summary>
/// The results of a closed wave for one audience: for the public, protected (docs/adr/0030) and without respondents'
/// counts per option; for analysts, every figure and the unweighted counts.
/// </summary>
public sealed record WaveResults(
    SurveyWave Wave, Questionnaire Questionnaire, ResultsState State, StatisticsAudience Audience,
    long Population, long Respondents, Weighting? Weighting, IReadOnlyList<QuestionResult> Questions, DateTime ComputedAt)
{
    public QuestionResult? Question(string id) => Questions.FirstOrDefault(q => q.Question.Id == id);

    public double ResponseRate => Population == 0 ? 0 : (double)Respondents / Population;

    /// <summary>The groups besides "all" (sectors' codes), in the order of the first question.</summary>
    public IEnumerable<string> Sectors => Questions.Count == 0 ? [] : Questions[0].Groups.Skip(1).Select(g => g.Group);

    /// <summary>
    /// The change of an option's share among all respondents since <paramref name="previous"/>, in percentage points;
    /// null when either share is withheld or the question is not in both.
    /// </summary>
    public double? ChangeInPoints(WaveResults? previous, string question, string option) =>
        previous?.Question(question)?.Overall.Option(option)?.Share is { } before && Question(question)?.Overall.Option(option)?.Share is { } now
            ? (now - before) * 100 : null;

    /// <summary>The change of a scale's or a number's mean since <paramref name="previous"/>.</summary>
    public double? ChangeOfMean(WaveResults? previous, string question) =>
        MeanOf(previous?.Question(question)) is { } before && MeanOf(Question(question)) is { } now ? now - before : null;

    private static double? MeanOf(QuestionResult? result) => result?.Overall.Mean ?? result?.Overall.Number?.Mean;
}
