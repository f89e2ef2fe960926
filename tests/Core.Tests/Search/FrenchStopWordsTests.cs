using AnnuaireFiliere.Core.Search;
using Lucene.Net.Analysis.Fr;

namespace AnnuaireFiliere.Core.Tests.Search;

/// <summary>
/// One French stop list for both engines (<c>Search/french-stopwords.txt</c>): Elasticsearch 9 runs Lucene 10, whose
/// Snowball list no longer holds ten words that Lucene.NET 4.8's <see cref="FrenchAnalyzer.DefaultStopSet"/> removes.
/// </summary>
public sealed class FrenchStopWordsTests
{
    /// <summary>Left out of the Snowball list (LUCENE-9354) as homonyms of content words.</summary>
    private static readonly string[] KeptSinceLucene10 = ["son", "été", "étés", "est", "sommes", "fût", "as", "auras", "aura", "avions"];

    [Fact]
    public void The_list_is_lucene_4_8s_without_the_ten_words_snowball_dropped()
    {
        var lucene48 = FrenchAnalyzer.DefaultStopSet.Select(word => word.ToString()!).ToList();

        Assert.Equal(lucene48.Except(KeptSinceLucene10).Order(StringComparer.Ordinal), FrenchTextAnalyzer.StopWords.Order(StringComparer.Ordinal));
        Assert.Equal(FrenchTextAnalyzer.StopWords.Count, FrenchTextAnalyzer.StopWords.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("son et lumière", new[] { "son", "lumier" })]
    [InlineData("l'été est chaud", new[] { "ete", "est", "chaud" })]
    [InlineData("des avions", new[] { "avion" })]
    public void Words_that_are_also_nouns_are_kept(string text, string[] terms) =>
        Assert.Equal(terms, FrenchTextAnalyzer.Stemming.Terms(text));

    [Fact]
    public void A_stop_word_still_leaves_its_gap()
    {
        Assert.Equal([("son", 0), ("lumier", 2)], FrenchTextAnalyzer.Stemming.Positioned("son et lumière"));
    }
}
