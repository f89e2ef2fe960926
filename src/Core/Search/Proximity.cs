using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Search;

/// <summary>
/// "Near a commune": the companies located within a distance of it (between the communes' centres), or whose
/// service area covers it (the commune named, its province, the whole territory). Both engines ask the same
/// keyword terms (<see cref="Terms"/>), so that they keep the same companies.
/// </summary>
public static class Proximity
{
    /// <summary>The radius when a commune is chosen without one.</summary>
    public const int DefaultRadiusKm = 25;

    /// <summary>The radii offered to buyers, in kilometres.</summary>
    public static IReadOnlyList<int> RadiiKm { get; } = [10, 25, 50, 100];

    public static bool IsOfferedRadius(int km) => RadiiKm.Contains(km);

    /// <summary>The communes whose centre lies within <paramref name="radiusKm"/> of the commune's (itself included), nearest first.</summary>
    public static IReadOnlyList<Commune> CommunesWithin(Commune from, int radiusKm, TaxonomyCatalog taxonomy)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(taxonomy);
        return [from, .. taxonomy.NearestCommunes(from).TakeWhile(n => n.Km <= radiusKm).Select(n => n.Commune)];
    }

    /// <summary>The area keywords (<see cref="SearchFields.Area"/>) of a service area that covers the commune.</summary>
    public static IReadOnlyList<string> CoveringAreas(Commune commune)
    {
        ArgumentNullException.ThrowIfNull(commune);
        return [SearchFields.AreaCommune(commune.Code), .. new[] { commune.ProvinceCode }.Concat(commune.OtherProvinceCodes).Distinct(StringComparer.Ordinal).Select(SearchFields.AreaProvince), SearchFields.WholeTerritory];
    }

    /// <summary>
    /// The keyword terms of which a company needs one: its commune among those within the radius, or an area that
    /// covers the commune. None for an unknown commune (then no company is near it).
    /// </summary>
    public static IReadOnlyList<(string Field, IReadOnlyList<string> Values)> Terms(string communeCode, int radiusKm, TaxonomyCatalog taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        if (taxonomy.FindCommune(communeCode) is not { } commune)
        {
            return [];
        }
        return
        [
            (SearchFields.Facet(FacetNames.Commune), [.. CommunesWithin(commune, radiusKm, taxonomy).Select(c => c.Code)]),
            (SearchFields.Area, CoveringAreas(commune)),
        ];
    }
}
