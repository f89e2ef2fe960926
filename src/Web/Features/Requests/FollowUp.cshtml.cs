using AnnuaireFiliere.Core.Buyers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AnnuaireFiliere.Web.Features.Requests;

/// <summary>
/// <c>/demandes/suivi/{jeton}</c>: the buyer's follow-up, from the link in their copy: per company, whether the mail
/// went, when a member opened the request, and where the company filed it. No account: the signed link is the key.
/// </summary>
public sealed class FollowUpModel(ContactRequests requests, RequestLinks links) : PageModel
{
    public ContactRequest? Sought { get; private set; }

    public IReadOnlyList<FollowUpLine> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string jeton, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        if (links.ReadFollowUp(jeton) is { } id && await requests.FollowUpAsync(id, cancellationToken) is { } found && found.Request.Status == ContactRequestStatus.Sent)
        {
            Sought = found.Request;
            Lines = found.Lines;
        }
        else
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }
}
