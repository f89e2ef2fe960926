using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.AspNetCore.WebUtilities;

namespace AnnuaireFiliere.Web.Features.Search;

/// <summary>
/// <see cref="ISearchQueryReader"/> with the page's own reading (<see cref="SearchParameters.Parse"/>): a saved search
/// is run later exactly as <c>/recherche</c> ran it. The page number and the view are not part of a search.
/// </summary>
public sealed class SearchQueryReader(TaxonomyCatalog taxonomy, TimeProvider clock) : ISearchQueryReader
{
    public SearchQueryReading Read(string? query)
    {
        var pairs = QueryHelpers.ParseQuery(query ?? string.Empty)
            .Where(p => !string.Equals(p.Key, SearchParameters.Page, StringComparison.OrdinalIgnoreCase)
                && !string.Equals(p.Key, SearchParameters.View, StringComparison.OrdinalIgnoreCase));
        var parsed = SearchParameters.Parse(pairs, taxonomy, clock);
        var request = parsed.Request with { Page = 1 };
        return new SearchQueryReading(request, SearchParameters.ToQueryString(request).TrimStart('?'), parsed.Notices.Count > 0);
    }
}
