using AnnuaireFiliere.Core.Search;

namespace AnnuaireFiliere.Core.Tests.Search;

public sealed class SnippetsTests
{
    [Fact]
    public void The_extract_starts_near_the_first_match_and_marks_every_match_in_it()
    {
        var text = string.Join(' ', Enumerable.Repeat("Accompagnement des entreprises locales.", 10)) + " Audit de cybersécurité et formation à la cybersécurité pour les équipes.";
        var snippet = Snippets.Build(text, new HashSet<string>(FrenchTextAnalyzer.Stemming.Terms("cybersécurité")), 120);

        Assert.StartsWith("…", snippet, StringComparison.Ordinal);
        Assert.Equal(2, snippet.Split("<mark>cybersécurité</mark>").Length - 1);
        Assert.True(snippet.Length < 200);
    }

    [Fact]
    public void Without_a_match_the_extract_is_the_beginning_encoded()
    {
        var snippet = Snippets.Build("Réseaux <b>& fibre</b> \"optique\" l'été", new HashSet<string>(), 200);
        Assert.Equal("Réseaux &lt;b&gt;&amp; fibre&lt;/b&gt; &quot;optique&quot; l&#39;été", snippet);
    }

    [Fact]
    public void A_long_text_is_cut_at_a_word_end()
    {
        var snippet = Snippets.Build(string.Join(' ', Enumerable.Repeat("informatique", 40)), new HashSet<string>(), 50);
        Assert.EndsWith("informatique…", snippet, StringComparison.Ordinal);
    }
}
