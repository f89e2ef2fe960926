using AnnuaireFiliere.Search.Relevance;

namespace AnnuaireFiliere.Core.Tests.Search;

/// <summary>The measure's arithmetic, on hand-computed cases.</summary>
public sealed class RelevanceMeasureTests
{
    private static readonly RelevanceQuery Query = new()
    {
        Id = "t1",
        Text = "test",
        Classes = ["activity"],
        Judgments = new Dictionary<string, int> { ["a"] = 2, ["b"] = 1, ["c"] = 2 },
    };

    [Fact]
    public void The_ideal_order_scores_1()
    {
        var outcome = RelevanceMeasure.Score(Query, ["a", "c", "b", "x"], 4);
        Assert.Equal(1, outcome.Ndcg, 10);
        Assert.Equal(0.6, outcome.PrecisionAt5, 10);
        Assert.Equal(1, outcome.ReciprocalRank, 10);
    }

    [Fact]
    public void Ndcg_uses_gain_2_to_the_grade_minus_1_and_a_log2_discount()
    {
        // Returned: x (0), b (1), a (2). DCG = 0 + 1/log2(3) + 3/log2(4) = 0.63093 + 1.5.
        // Ideal: a, c, b = 3 + 3/log2(3) + 1/log2(4) = 3 + 1.89279 + 0.5.
        var outcome = RelevanceMeasure.Score(Query, ["x", "b", "a"], 3);
        Assert.Equal((1 / Math.Log2(3) + 1.5) / (3 + 3 / Math.Log2(3) + 0.5), outcome.Ndcg, 10);
        Assert.Equal(0.4, outcome.PrecisionAt5, 10);
        Assert.Equal(0.5, outcome.ReciprocalRank, 10);
    }

    [Fact]
    public void Nothing_relevant_in_the_top_10_scores_0()
    {
        var outcome = RelevanceMeasure.Score(Query, [.. Enumerable.Range(0, 10).Select(i => $"x{i}"), "a"], 11);
        Assert.Equal(0, outcome.Ndcg);
        Assert.Equal(0, outcome.ReciprocalRank);
        Assert.False(outcome.IsEmpty);
    }

    [Fact]
    public void Queries_without_an_answer_only_count_as_returning_something_or_not()
    {
        var none = new RelevanceQuery { Id = "t2", Text = "boulangerie", Classes = [RelevanceQuery.NoAnswerClass] };
        var figures = RelevanceFigures.Of(
        [
            RelevanceMeasure.Score(Query, [], 0),
            RelevanceMeasure.Score(Query, ["a", "c", "b"], 3),
            RelevanceMeasure.Score(none, ["a"], 1),
            RelevanceMeasure.Score(none, [], 0),
        ]);
        Assert.Equal(2, figures.Answered);
        Assert.Equal(0.5, figures.NdcgAt10!.Value, 10);
        Assert.Equal(0.5, figures.ZeroResultRate!.Value, 10);
        Assert.Equal(0.3, figures.PrecisionAt5!.Value, 10);
        Assert.Equal((2, 1), (figures.NoAnswer, figures.NoAnswerReturned));
    }

    [Fact]
    public void A_floor_reports_what_got_worse_beyond_rounding()
    {
        var floor = new RecordedFloor { NdcgAt10 = 0.5, PrecisionAt5 = 0.4, Mrr = 0.6, ZeroResultRate = 0.1 };
        Assert.Empty(floor.Regressions(new RelevanceFigures { NdcgAt10 = 0.4996, PrecisionAt5 = 0.4, Mrr = 0.7, ZeroResultRate = 0.1004 }));
        var worse = floor.Regressions(new RelevanceFigures { NdcgAt10 = 0.49, PrecisionAt5 = 0.4, Mrr = 0.6, ZeroResultRate = 0.2 });
        Assert.Equal(2, worse.Count);
        Assert.Contains(worse, p => p.StartsWith("nDCG@10", StringComparison.Ordinal));
        Assert.Contains(worse, p => p.StartsWith("zero-result rate", StringComparison.Ordinal));
    }
}
