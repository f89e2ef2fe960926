using AnnuaireFiliere.Core.Buyers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AnnuaireFiliere.Web.Features.SavedSearches;

/// <summary>
/// <c>/alertes/desabonnement/{jeton}</c>: the alert mail's one-click link, no sign-in (holding the signed link is the
/// proof, <see cref="SavedSearchLinks"/>). GET shows the saved search and one button (a mail scanner following links
/// stops nothing); POST stops its alerts. A forged, damaged or expired link, or a deleted search, is 404 with a message.
/// </summary>
public sealed class UnsubscribeModel(Core.Buyers.SavedSearches searches, SavedSearchLinks links) : PageModel
{
    private Guid _userId;

    public SavedSearchLine? Search { get; private set; }

    /// <summary>The link's token, for the form's address.</summary>
    public string Token { get; private set; } = string.Empty;

    /// <summary>The alerts were stopped now (the POST), or had been already.</summary>
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string jeton, CancellationToken cancellationToken) =>
        await LoadAsync(jeton, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string jeton, CancellationToken cancellationToken)
    {
        if (await LoadAsync(jeton, cancellationToken) is { } refused)
        {
            return refused;
        }
        Done = await searches.UnsubscribeAsync(_userId, Search!.Id, cancellationToken);
        if (Done)
        {
            Search = Search with { Alerts = false };
        }
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string jeton, CancellationToken cancellationToken)
    {
        // The link is the key: kept out of caches, search engines and the addresses other sites are told.
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Token = jeton;
        if (links.Read(jeton) is not { } target || await searches.FindAsync(target.UserId, target.SavedSearchId, cancellationToken) is not { } found)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Search = found;
        _userId = target.UserId;
        return null;
    }
}
