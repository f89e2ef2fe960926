using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Features.Shortlist;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using AnnuaireFiliere.Web.Infrastructure;

namespace AnnuaireFiliere.Web.Features.Shortlist;

/// <summary><c>/ma-selection</c>: the visitor's shortlist, or a shared one (<c>?e=slug&amp;e=slug</c>) read-only.</summary>
public sealed class ShortlistModel(AppDbContext db, TaxonomyCatalog taxonomy) : PageModel
{
    public IReadOnlyList<ShortlistEntry> Entries { get; private set; } = [];

    /// <summary>True when the page shows a list somebody shared rather than the visitor's own.</summary>
    public bool Shared { get; private set; }

    public bool Full { get; private set; }

    public string ShareUrl { get; private set; } = string.Empty;

    public string ExportUrl { get; private set; } = string.Empty;

    public async Task OnGetAsync(string[]? e, CancellationToken cancellationToken)
    {
        Shared = e is { Length: > 0 };
        var slugs = Shared ? ShortlistCookie.Clean(e!) : ShortlistCookie.Read(Request);
        Entries = await ShortlistEntries.LoadAsync(db, taxonomy, slugs, cancellationToken);
        Full = !Shared && slugs.Count >= ShortlistCookie.MaxEntries;
        // Slugs are [a-z0-9-] only: nothing to escape.
        var query = string.Concat(Entries.Select((entry, i) => (i == 0 ? "?e=" : "&e=") + entry.Slug));
        ShareUrl = PublicAddress.OfLink(HttpContext, Url.Page("/Shortlist/Index") + query);
        ExportUrl = Url.Endpoint(ShortlistEndpoints.Export) + (Shared ? query : "");
    }
}
