using System.Globalization;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Search;

/// <summary>Labels of facet values that are not taxonomy entries (size bands, e-commerce capabilities).</summary>
public static class FacetLabels
{
    private static readonly Dictionary<string, (string Fr, string En)> Sizes = new(StringComparer.Ordinal)
    {
        ["0"] = ("Sans salarié", "No employees"),
        ["1-9"] = ("1 à 9 salariés", "1 to 9 employees"),
        ["10-49"] = ("10 à 49 salariés", "10 to 49 employees"),
        ["50-249"] = ("50 à 249 salariés", "50 to 249 employees"),
        ["250+"] = ("250 salariés et plus", "250 employees or more"),
    };

    private static readonly Dictionary<string, (string Fr, string En)> Shop = new(StringComparer.Ordinal)
    {
        [ECommerceCapabilities.SellsOnline] = ("Vend en ligne", "Sells online"),
        [ECommerceCapabilities.OwnShop] = ("Boutique en ligne propre", "Own online shop"),
        [ECommerceCapabilities.Marketplaces] = ("Sur des places de marché", "On marketplaces"),
        [ECommerceCapabilities.OnlinePayment] = ("Paiement en ligne", "Online payment"),
        [ECommerceCapabilities.DeliversTerritory] = ("Livre sur le territoire", "Delivers across the territory"),
        [ECommerceCapabilities.DeliversIslands] = ("Livre dans les îles", "Delivers to the islands"),
        [ECommerceCapabilities.B2B] = ("Vend aux professionnels (B2B)", "Sells to businesses (B2B)"),
        [ECommerceCapabilities.B2C] = ("Vend aux particuliers (B2C)", "Sells to consumers (B2C)"),
    };

    /// <summary>The facet bands in ascending order.</summary>
    public static IReadOnlyList<string> SizeBandOrder { get; } = ["0", "1-9", "10-49", "50-249", "250+"];

    /// <summary>The label of a value in the current UI culture; unknown values are their own label.</summary>
    public static string For(string facet, string code, TaxonomyCatalog taxonomy) => For(facet, code, taxonomy, CultureInfo.CurrentUICulture);

    /// <summary>The label of a value in <paramref name="culture"/> (English or French).</summary>
    public static string For(string facet, string code, TaxonomyCatalog taxonomy, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var english = culture.TwoLetterISOLanguageName == "en";
        var pair = facet switch
        {
            FacetNames.SizeBand => Sizes.GetValueOrDefault(code),
            FacetNames.ECommerce => Shop.GetValueOrDefault(code),
            _ => default,
        };
        if (pair.Fr is not null)
        {
            return english ? pair.En : pair.Fr;
        }
        return Entry(facet, code, taxonomy)?.LabelIn(culture) ?? code;
    }

    private static TaxonomyEntry? Entry(string facet, string code, TaxonomyCatalog taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        return facet switch
        {
            FacetNames.Sector => taxonomy.FindSector(code),
            FacetNames.Activity => taxonomy.FindActivity(code),
            FacetNames.Province => taxonomy.FindProvince(code),
            FacetNames.Commune => taxonomy.FindCommune(code),
            FacetNames.LegalForm => taxonomy.FindLegalForm(code),
            FacetNames.Language => taxonomy.FindLanguage(code),
            _ => null,
        };
    }
}
