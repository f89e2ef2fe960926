using AnnuaireFiliere.Core.Search;

namespace AnnuaireFiliere.Core.Tests.Search;

/// <summary>How user text is read, once, for both engines.</summary>
public sealed class TextQueryPlanTests
{
    private static TextQueryPlan Parse(string? text) => TextQueryPlan.Parse(text, SynonymCatalog.Default);

    [Fact]
    public void Words_become_stems_and_only_the_word_being_typed_is_partial()
    {
        var plan = Parse("Cagous Nouméa dév");

        Assert.Equal([new WordClause("cagou", "cagous", false), new WordClause("noumea", "noumea", false), new WordClause("dev", "dev", true)], plan.Clauses);
        Assert.Equal("cagous noumea dev", plan.ExactName);
        Assert.Equal(["cagou", "noumea", "dev"], plan.HighlightTerms);
    }

    [Fact]
    public void A_trailing_space_ends_the_last_word()
    {
        Assert.All(Parse("cagous dév ").Clauses.Cast<WordClause>(), w => Assert.False(w.IsPartial));
    }

    [Fact]
    public void Quoted_words_are_one_phrase_with_their_stop_word_gap_and_text()
    {
        var phrase = Assert.IsType<PhraseClause>(Assert.Single(Parse("\"agence de communication\"").Clauses)).Phrase;

        Assert.Equal(["agenc", "comunic"], phrase.Terms);   // light French stemming
        Assert.Equal([0, 2], phrase.Positions);
        Assert.Equal("agence de communication", phrase.Text);
    }

    [Fact]
    public void Words_of_a_synonym_group_become_one_clause_with_every_variant()
    {
        var synonym = Assert.IsType<SynonymClause>(Assert.Single(Parse("dev web ").Clauses));

        Assert.Contains(synonym.Variants, v => v.Text == "développement web");
        Assert.Contains(synonym.Variants, v => v.Text == "création de sites" && v.Positions.SequenceEqual([0, 2]));
        Assert.Null(synonym.PartialWord);
    }

    [Theory]
    [InlineData("web", false, 0)]          // three letters: never
    [InlineData("resau", false, 1)]        // from four letters: one edit
    [InlineData("devloppement", false, 2)] // from eight letters: two
    [InlineData("devloppement", true, 0)]  // a word the index knows: none
    public void Typo_tolerance_depends_on_length_and_on_the_vocabulary(string word, bool known, int edits) =>
        Assert.Equal(edits, TextQueryPlan.TypoEdits(word, known));

    [Fact]
    public void Only_words_whose_spelling_matters_are_looked_up()
    {
        // "ia" is a synonym, "web" too short for typos; "resau" may get typos; "informatique" is typed (prefix rule).
        Assert.Equal(["resau", "informatique"], Parse("web resau ia informatique").WordsToLookUp());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\" * ? ~ \\")]
    public void Nothing_to_search_is_no_clause(string? text)
    {
        var plan = Parse(text);
        Assert.False(plan.HasText);
        Assert.Equal(string.Empty, plan.ExactName);
    }

    [Fact]
    public void Clauses_are_capped()
    {
        var plan = Parse(string.Join(' ', Enumerable.Range(0, 40).Select(i => $"mot{i}")));
        Assert.Equal(TextQueryPlan.MaxClauses, plan.Clauses.Count);
    }
}
