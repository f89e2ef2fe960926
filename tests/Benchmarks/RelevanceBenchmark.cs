using AnnuaireFiliere.Search.Relevance;

namespace AnnuaireFiliere.Benchmarks;

/// <summary>
/// How well each engine answers the judged queries of a relevance set (tests/Search.Relevance): overall and per
/// class, and with <c>--queries 1</c> each query's nDCG@10 and its top 5 with their grades. Lucene always;
/// Elasticsearch when <c>ELASTICSEARCH_URL</c> is set.
/// </summary>
internal static class RelevanceBenchmark
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var name = options.Values.GetValueOrDefault("set") ?? "dev";
        var perQuery = options.Int("queries", 0) == 1;
        if (!RelevanceSet.Names.Contains(name, StringComparer.Ordinal))
        {
            Console.WriteLine($"relevance: no set '{name}' (known: {string.Join(", ", RelevanceSet.Names)})");
            return 2;
        }
        var set = RelevanceSet.Load(name);
        Console.WriteLine($"relevance: set '{name}', {set.Profiles.Count} profiles, {set.Queries.Count} queries");

        var lucene = await LuceneRelevanceIndex.MeasureAsync(set);
        Print(lucene, set, perQuery);

        if (ElasticsearchRelevanceIndex.OptionsFromEnvironment(ElasticsearchRelevanceIndex.UniquePrefix(name)) is { } elastic)
        {
            await using var index = await ElasticsearchRelevanceIndex.CreateAsync(set, elastic);
            Print(await RelevanceMeasure.RunAsync(index.Search, set, ElasticsearchRelevanceIndex.Engine), set, perQuery);
        }
        else
        {
            Console.WriteLine("\nElasticsearch: skipped, ELASTICSEARCH_URL is not set (e.g. ELASTICSEARCH_URL=http://localhost:9200).");
        }
        return 0;
    }

    private static void Print(RelevanceReport report, RelevanceSet set, bool perQuery)
    {
        Console.WriteLine();
        Console.Write(report.ToText(perQuery));
        if (set.Recorded.TryGetValue(report.Engine, out var floor))
        {
            var regressions = floor.Regressions(report.Overall);
            Console.WriteLine(regressions.Count == 0
                ? $"recorded floor (recorded.json): nDCG@10 {floor.NdcgAt10:0.0000}, P@5 {floor.PrecisionAt5:0.0000}, MRR {floor.Mrr:0.0000}, zero {floor.ZeroResultRate:0.0000}: not below"
                : $"below the recorded floor: {string.Join("; ", regressions)}");
        }
        Console.WriteLine("\nworst queries:");
        foreach (var outcome in report.Worst(10))
        {
            Console.WriteLine($"  {outcome.Query.Id} {outcome.Ndcg:0.000} \"{outcome.Query.Text}\" → {(outcome.Top.Count == 0 ? "(no result)" : string.Join(" ", outcome.Top.Take(5).Select(t => $"{t.Slug}({t.Grade})")))}");
        }
    }
}
