using AnnuaireFiliere.Core.Search;

namespace AnnuaireFiliere.Search.Relevance;

/// <summary>
/// Runs every query of a set through an engine, as the site sends it (the text exactly as typed, first page of
/// <see cref="Depth"/>), and scores the answers against the judgments.
/// </summary>
public static class RelevanceMeasure
{
    /// <summary>Results looked at per query (nDCG@10, MRR).</summary>
    public const int Depth = 10;

    /// <summary>Results counted by the precision (P@5).</summary>
    public const int PrecisionDepth = 5;

    public static async Task<RelevanceReport> RunAsync(ICompanySearch search, RelevanceSet set, string engine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(set);
        var outcomes = new List<QueryOutcome>(set.Queries.Count);
        foreach (var query in set.Queries)
        {
            // Exactly what the search page and the API receive: no trailing space, so a last word is also a prefix.
            var result = await search.SearchAsync(new SearchRequest { Text = query.Text, PageSize = Depth }, cancellationToken).ConfigureAwait(false);
            outcomes.Add(Score(query, [.. result.Hits.Select(h => h.Slug)], result.Total));
        }
        return new RelevanceReport(set.Name, engine, outcomes);
    }

    /// <summary>The scores of one query given the slugs an engine returned, best first.</summary>
    public static QueryOutcome Score(RelevanceQuery query, IReadOnlyList<string> slugs, long total)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(slugs);
        var top = slugs.Take(Depth).Select(s => new RankedSlug(s, query.Grade(s))).ToList();
        var grades = top.Select(t => t.Grade).ToList();
        var firstRelevant = grades.FindIndex(g => g > 0);
        return new QueryOutcome(query, top, total)
        {
            Ndcg = Ndcg(grades, query.Judgments.Values),
            PrecisionAt5 = grades.Take(PrecisionDepth).Count(g => g > 0) / (double)PrecisionDepth,
            ReciprocalRank = firstRelevant < 0 ? 0 : 1.0 / (firstRelevant + 1),
        };
    }

    /// <summary>
    /// nDCG@10: gain 2^grade − 1, discount log2(rank + 1), divided by the DCG of the best possible order of the
    /// judged companies. 0 when nothing is relevant.
    /// </summary>
    public static double Ndcg(IReadOnlyList<int> grades, IEnumerable<int> judged)
    {
        ArgumentNullException.ThrowIfNull(grades);
        ArgumentNullException.ThrowIfNull(judged);
        var ideal = Dcg([.. judged.Where(g => g > 0).OrderDescending()]);
        return ideal == 0 ? 0 : Dcg(grades) / ideal;
    }

    private static double Dcg(IReadOnlyList<int> grades) =>
        grades.Take(Depth).Select((grade, i) => (Math.Pow(2, grade) - 1) / Math.Log2(i + 2)).Sum();
}

public sealed record RankedSlug(string Slug, int Grade);

/// <summary>How an engine answered one query.</summary>
public sealed record QueryOutcome(RelevanceQuery Query, IReadOnlyList<RankedSlug> Top, long Total)
{
    public double Ndcg { get; init; }
    public double PrecisionAt5 { get; init; }
    public double ReciprocalRank { get; init; }

    /// <summary>The engine returned nothing at all.</summary>
    public bool IsEmpty => Total == 0;
}

/// <summary>
/// Figures over a group of queries. nDCG@10, P@5, MRR and the zero-result rate are means over the queries that
/// have a right answer (null when there is none); queries without one only count in <see cref="NoAnswerReturned"/>.
/// </summary>
public sealed record RelevanceFigures
{
    /// <summary>Queries with a right answer.</summary>
    public int Answered { get; init; }
    public double? NdcgAt10 { get; init; }
    public double? PrecisionAt5 { get; init; }
    public double? Mrr { get; init; }

    /// <summary>Share of the queries with a right answer that returned no result at all.</summary>
    public double? ZeroResultRate { get; init; }

    /// <summary>Queries with no right answer in the set.</summary>
    public int NoAnswer { get; init; }

    /// <summary>How many of those returned something anyway.</summary>
    public int NoAnswerReturned { get; init; }

    public static RelevanceFigures Of(IReadOnlyCollection<QueryOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var answered = outcomes.Where(o => o.Query.HasAnswer).ToList();
        var none = outcomes.Where(o => !o.Query.HasAnswer).ToList();
        double? Mean(Func<QueryOutcome, double> value) => answered.Count == 0 ? null : answered.Average(value);
        return new RelevanceFigures
        {
            Answered = answered.Count,
            NdcgAt10 = Mean(o => o.Ndcg),
            PrecisionAt5 = Mean(o => o.PrecisionAt5),
            Mrr = Mean(o => o.ReciprocalRank),
            ZeroResultRate = Mean(o => o.IsEmpty ? 1 : 0),
            NoAnswer = none.Count,
            NoAnswerReturned = none.Count(o => !o.IsEmpty),
        };
    }
}

/// <summary>The overall figures last accepted for an engine (<c>recorded.json</c>): the floors a change must not go below.</summary>
public sealed record RecordedFloor
{
    /// <summary>Slack for rounding: the recorded values have four decimals.</summary>
    public const double Tolerance = 0.0005;

    public double NdcgAt10 { get; init; }
    public double PrecisionAt5 { get; init; }
    public double Mrr { get; init; }
    public double ZeroResultRate { get; init; }

    public static RecordedFloor Of(RelevanceFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return new RecordedFloor
        {
            NdcgAt10 = Math.Round(figures.NdcgAt10 ?? 0, 4),
            PrecisionAt5 = Math.Round(figures.PrecisionAt5 ?? 0, 4),
            Mrr = Math.Round(figures.Mrr ?? 0, 4),
            ZeroResultRate = Math.Round(figures.ZeroResultRate ?? 0, 4),
        };
    }

    /// <summary>What got worse than this floor, one line each (empty when nothing did).</summary>
    public IReadOnlyList<string> Regressions(RelevanceFigures measured)
    {
        ArgumentNullException.ThrowIfNull(measured);
        var problems = new List<string>();
        void Higher(string name, double? value, double floor)
        {
            if ((value ?? 0) < floor - Tolerance)
            {
                problems.Add(FormattableString.Invariant($"{name} {value ?? 0:0.0000} < recorded {floor:0.0000}"));
            }
        }
        Higher("nDCG@10", measured.NdcgAt10, NdcgAt10);
        Higher("P@5", measured.PrecisionAt5, PrecisionAt5);
        Higher("MRR", measured.Mrr, Mrr);
        if ((measured.ZeroResultRate ?? 0) > ZeroResultRate + Tolerance)
        {
            problems.Add(FormattableString.Invariant($"zero-result rate {measured.ZeroResultRate ?? 0:0.0000} > recorded {ZeroResultRate:0.0000}"));
        }
        return problems;
    }
}
