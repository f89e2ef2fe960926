using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Search;

/// <summary>
/// How both engines rank and widen, tuned on the relevance sets (<c>tests/Search.Relevance</c>): every word is
/// required; when that finds fewer than <see cref="FewResults"/>, words no company has are set aside, then
/// companies matching most of the words follow the others (<see cref="WordMatchedBonus"/> per word matched
/// outweighs any score). Places named in the text rank their companies first.
/// </summary>
public static class SearchRanking
{
    /// <summary>Below this many companies with every word, the search also shows those with most of them.</summary>
    public const int FewResults = 10;

    /// <summary>Per word matched, when not every word is required: more words matched always rank higher.</summary>
    public const float WordMatchedBonus = 2000f;

    /// <summary>A company located in the place named; those working there, in its province or everywhere get less.</summary>
    public const float PlaceBoost = 200f;

    /// <summary>A company whose name holds the place named.</summary>
    public const float PlaceInNameBoost = 0.5f;

    /// <summary>A word found written as typed (not only by its stem, a typo or a prefix).</summary>
    public const float AsTypedBoost = 2f;

    /// <summary>A synonym's variant counts a little less than the words typed.</summary>
    public const float SynonymBoost = 0.9f;

    /// <summary>
    /// The index-time token of a multi-word concept (its words side by side, or one of its variants): the words
    /// together say more than the same words scattered through a profile.
    /// </summary>
    public const float ConceptBoost = 1.5f;

    /// <summary>
    /// The place terms of a plan: the keyword field, its value, its boost, and whether it is enough to count as
    /// "there" when the text names only a place (then only those companies are shown).
    /// </summary>
    public static IReadOnlyList<(string Field, string Value, float Boost, bool Restricts)> PlaceTerms(TextQueryPlan plan, TaxonomyCatalog taxonomy)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(taxonomy);
        var commune = SearchFields.Facet(FacetNames.Commune);
        var province = SearchFields.Facet(FacetNames.Province);
        var terms = new List<(string, string, float, bool)>();
        foreach (var code in plan.PlaceCommunes)
        {
            terms.Add((commune, code, PlaceBoost, true));
            terms.Add((SearchFields.Area, SearchFields.AreaCommune(code), PlaceBoost * 0.6f, true));
            if (taxonomy.FindCommune(code)?.ProvinceCode is { } own)
            {
                terms.Add((SearchFields.Area, SearchFields.AreaProvince(own), PlaceBoost * 0.4f, true));
                terms.Add((province, own, PlaceBoost * 0.25f, false));
            }
        }
        foreach (var code in plan.PlaceProvinces)
        {
            terms.Add((province, code, PlaceBoost, true));
            terms.Add((SearchFields.Area, SearchFields.AreaProvince(code), PlaceBoost * 0.6f, true));
        }
        terms.Add((SearchFields.Area, SearchFields.WholeTerritory, PlaceBoost * 0.15f, false));
        return [.. terms.Distinct()];
    }
}
