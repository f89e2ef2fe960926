using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AnnuaireFiliere.Core.Survey;

/// <summary>
/// Every version of every questionnaire shipped with the product (<c>Survey/Data/{id}.v{version}.json</c>, embedded),
/// checked when read: a questionnaire that could not be answered or counted fails at start, not in a wave.
/// </summary>
public sealed class QuestionnaireCatalog
{
    private const string ResourcePrefix = "AnnuaireFiliere.Core.Survey.Data.";

    private static readonly Lazy<QuestionnaireCatalog> Embedded = new(() => new QuestionnaireCatalog(ReadEmbedded()));

    /// <summary>Questionnaire files and stored answers: web names; an answer's empty lists are not written (they read back empty).</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = false,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmptyAnswerParts } },
    };

    private readonly FrozenDictionary<string, Questionnaire> _byKey;

    public QuestionnaireCatalog(IEnumerable<Questionnaire> questionnaires)
    {
        ArgumentNullException.ThrowIfNull(questionnaires);
        var all = questionnaires.ToList();
        foreach (var questionnaire in all)
        {
            if (QuestionnaireCheck.Problems(questionnaire).FirstOrDefault() is { } problem)
            {
                throw new InvalidDataException($"Questionnaire {questionnaire.Key}: {problem}");
            }
        }
        All = [.. all.OrderBy(q => q.Id, StringComparer.Ordinal).ThenBy(q => q.Version)];
        _byKey = All.ToFrozenDictionary(q => q.Key, StringComparer.Ordinal);
    }

    /// <summary>The questionnaires shipped with this version of the product.</summary>
    public static QuestionnaireCatalog Default => Embedded.Value;

    public IReadOnlyList<Questionnaire> All { get; }

    /// <summary>A version ("enquete-annuelle", 1), or null.</summary>
    public Questionnaire? Find(string id, int version) => _byKey.GetValueOrDefault($"{id}@{version}");

    /// <summary>The newest version of a questionnaire, the one a new wave opens with.</summary>
    public Questionnaire? Latest(string id) => All.LastOrDefault(q => q.Id == id);

    private static void OmitEmptyAnswerParts(JsonTypeInfo info)
    {
        if (info.Type != typeof(SurveyAnswer))
        {
            return;
        }
        foreach (var property in info.Properties)
        {
            if (property.PropertyType == typeof(IReadOnlyList<string>))
            {
                property.ShouldSerialize = static (_, value) => value is IReadOnlyList<string> { Count: > 0 };
            }
            else if (property.PropertyType == typeof(IReadOnlyDictionary<string, int>))
            {
                property.ShouldSerialize = static (_, value) => value is IReadOnlyDictionary<string, int> { Count: > 0 };
            }
        }
    }

    /// <summary>Reads a questionnaire file (the format of <c>Survey/Data</c>).</summary>
    public static Questionnaire Parse(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<Questionnaire>(json, Json) ?? throw new InvalidDataException("Empty questionnaire file.");
    }

    /// <summary>The embedded files' names and contents, for the test that keeps published versions unchanged.</summary>
    public static IEnumerable<(string File, byte[] Content)> EmbeddedFiles()
    {
        var assembly = typeof(QuestionnaireCatalog).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            yield return (name[ResourcePrefix.Length..], copy.ToArray());
        }
    }

    private static IEnumerable<Questionnaire> ReadEmbedded()
    {
        foreach (var (file, content) in EmbeddedFiles().Where(f => f.File.EndsWith(".json", StringComparison.Ordinal)))
        {
            var questionnaire = Parse(new MemoryStream(content));
            var expected = $"{questionnaire.Id}.v{questionnaire.Version}.json";
            if (file != expected)
            {
                throw new InvalidDataException($"Questionnaire file {file} holds {questionnaire.Key}: name it {expected}.");
            }
            yield return questionnaire;
        }
    }
}

/// <summary>What makes a questionnaire unusable, in words for its authors (English: they are developers).</summary>
public static class QuestionnaireCheck
{
    public static IEnumerable<string> Problems(Questionnaire questionnaire)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        if (questionnaire.Version < 1)
        {
            yield return "versions start at 1";
        }
        foreach (var problem in Texts("title", questionnaire.Title))
        {
            yield return problem;
        }
        var seen = new Dictionary<string, Question>(StringComparer.Ordinal);
        var sections = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in questionnaire.Sections)
        {
            if (!sections.Add(section.Id))
            {
                yield return $"section {section.Id} twice";
            }
            if (section.Questions.Count == 0)
            {
                yield return $"section {section.Id} has no question";
            }
            foreach (var question in section.Questions)
            {
                foreach (var problem in QuestionProblems(question, seen))
                {
                    yield return $"question {question.Id}: {problem}";
                }
                seen.TryAdd(question.Id, question);
            }
        }
    }

    private static IEnumerable<string> QuestionProblems(Question question, Dictionary<string, Question> earlier)
    {
        if (string.IsNullOrWhiteSpace(question.Id) || earlier.ContainsKey(question.Id))
        {
            yield return "missing or repeated id";
        }
        foreach (var problem in Texts("text", question.Text).Concat(question.Options.SelectMany(o => Texts("option " + o.Code, o.Label))))
        {
            yield return problem;
        }
        var withOptions = question.Type is QuestionType.SingleChoice or QuestionType.MultipleChoice or QuestionType.AmountBand or QuestionType.PercentageSplit;
        if (withOptions && question.Options.Count < 2)
        {
            yield return "needs two options or more";
        }
        if (!withOptions && question.Options.Count > 0)
        {
            yield return "takes no options";
        }
        if (question.Options.Select(o => o.Code).Distinct(StringComparer.Ordinal).Count() != question.Options.Count)
        {
            yield return "repeated option code";
        }
        if (question.Options.Any(o => o.Exclusive) && question.Type != QuestionType.MultipleChoice)
        {
            yield return "only a multiple choice has an exclusive option";
        }
        if (question.Type is QuestionType.WholeNumber or QuestionType.Scale && (question.Min is not { } min || question.Max is not { } max || min >= max))
        {
            yield return "needs a minimum below its maximum";
        }
        if (question.Type == QuestionType.Scale && question.ScaleEnds.Count != 2)
        {
            yield return "a scale names its two ends";
        }
        if (question.Type == QuestionType.ShortText && question.MaxLength is < 1 or > 2000)
        {
            yield return "a short text takes 1 to 2000 characters";
        }
        if (question.ShowWhen is { } condition)
        {
            if (!earlier.TryGetValue(condition.Question, out var source))
            {
                yield return $"is shown after an answer to {condition.Question}, which is not an earlier question";
            }
            else if (source.Type is not (QuestionType.SingleChoice or QuestionType.MultipleChoice or QuestionType.AmountBand)
                || condition.AnyOf.Count == 0 || condition.AnyOf.Any(code => source.Options.All(o => o.Code != code)))
            {
                yield return $"its condition names no option of {condition.Question}";
            }
        }
    }

    private static IEnumerable<string> Texts(string what, LocalText? text)
    {
        if (text is null || string.IsNullOrWhiteSpace(text.Fr) || string.IsNullOrWhiteSpace(text.En))
        {
            yield return $"{what} needs French and English words";
        }
    }
}
