using AnnuaireFiliere.Core.Companies;

namespace AnnuaireFiliere.Core.Tests;

public sealed class SlugsTests
{
    [Theory]
    [InlineData("Société Calédonienne d'Électronique", "societe-caledonienne-d-electronique")]
    [InlineData("  Cagou   Web  ", "cagou-web")]
    [InlineData("Œuvre & Cœur", "oeuvre-coeur")]
    [InlineData("NC Télécom (Païta)", "nc-telecom-paita")]
    [InlineData("!!!", "entreprise")]
    public void Names_become_lower_case_ascii_words(string name, string slug) =>
        Assert.Equal(slug, Slugs.From(name));

    [Fact]
    public void Long_names_are_cut_without_a_trailing_dash()
    {
        var slug = Slugs.From(string.Join(' ', Enumerable.Repeat("informatique", 20)));
        Assert.True(slug.Length <= Slugs.MaxLength);
        Assert.False(slug.EndsWith('-'));
    }
}
