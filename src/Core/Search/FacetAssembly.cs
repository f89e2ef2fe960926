using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Search;

/// <summary>
/// Builds the facets of a result from per-facet counts, the same way for every engine and for every facet of
/// <see cref="FacetCatalog"/>: values in taxonomy order with their labels (an open or long list, such as labels or services, by count),
/// zero counts hidden unless selected, and a parent's values holding their children's (sectors their activities,
/// provinces their communes).
/// </summary>
public static class FacetAssembly
{
    /// <param name="counts">The disjunctive counts of a facet (each facet's counts ignore its own selection), by code.</param>
    public static IReadOnlyList<Facet> Build(Func<string, IReadOnlyDictionary<string, long>> counts, SearchRequest request, TaxonomyCatalog taxonomy)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(taxonomy);

        List<FacetValue> Shown(FacetDefinition facet)
        {
            var selected = request.Selected(facet.Name);
            var counted = counts(facet.Name);
            var values = (facet.Codes?.Invoke(taxonomy) ?? counted.Keys.Union(selected, StringComparer.Ordinal))
                .Select(code => new FacetValue(code, facet.LabelOf(code, taxonomy), counted.GetValueOrDefault(code), selected.Contains(code)))
                .Where(v => v.Count > 0 || v.Selected);
            return facet.Codes is null || facet.ByCount
                ? [.. values.OrderByDescending(v => v.Count).ThenBy(v => v.Code, StringComparer.Ordinal)]
                : [.. values];
        }

        var shown = FacetCatalog.All.ToDictionary(f => f.Name, Shown, StringComparer.Ordinal);
        return [.. FacetCatalog.All.Select(facet => new Facet(facet.Name, FacetCatalog.ChildOf(facet.Name) is { } child
            ? [.. shown[facet.Name].Select(parent => parent with { Children = [.. shown[child.Name].Where(c => child.ParentOf!(c.Code, taxonomy) == parent.Code)] })]
            : shown[facet.Name]))];
    }
}
