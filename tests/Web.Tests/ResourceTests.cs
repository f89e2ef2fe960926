using System.Collections;
using System.Globalization;
using System.Resources;
using AnnuaireFiliere.Web.Infrastructure;

namespace AnnuaireFiliere.Web.Tests;

public sealed class ResourceTests
{
    [Fact]
    public void Every_french_text_has_an_english_translation_and_no_more()
    {
        var manager = new ResourceManager("AnnuaireFiliere.Web.Resources.SharedResource", typeof(SharedResource).Assembly);
        var french = Keys(manager, CultureInfo.InvariantCulture);
        var english = Keys(manager, CultureInfo.GetCultureInfo("en"));
        Assert.NotEmpty(french);
        Assert.Equal(french, english);
    }

    [Theory]
    [InlineData("fr-NC", 0, ".One")]
    [InlineData("fr-NC", 1, ".One")]
    [InlineData("fr-NC", 2, ".Other")]
    [InlineData("en", 0, ".Other")]
    [InlineData("en", 1, ".One")]
    public void Plural_forms_follow_the_language(string culture, long count, string suffix)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            Assert.Equal("Home.CompanyCount" + suffix, Plural.Key("Home.CompanyCount", count));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    internal static string[] Keys(ResourceManager manager, CultureInfo culture) =>
        [.. manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>().Select(e => (string)e.Key).Order(StringComparer.Ordinal)];
}
