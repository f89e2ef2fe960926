using AnnuaireFiliere.Core.Search;
using Microsoft.AspNetCore.WebUtilities;

namespace AnnuaireFiliere.Web.Features.Moderation;

/// <summary>
/// The query log's hook in the search page and the search API (one call after the search, so that those features
/// stay as they are): which searches count, read from the request. Nothing of the request is kept but the text.
/// </summary>
public static class SearchCounting
{
    /// <summary>
    /// Counts a search with text on its first page (further pages are the same search): a page load or an API call
    /// at once, an in-place update of the search page (htmx) only when its text differs from the page's before it
    /// (<c>HX-Current-URL</c>; filters and pages of the same text count nothing) and once the typing settles
    /// (<see cref="QueryLog.CountTyped"/>). Going back in the browser's history counts nothing. The number of results
    /// is kept only for searches without filters.
    /// </summary>
    public static void CountSearch(this HttpContext context, SearchRequest request, long results)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        // Resolved here rather than injected, so that each caller's change is this one line.
        if (request.Page != 1 || string.IsNullOrWhiteSpace(request.Text) || context.RequestServices.GetService<QueryLog>() is not { } log)
        {
            return;
        }
        var headers = context.Request.Headers;
        if (headers.ContainsKey("HX-History-Restore-Request"))
        {
            return;
        }
        long? found = request.HasFilters ? null : results;
        if (headers.ContainsKey("HX-Request"))
        {
            log.CountTyped(TextOf(headers["HX-Current-URL"]), request.Text, found);
            return;
        }
        log.Count(request.Text, found);
    }

    /// <summary>The search text of the address the page showed before an in-place update.</summary>
    private static string? TextOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var address) && QueryHelpers.ParseQuery(address.Query).TryGetValue("q", out var text) ? text.ToString() : null;
}
