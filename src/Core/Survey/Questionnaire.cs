using System.Globalization;
using System.Text.Json.Serialization;

namespace AnnuaireFiliere.Core.Survey;

/// <summary>
/// A questionnaire of the observatory's census, read from a versioned JSON file of <c>Survey/Data</c>
/// (<see cref="QuestionnaireCatalog"/>): sections of questions, each with its type, its French and English words,
/// whether it is required and when it is shown. A published version never changes: a change is a new version, and a
/// wave keeps the version it opened with (docs/adr/0028).
/// </summary>
public sealed record Questionnaire
{
    /// <summary>Stable identifier shared by every version ("enquete-annuelle").</summary>
    public required string Id { get; init; }
    public required int Version { get; init; }
    public required LocalText Title { get; init; }
    public LocalText? Introduction { get; init; }
    public required IReadOnlyList<SurveySection> Sections { get; init; }

    /// <summary>Every question, in the order they are asked.</summary>
    [JsonIgnore]
    public IEnumerable<Question> Questions => Sections.SelectMany(s => s.Questions);

    public Question? Find(string questionId) => Questions.FirstOrDefault(q => q.Id == questionId);

    /// <summary>"enquete-annuelle@1": what a wave and a response record.</summary>
    [JsonIgnore]
    public string Key => $"{Id}@{Version.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>A module of the questionnaire ("Emplois", "Vente en ligne").</summary>
public sealed record SurveySection
{
    public required string Id { get; init; }
    public required LocalText Title { get; init; }
    public LocalText? Help { get; init; }
    public required IReadOnlyList<Question> Questions { get; init; }
}

/// <summary>The kinds of questions the census asks.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuestionType>))]
public enum QuestionType
{
    /// <summary>One option.</summary>
    SingleChoice,

    /// <summary>Any number of options (at least one when required).</summary>
    MultipleChoice,

    /// <summary>A whole number within <see cref="Question.Min"/> and <see cref="Question.Max"/> (a headcount, a number of hires).</summary>
    WholeNumber,

    /// <summary>One band of amounts (the options are the bands, in order): turnover, budget.</summary>
    AmountBand,

    /// <summary>A whole percentage per option, adding up to 100 (the share of sales per kind of client).</summary>
    PercentageSplit,

    /// <summary>A point on a scale from <see cref="Question.Min"/> to <see cref="Question.Max"/>, its ends named by <see cref="Question.ScaleEnds"/>.</summary>
    Scale,

    /// <summary>A short text (at most <see cref="Question.MaxLength"/> characters).</summary>
    ShortText,
}

public sealed record Question
{
    /// <summary>Stable within the questionnaire's versions: results of two waves are compared by it.</summary>
    public required string Id { get; init; }
    public required QuestionType Type { get; init; }
    public required LocalText Text { get; init; }
    public LocalText? Help { get; init; }
    public bool Required { get; init; }

    /// <summary>The options of choice, band and split questions, in the order shown.</summary>
    public IReadOnlyList<SurveyOption> Options { get; init; } = [];

    /// <summary>Bounds of integer and scale questions (inclusive).</summary>
    public int? Min { get; init; }
    public int? Max { get; init; }

    /// <summary>The unit of an integer question ("salariés"), shown after the box.</summary>
    public LocalText? Unit { get; init; }

    /// <summary>The words of a scale's two ends ("Pas du tout", "Tout à fait").</summary>
    public IReadOnlyList<LocalText> ScaleEnds { get; init; } = [];

    /// <summary>Longest answer of a short text question.</summary>
    public int MaxLength { get; init; } = 200;

    /// <summary>Shown only when an earlier question has one of these answers; null: always shown.</summary>
    public ShowWhen? ShowWhen { get; init; }
}

/// <summary>An option of a question: a stable code and its words.</summary>
public sealed record SurveyOption(string Code, LocalText Label)
{
    /// <summary>"Autre, précisez" style options take no text here: the census keeps free text out of results.</summary>
    public bool Exclusive { get; init; }
}

/// <summary>The condition of a question: an earlier question's answer is one of <see cref="AnyOf"/>.</summary>
public sealed record ShowWhen(string Question, IReadOnlyList<string> AnyOf);

/// <summary>French and English words.</summary>
public sealed record LocalText(string Fr, string En)
{
    public string In(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "en" ? En : Fr;
    }

    public override string ToString() => In(CultureInfo.CurrentUICulture);
}
