using AnnuaireFiliere.Core.Search;

namespace AnnuaireFiliere.Core.Statistics;

/// <summary>
/// The search's filters applied to one company, with the engines' semantics (values of one filter are
/// alternatives, filters must all hold; sectors and activities match secondary activities too, a commune counts in
/// every province it lies in). Statistics use it so that a segment means the same thing as a search.
/// </summary>
public static class SegmentFilter
{
    public static bool Matches(this SearchRequest filters, CompanyDocument company)
    {
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentNullException.ThrowIfNull(company);
        return Any(filters.Sectors, company.SectorCodes)
            && Any(filters.Activities, company.ActivityCodes)
            && Any(filters.Provinces, company.ProvinceCodes)
            && One(filters.Communes, company.CommuneCode)
            && One(filters.SizeBands, company.SizeFacetBand)
            && One(filters.LegalForms, company.LegalFormCode)
            && Any(filters.ECommerce, company.ECommerce)
            && Any(filters.Languages, company.Languages)
            && Any(filters.Labels, company.Labels)
            && (filters.FoundedFrom is null || company.FoundingYear >= filters.FoundedFrom)
            && (filters.FoundedTo is null || company.FoundingYear <= filters.FoundedTo);
    }

    private static bool Any(IReadOnlyList<string> wanted, IReadOnlyList<string> values) =>
        wanted.Count == 0 || values.Any(wanted.Contains);

    private static bool One(IReadOnlyList<string> wanted, string? value) =>
        wanted.Count == 0 || (value is not null && wanted.Contains(value));
}
