using AnnuaireFiliere.Core.Search;

namespace AnnuaireFiliere.Core.Statistics;

/// <summary>
/// The search's filters applied to one company, with the engines' semantics (values of one filter are
/// alternatives, filters must all hold; sectors and activities match secondary activities too, a commune counts in
/// every province it lies in). Statistics use it so that a segment means the same thing as a search. The text of
/// the request is not read here: the engine answers which companies it matches.
/// </summary>
public static class SegmentFilter
{
    public static bool Matches(this SearchRequest filters, CompanyFact company)
    {
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentNullException.ThrowIfNull(company);
        return Any(filters.Sectors, company.Sectors)
            && Any(filters.Activities, company.Activities)
            && Any(filters.Provinces, company.Provinces)
            && One(filters.Communes, company.Commune)
            && One(filters.SizeBands, company.SizeBand)
            && One(filters.LegalForms, company.LegalForm)
            && Any(filters.ECommerce, company.ECommerce)
            && Any(filters.Languages, company.Languages)
            && Any(filters.Labels, company.Labels)
            && (filters.FoundedFrom is null || company.FoundingYear >= filters.FoundedFrom)
            && (filters.FoundedTo is null || company.FoundingYear <= filters.FoundedTo);
    }

    private static bool Any(IReadOnlyList<string> wanted, IReadOnlyList<string> values)
    {
        if (wanted.Count == 0)
        {
            return true;
        }
        for (var i = 0; i < values.Count; i++)
        {
            for (var j = 0; j < wanted.Count; j++)
            {
                if (string.Equals(values[i], wanted[j], StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool One(IReadOnlyList<string> wanted, string? value)
    {
        if (wanted.Count == 0)
        {
            return true;
        }
        if (value is null)
        {
            return false;
        }
        for (var j = 0; j < wanted.Count; j++)
        {
            if (string.Equals(value, wanted[j], StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
