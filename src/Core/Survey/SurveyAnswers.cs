using System.Globalization;
using System.Text.Json.Serialization;

namespace AnnuaireFiliere.Core.Survey;

/// <summary>
/// One answer, whatever the question's type: the option (single choice, amount band), the options (multiple choice),
/// the number (integer, scale), the percentage per option (split) or the text (short text). Stored as JSON with only
/// the fields it uses (<see cref="QuestionnaireCatalog.Json"/> leaves out empty lists and null values).
/// </summary>
public sealed record SurveyAnswer
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Choice { get; init; }

    public IReadOnlyList<string> Choices { get; init; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Number { get; init; }

    public IReadOnlyDictionary<string, int> Split { get; init; } = new Dictionary<string, int>();

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    [JsonIgnore]
    public bool IsEmpty => Choice is null && Choices.Count == 0 && Number is null && Split.Count == 0 && string.IsNullOrWhiteSpace(Text);

    /// <summary>The options this answer holds (for conditions).</summary>
    [JsonIgnore]
    public IEnumerable<string> Options => Choice is null ? Choices : Choices.Prepend(Choice);
}

/// <summary>Why an answer is refused; <see cref="SurveyRules.Message"/> says it in French or English.</summary>
public enum SurveyProblem
{
    Required,
    UnknownOption,
    OutOfRange,
    SplitNotHundred,
    TooLong,
    ExclusiveWithOthers,
    NotAPercentage,
}

/// <summary>A refused answer: its question and why.</summary>
public sealed record SurveyIssue(string Question, SurveyProblem Problem);

/// <summary>
/// The rules answers follow: only shown questions are kept, each answer fits its question's type, and a response
/// submitted as complete answers every shown required question. A draft may leave any question empty.
/// </summary>
public static class SurveyRules
{
    /// <summary>Whether a question is shown, given the answers so far (a question after a hidden one is hidden too).</summary>
    public static bool IsShown(Questionnaire questionnaire, Question question, IReadOnlyDictionary<string, SurveyAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answers);
        if (question.ShowWhen is not { } condition)
        {
            return true;
        }
        return questionnaire.Find(condition.Question) is { } source
            && IsShown(questionnaire, source, answers)
            && answers.TryGetValue(condition.Question, out var answer)
            && answer.Options.Any(condition.AnyOf.Contains);
    }

    /// <summary>The answers to the questions shown, without empty ones (what is stored).</summary>
    public static Dictionary<string, SurveyAnswer> Kept(Questionnaire questionnaire, IReadOnlyDictionary<string, SurveyAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(answers);
        return questionnaire.Questions
            .Where(q => answers.TryGetValue(q.Id, out var a) && !a.IsEmpty && IsShown(questionnaire, q, answers))
            .ToDictionary(q => q.Id, q => answers[q.Id], StringComparer.Ordinal);
    }

    /// <summary>What is wrong with the answers; with <paramref name="complete"/>, required shown questions must be answered.</summary>
    public static IReadOnlyList<SurveyIssue> Check(Questionnaire questionnaire, IReadOnlyDictionary<string, SurveyAnswer> answers, bool complete)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(answers);
        var issues = new List<SurveyIssue>();
        foreach (var question in questionnaire.Questions.Where(q => IsShown(questionnaire, q, answers)))
        {
            var answer = answers.GetValueOrDefault(question.Id);
            if (answer is null || answer.IsEmpty)
            {
                if (complete && question.Required)
                {
                    issues.Add(new(question.Id, SurveyProblem.Required));
                }
                continue;
            }
            if (Problem(question, answer) is { } problem)
            {
                issues.Add(new(question.Id, problem));
            }
        }
        return issues;
    }

    private static SurveyProblem? Problem(Question question, SurveyAnswer answer)
    {
        bool Known(string code) => question.Options.Any(o => o.Code == code);
        switch (question.Type)
        {
            case QuestionType.SingleChoice or QuestionType.AmountBand:
                return answer.Choice is { } choice && Known(choice) && answer.Choices.Count == 0 ? null : SurveyProblem.UnknownOption;
            case QuestionType.MultipleChoice:
                if (answer.Choice is not null || answer.Choices.Count == 0 || !answer.Choices.All(Known) || answer.Choices.Distinct(StringComparer.Ordinal).Count() != answer.Choices.Count)
                {
                    return SurveyProblem.UnknownOption;
                }
                var exclusive = question.Options.Where(o => o.Exclusive).Select(o => o.Code).ToHashSet(StringComparer.Ordinal);
                return answer.Choices.Count > 1 && answer.Choices.Any(exclusive.Contains) ? SurveyProblem.ExclusiveWithOthers : null;
            case QuestionType.WholeNumber or QuestionType.Scale:
                return answer.Number is { } number && number >= question.Min && number <= question.Max ? null : SurveyProblem.OutOfRange;
            case QuestionType.PercentageSplit:
                if (!answer.Split.Keys.All(Known))
                {
                    return SurveyProblem.UnknownOption;
                }
                if (answer.Split.Values.Any(v => v is < 0 or > 100))
                {
                    return SurveyProblem.NotAPercentage;
                }
                return answer.Split.Values.Sum() == 100 ? null : SurveyProblem.SplitNotHundred;
            case QuestionType.ShortText:
                return (answer.Text?.Length ?? 0) <= question.MaxLength ? null : SurveyProblem.TooLong;
            default:
                return SurveyProblem.UnknownOption;
        }
    }

    /// <summary>The problem in plain words, for the person answering (French, or English).</summary>
    public static string Message(SurveyProblem problem, Question question, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(culture);
        var english = culture.TwoLetterISOLanguageName == "en";
        var (min, max) = (question.Min?.ToString("N0", culture), question.Max?.ToString("N0", culture));
        return problem switch
        {
            SurveyProblem.Required => english ? "Please answer this question." : "Merci de répondre à cette question.",
            SurveyProblem.UnknownOption => english ? "Choose among the answers offered." : "Choisissez parmi les réponses proposées.",
            SurveyProblem.OutOfRange => english ? $"Enter a whole number from {min} to {max}." : $"Indiquez un nombre entier de {min} à {max}.",
            SurveyProblem.SplitNotHundred => english ? "The percentages must add up to 100." : "Le total des pourcentages doit faire 100.",
            SurveyProblem.TooLong => english ? $"At most {question.MaxLength} characters." : $"{question.MaxLength} caractères au plus.",
            SurveyProblem.NotAPercentage => english ? "Enter whole percentages from 0 to 100." : "Indiquez des pourcentages entiers de 0 à 100.",
            SurveyProblem.ExclusiveWithOthers => english ? "“None” goes alone: untick it or the others." : "« Aucun » se coche seul : décochez-le ou décochez les autres.",
            _ => problem.ToString(),
        };
    }
}
