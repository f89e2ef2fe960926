using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Statistics;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Search;
using AnnuaireFiliere.Web.Statistics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AnnuaireFiliere.Web.Pages.Statistiques;

/// <summary>
/// <c>/statistiques</c>: the sector's figures for any segment (the search's filter parameters), each table with its
/// chart and a CSV download. Public figures for now: analysts' exact counts come with accounts (#6).
/// </summary>
public sealed class IndexModel(StatisticsService statistics, IMemoryCache cache, TaxonomyCatalog taxonomy, TimeProvider clock) : PageModel
{
    public StatisticsReport Report { get; private set; } = null!;

    public SearchRequest Segment { get; private set; } = new();

    public IReadOnlyList<SearchNotice> Notices { get; private set; } = [];

    public TaxonomyCatalog Taxonomy => taxonomy;

    /// <summary>The segment's query string, for the download links.</summary>
    public string QueryString { get; private set; } = string.Empty;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var parsed = SearchParameters.Parse(Request.Query, taxonomy, clock);
        Segment = parsed.Request with { Page = 1, Sort = SearchSort.Relevance };
        Notices = parsed.Notices;
        QueryString = SearchParameters.ToQueryString(Segment with { Text = null });
        Report = await statistics.PublicReportAsync(cache, Segment, cancellationToken);
    }
}
