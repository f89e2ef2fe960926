using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.OpenData;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AnnuaireFiliere.Web.Pages.Donnees;

/// <summary>
/// <c>/donnees</c>: the open data — the newest daily extract's files with their date and size, the licence, the
/// description of every field and the typology (sectors, activities and their NAF codes).
/// </summary>
public sealed class IndexModel(OpenDataStore store, TaxonomyCatalog taxonomy) : PageModel
{
    public OpenDataSet Extract { get; private set; } = null!;

    public IReadOnlyList<(string File, string Title, long Bytes)> Files { get; private set; } = [];

    public TaxonomyCatalog Taxonomy => taxonomy;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Extract = await store.LatestOrGenerateAsync(cancellationToken);
        Files = [.. OpenDataEndpoints.Files.Select(f => (f.File, f.Title, new FileInfo(Extract.PathOf(f.File)).Length))];
    }
}
