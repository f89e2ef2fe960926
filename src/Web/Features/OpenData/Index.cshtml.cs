using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Features.OpenData;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AnnuaireFiliere.Web.Features.OpenData;

/// <summary>
/// <c>/donnees</c>: the open data — the newest daily extract's files with their date and size, the licence, the
/// description of every field and the typology (sectors, activities and their NAF codes).
/// </summary>
public sealed class OpenDataModel(OpenDataStore store, TaxonomyCatalog taxonomy) : PageModel
{
    public OpenDataSet Extract { get; private set; } = null!;

    /// <summary>The files with their size, and the size of their gzip copy (null in an extract written without them).</summary>
    public IReadOnlyList<(string File, string Title, long Bytes, long? GzipBytes)> Files { get; private set; } = [];

    public TaxonomyCatalog Taxonomy => taxonomy;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Extract = await store.LatestOrGenerateAsync(cancellationToken);
        Files = [.. OpenDataEndpoints.Files.Select(f =>
        {
            var gzip = Extract.EntryOf(f.File + OpenDataWriter.GzipSuffix);
            return (f.File, f.Title, Extract.EntryOf(f.File)?.Length ?? 0, gzip?.Length);
        })];
    }
}
