using AnnuaireFiliere.Search.Relevance;

namespace AnnuaireFiliere.Core.Tests.Search;

/// <summary>
/// The embedded engine's relevance on each set must not fall below the figures recorded in
/// <c>tests/Search.Relevance/Data/&lt;set&gt;/recorded.json</c>. To accept new figures (after an improvement, or
/// a deliberate trade-off), run <c>UPDATE_RELEVANCE=1 dotnet test tests/Core.Tests --filter FullyQualifiedName~RelevanceTests</c>
/// and review the diff.
/// </summary>
public sealed class RelevanceTests
{
    public static TheoryData<string> Sets => [.. RelevanceSet.Names];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Sets))]
    public async Task Lucene_relevance_is_not_below_the_recorded_floors(string name)
    {
        var set = RelevanceSet.Load(name);
        var report = await LuceneRelevanceIndex.MeasureAsync(set, Cancel);
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToText());
        if (RelevanceSet.UpdateRequested)
        {
            var file = set.Record(LuceneRelevanceIndex.Engine, report.Overall);
            TestContext.Current.TestOutputHelper?.WriteLine($"Recorded in {file}");
            return;
        }
        if (!set.Recorded.TryGetValue(LuceneRelevanceIndex.Engine, out var floor))
        {
            Assert.Skip($"Set '{name}' has no recorded figures for {LuceneRelevanceIndex.Engine}: run with UPDATE_RELEVANCE=1 to record them.\n{report.ToText()}");
        }
        var regressions = floor.Regressions(report.Overall);
        Assert.True(regressions.Count == 0, $"Relevance on set '{name}' fell below the recorded figures: {string.Join("; ", regressions)}\n\n{report.ToText(perQuery: true)}");
    }

    [Fact]
    public async Task Two_measures_of_a_set_give_the_same_figures()
    {
        var set = RelevanceSet.Load("dev");
        var first = await LuceneRelevanceIndex.MeasureAsync(set, Cancel);
        var second = await LuceneRelevanceIndex.MeasureAsync(set, Cancel);
        Assert.Equal(first.ToJson(), second.ToJson());
    }
}
