using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AnnuaireFiliere.Search.Relevance;

/// <summary>What one engine scored on one set: per query, overall and per query class, as a table or JSON.</summary>
public sealed class RelevanceReport
{
    /// <summary>The classes of the brief, in the order the table shows them; other classes follow alphabetically.</summary>
    public static readonly IReadOnlyList<string> KnownClasses =
        ["activity", "verb-noun", "place", "synonym", "english", "acronym", "variant", "typo", "two-concept", "name", RelevanceQuery.NoAnswerClass];

    public RelevanceReport(string set, string engine, IReadOnlyList<QueryOutcome> queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        Set = set;
        Engine = engine;
        Queries = queries;
        Overall = RelevanceFigures.Of(queries);
        var classes = queries.SelectMany(q => q.Query.Classes).Distinct(StringComparer.Ordinal)
            .OrderBy(c => KnownClasses.Contains(c) ? KnownClasses.ToList().IndexOf(c) : KnownClasses.Count)
            .ThenBy(c => c, StringComparer.Ordinal);
        ByClass = classes.Select(c => (c, RelevanceFigures.Of([.. queries.Where(q => q.Query.Classes.Contains(c))])))
            .ToDictionary(e => e.c, e => e.Item2, StringComparer.Ordinal);
    }

    public string Set { get; }
    public string Engine { get; }
    public IReadOnlyList<QueryOutcome> Queries { get; }
    public RelevanceFigures Overall { get; }

    /// <summary>Per class, in table order (a query with several classes counts in each).</summary>
    public IReadOnlyDictionary<string, RelevanceFigures> ByClass { get; }

    /// <summary>The queries with a right answer that scored lowest (nDCG@10, then MRR), worst first.</summary>
    public IReadOnlyList<QueryOutcome> Worst(int count) =>
        [.. Queries.Where(q => q.Query.HasAnswer).OrderBy(q => q.Ndcg).ThenBy(q => q.ReciprocalRank).ThenBy(q => q.Query.Id, StringComparer.Ordinal).Take(count)];

    /// <summary>The table (overall and per class); with <paramref name="perQuery"/>, each query's nDCG@10 and top 5.</summary>
    public string ToText(bool perQuery = false)
    {
        var text = new StringBuilder();
        Line(text, $"Relevance of {Engine} on set '{Set}': {Queries.Count} queries ({Overall.Answered} with a right answer, {Overall.NoAnswer} without)");
        Line(text, $"{"class",-13} {"queries",7} {"nDCG@10",8} {"P@5",6} {"MRR",6} {"zero",6}  no-answer returning results");
        Row(text, "overall", Overall);
        foreach (var (name, figures) in ByClass)
        {
            Row(text, name, figures);
        }
        if (perQuery)
        {
            text.AppendLine();
            Line(text, $"{"id",-6} {"nDCG",5} {"total",5}  query → top 5 (grade)");
            foreach (var outcome in Queries)
            {
                var top = outcome.Top.Count == 0 ? "(no result)" : string.Join(" ", outcome.Top.Take(RelevanceMeasure.PrecisionDepth).Select(t => $"{t.Slug}({t.Grade})"));
                var score = outcome.Query.HasAnswer ? outcome.Ndcg.ToString("0.000", CultureInfo.InvariantCulture) : "  -  ";
                Line(text, $"{outcome.Query.Id,-6} {score,5} {outcome.Total,5}  \"{outcome.Query.Text}\" → {top}");
            }
        }
        return text.ToString();
    }

    /// <summary>The same figures as JSON (overall, per class, and per query with its top 10).</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        set = Set,
        engine = Engine,
        overall = Overall,
        classes = ByClass,
        queries = Queries.Select(q => new
        {
            id = q.Query.Id,
            text = q.Query.Text,
            classes = q.Query.Classes,
            hasAnswer = q.Query.HasAnswer,
            ndcgAt10 = Math.Round(q.Ndcg, 4),
            precisionAt5 = q.PrecisionAt5,
            reciprocalRank = Math.Round(q.ReciprocalRank, 4),
            total = q.Total,
            top = q.Top,
        }),
    }, RelevanceSet.Json);

    private static void Row(StringBuilder text, string name, RelevanceFigures f)
    {
        static string N(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";
        var noAnswer = f.NoAnswer == 0 ? "" : $"{f.NoAnswerReturned}/{f.NoAnswer}";
        Line(text, $"{name,-13} {f.Answered,7} {N(f.NdcgAt10),8} {N(f.PrecisionAt5),6} {N(f.Mrr),6} {N(f.ZeroResultRate),6}  {noAnswer}");
    }

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(FormattableString.Invariant(line).TrimEnd());
}
