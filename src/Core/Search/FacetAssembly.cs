using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Search;

/// <summary>
/// Builds the facets of a result from per-facet counts, the same way for every engine: values in taxonomy order
/// with their labels, zero counts hidden unless selected, sectors holding their activities and provinces their
/// communes, labels by count.
/// </summary>
public static class FacetAssembly
{
    /// <param name="counts">The disjunctive counts of a facet (each facet's counts ignore its own selection), by code.</param>
    public static IReadOnlyList<Facet> Build(Func<string, IReadOnlyDictionary<string, long>> counts, SearchRequest request, TaxonomyCatalog taxonomy)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(taxonomy);

        FacetValue Value(string facet, string code) =>
            new(code, FacetLabels.For(facet, code, taxonomy), counts(facet).GetValueOrDefault(code), request.Selected(facet).Contains(code));

        IEnumerable<FacetValue> Shown(string facet, IEnumerable<string> codes) =>
            codes.Select(code => Value(facet, code)).Where(v => v.Count > 0 || v.Selected);

        var activities = Shown(FacetNames.Activity, taxonomy.Activities.Select(a => a.Code)).ToList();
        var communes = Shown(FacetNames.Commune, taxonomy.Communes.Select(c => c.Code)).ToList();
        var sectors = Shown(FacetNames.Sector, taxonomy.Sectors.Select(s => s.Code))
            .Select(s => s with { Children = [.. activities.Where(a => taxonomy.FindActivity(a.Code)!.SectorCode == s.Code)] });
        var provinces = Shown(FacetNames.Province, taxonomy.Provinces.Select(p => p.Code))
            .Select(p => p with { Children = [.. communes.Where(c => taxonomy.FindCommune(c.Code)!.ProvinceCode == p.Code)] });
        var labels = counts(FacetNames.Label).Keys.Union(request.Labels, StringComparer.Ordinal);
        return
        [
            new Facet(FacetNames.Sector, [.. sectors]),
            new Facet(FacetNames.Activity, activities),
            new Facet(FacetNames.Province, [.. provinces]),
            new Facet(FacetNames.Commune, communes),
            new Facet(FacetNames.SizeBand, [.. Shown(FacetNames.SizeBand, FacetLabels.SizeBandOrder)]),
            new Facet(FacetNames.LegalForm, [.. Shown(FacetNames.LegalForm, taxonomy.LegalForms.Select(l => l.Code))]),
            new Facet(FacetNames.ECommerce, [.. Shown(FacetNames.ECommerce, ECommerceCapabilities.All)]),
            new Facet(FacetNames.Language, [.. Shown(FacetNames.Language, taxonomy.Languages.Select(l => l.Code))]),
            new Facet(FacetNames.Label, [.. Shown(FacetNames.Label, labels).OrderByDescending(v => v.Count).ThenBy(v => v.Code, StringComparer.Ordinal)]),
        ];
    }
}
