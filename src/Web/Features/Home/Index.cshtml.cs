using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AnnuaireFiliere.Web.Features.Home;

/// <summary>
/// The home page: a search box, the sectors with their counts and a few key figures, all read from one
/// match-all search (its facets are the counts), so the figures agree with what a search finds.
/// </summary>
public sealed class HomeModel(ICompanySearch search, TaxonomyCatalog taxonomy) : PageModel
{
    public sealed record SectorCount(Sector Sector, long Count);

    public sealed record KeyFigures(long Published, int ActiveSectors, int Communes, double ShareSellingOnline);

    public IReadOnlyList<SectorCount> Sectors { get; private set; } = [];

    public KeyFigures Figures { get; private set; } = new(0, 0, 0, 0);

    /// <summary>The search engine cannot answer: the page still offers the sectors and the search box, without counts.</summary>
    public bool SearchUnavailable { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        SearchResult all;
        try
        {
            all = await search.SearchAsync(new SearchRequest { PageSize = 1 }, cancellationToken);
        }
        catch (SearchUnavailableException)
        {
            SearchUnavailable = true;
            Sectors = [.. taxonomy.Sectors.Select(s => new SectorCount(s, 0))];
            return;
        }
        var bySector = all.Facet(FacetNames.Sector).Values.ToDictionary(v => v.Code, v => v.Count, StringComparer.Ordinal);
        Sectors = [.. taxonomy.Sectors.Select(s => new SectorCount(s, bySector.GetValueOrDefault(s.Code)))];
        var sellingOnline = all.Facet(FacetNames.ECommerce).Values.FirstOrDefault(v => v.Code == ECommerceCapabilities.SellsOnline)?.Count ?? 0;
        Figures = new KeyFigures(
            all.Total,
            Sectors.Count(s => s.Count > 0),
            all.Facet(FacetNames.Commune).Values.Count(v => v.Count > 0),
            all.Total == 0 ? 0 : (double)sellingOnline / all.Total);
    }
}
