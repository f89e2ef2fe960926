using AnnuaireFiliere.Core.Search.Elasticsearch;
using AnnuaireFiliere.Search.Relevance;

namespace AnnuaireFiliere.Search.Elasticsearch.Tests;

/// <summary>Every relevance set indexed in a real Elasticsearch (the node: see <see cref="ElasticsearchNodeFixture"/>), one index prefix per set.</summary>
public sealed class ElasticsearchRelevanceCluster(Xunit.Sdk.IMessageSink diagnostics) : ElasticsearchNodeFixture(diagnostics, "relevance")
{
    private readonly Dictionary<string, ElasticsearchRelevanceIndex> _indices = new(StringComparer.Ordinal);

    public ElasticsearchRelevanceIndex? Index(string set) => _indices.GetValueOrDefault(set);

    protected override async Task LoadAsync(Func<string, ElasticsearchOptions> options, CancellationToken cancellationToken)
    {
        foreach (var name in RelevanceSet.Names)
        {
            _indices[name] = await ElasticsearchRelevanceIndex.CreateAsync(RelevanceSet.Load(name), options(ElasticsearchRelevanceIndex.UniquePrefix(name)), cancellationToken);
        }
    }

    protected override async Task UnloadAsync()
    {
        foreach (var index in _indices.Values)
        {
            await index.DisposeAsync();
        }
    }
}

/// <summary>
/// Elasticsearch's relevance on each set must not fall below the figures recorded for it in
/// <c>tests/Search.Relevance/Data/&lt;set&gt;/recorded.json</c>; <c>UPDATE_RELEVANCE=1</c> records the measured ones.
/// </summary>
public sealed class ElasticsearchRelevanceTests(ElasticsearchRelevanceCluster cluster) : IClassFixture<ElasticsearchRelevanceCluster>
{
    public static TheoryData<string> Sets => [.. RelevanceSet.Names];

    [Theory, MemberData(nameof(Sets))]
    public async Task Elasticsearch_relevance_is_not_below_the_recorded_floors(string name)
    {
        if (cluster.Index(name) is not { } index)
        {
            Assert.Skip(cluster.SkipReason ?? $"Set '{name}' was not indexed in Elasticsearch.");
            return;
        }
        var set = RelevanceSet.Load(name);
        var report = await RelevanceMeasure.RunAsync(index.Search, set, ElasticsearchRelevanceIndex.Engine, TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToText());
        if (RelevanceSet.UpdateRequested)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"Recorded in {set.Record(ElasticsearchRelevanceIndex.Engine, report.Overall)}");
            return;
        }
        if (!set.Recorded.TryGetValue(ElasticsearchRelevanceIndex.Engine, out var floor))
        {
            Assert.Skip($"Set '{name}' has no recorded figures for {ElasticsearchRelevanceIndex.Engine}: run with UPDATE_RELEVANCE=1 and a cluster to record them.\n{report.ToText()}");
        }
        var regressions = floor.Regressions(report.Overall);
        Assert.True(regressions.Count == 0, $"Elasticsearch relevance on set '{name}' fell below the recorded figures: {string.Join("; ", regressions)}\n\n{report.ToText(perQuery: true)}");
    }
}
