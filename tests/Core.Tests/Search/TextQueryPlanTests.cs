using AnnuaireFiliere.Core.Search;

namespace AnnuaireFiliere.Core.Tests.Search;

/// <summary>How user text is read, once, for both engines.</summary>
public sealed class TextQueryPlanTests
{
    private static TextQueryPlan Parse(string? text) => TextQueryPlan.Parse(text, SynonymCatalog.Default);

    [Fact]
    public void Words_become_stems_and_only_the_word_being_typed_is_partial()
    {
        var plan = Parse("Cagous Lagon dév");

        Assert.Equal([new WordClause("cagou", "cagous", false) { Text = "cagous" }, new WordClause("lagon", "lagon", false) { Text = "lagon" }, new WordClause("dev", "dev", true) { Text = "dev" }], plan.Clauses);
        Assert.Equal("cagous lagon dev", plan.ExactName);
        Assert.Equal(["cagou", "lagon", "dev"], plan.HighlightTerms);
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

        Assert.Equal(["agenc", "communication"], phrase.Terms);   // light stemming, and the word family of "communiquer"
        Assert.Equal([0, 2], phrase.Positions);
        Assert.Equal("agence de communication", phrase.Text);
    }

    [Fact]
    public void Words_of_a_synonym_rule_stay_required_as_words_and_its_variants_are_alternatives()
    {
        var synonym = Assert.IsType<SynonymClause>(Assert.Single(Parse("maintenance informatique ").Clauses));

        // The words typed, each on its own (anywhere in the profile: a synonym never narrows)…
        Assert.Equal(["maintenance", "informatique"], synonym.Words.Select(w => w.Word));
        // …or any other way of saying it.
        Assert.Contains(synonym.Alternatives, v => v.Text == "dépannage informatique");
        Assert.Contains(synonym.Alternatives, v => v.Text == "helpdesk");
        Assert.DoesNotContain(synonym.Alternatives, v => v.Text == "maintenance informatique");
        Assert.Equal("maintenance informatique", synonym.Text);
    }

    [Fact]
    public void A_one_way_rule_widens_the_narrow_term_only()
    {
        var narrow = Assert.IsType<SynonymClause>(Assert.Single(Parse("machine learning ").Clauses));
        Assert.Contains(narrow.Alternatives, v => v.Text == "intelligence artificielle");

        var broad = Assert.IsType<SynonymClause>(Assert.Single(Parse("intelligence artificielle ").Clauses));
        Assert.DoesNotContain(broad.Alternatives, v => v.Text == "machine learning");
    }

    [Theory]
    [InlineData("réparer", "réparation")]
    [InlineData("dépanner", "dépannage")]
    [InlineData("former", "formateur")]
    [InlineData("héberger", "hébergeur")]
    [InlineData("développer", "développeur")]
    [InlineData("installer", "installation")]
    [InlineData("sécuriser", "sécurité")]
    [InlineData("traduire", "traducteurs")]
    public void A_verb_and_its_noun_are_one_word(string verb, string noun) =>
        Assert.Equal(FrenchTextAnalyzer.Stemming.Terms(noun), FrenchTextAnalyzer.Stemming.Terms(verb));

    [Theory]
    [InlineData("wi fi", "wifi")]
    [InlineData("e commerce", "ecommerce")]
    [InlineData("3 d", "3d")]
    public void Words_typed_in_two_parts_also_look_for_the_one_word_they_make(string typed, string joined)
    {
        var clause = Parse(typed + " ").Clauses.Single();
        var alternatives = clause switch
        {
            SynonymClause s => s.Alternatives.Select(v => v.Text).Concat(s.Words.Count == 1 ? [s.Words[0].Word] : []),
            WordClause w => [w.Word],
            _ => [],
        };
        Assert.Contains(joined, alternatives);
    }

    [Fact]
    public void A_document_holds_the_one_word_form_of_words_joined_by_a_hyphen()
    {
        Assert.Equal(["wifi", "ecommerce", "3d"], JoinedWords.In("Installation Wi-Fi, boutiques e-commerce et impression 3 D."));
        Assert.Empty(JoinedWords.In("la mise en place d'un site web"));   // stop words and long words stay apart
    }

    [Theory]
    [InlineData("installation réseau Koumac", "Koumac", "98812")]
    [InlineData("informatique le mont-dore", "Mont-Dore", "98817")]
    [InlineData("informatique Mont Dore", "Mont-Dore", "98817")]
    [InlineData("photographe ile des pins", "Île des Pins", "98809")]
    [InlineData("dépannage noumea", "Nouméa", "98818")]
    public void A_commune_named_in_the_text_is_a_place_not_words_to_match(string text, string label, string commune)
    {
        var plan = Parse(text + " ");

        var place = Assert.Single(plan.Places);
        Assert.Equal(label, place.Label);
        Assert.Equal([commune], plan.PlaceCommunes);
        Assert.DoesNotContain(plan.Words(), w => place.Words.Contains(w.Word));
        Assert.NotEmpty(plan.Clauses);
    }

    [Theory]
    [InlineData("site internet Grand Nouméa", new[] { "98818", "98805", "98817", "98821" }, new string[0])]
    [InlineData("imprimerie province Nord", new string[0], new[] { "nord" })]
    [InlineData("formation Sud", new string[0], new[] { "sud" })]
    [InlineData("traduction îles Loyauté", new string[0], new[] { "iles" })]
    public void Provinces_and_greater_noumea_are_places_too(string text, string[] communes, string[] provinces)
    {
        var plan = Parse(text + " ");
        Assert.Equal(communes.Order(), plan.PlaceCommunes.Order());
        Assert.Equal(provinces, plan.PlaceProvinces);
    }

    [Fact]
    public void A_place_alone_is_a_place_search_without_words()
    {
        var plan = Parse("Koné");
        Assert.False(plan.HasText);
        Assert.True(plan.HasPlace);
    }

    [Theory]
    [InlineData("web", false, 0)]          // three letters: never
    [InlineData("resau", false, 1)]        // from four letters: one edit
    [InlineData("devloppement", false, 2)] // from eight letters: two
    [InlineData("devloppement", true, 0)]  // a word the index knows: none
    public void Typo_tolerance_depends_on_length_and_on_the_vocabulary(string word, bool known, int edits) =>
        Assert.Equal(edits, TextQueryPlan.TypoEdits(word, known));

    [Theory]
    [InlineData("fa", false, false)]   // two letters: no prefix
    [InlineData("fai", true, false)]   // known as typed ("FAI" is not "faire" half typed)
    [InlineData("cyb", false, true)]
    public void The_word_being_typed_is_a_prefix_from_three_letters_unless_the_index_knows_it(string word, bool known, bool prefix) =>
        Assert.Equal(prefix, TextQueryPlan.IsPrefix(new WordClause(word, word, IsPartial: true), known));

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
        Assert.False(plan.HasPlace);
        Assert.Equal(string.Empty, plan.ExactName);
    }

    [Fact]
    public void Clauses_are_capped()
    {
        var plan = Parse(string.Join(' ', Enumerable.Range(0, 40).Select(i => $"mot{i}")));
        Assert.Equal(TextQueryPlan.MaxClauses, plan.Clauses.Count);
    }
}
