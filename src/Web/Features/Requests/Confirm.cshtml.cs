using AnnuaireFiliere.Core.Buyers;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Requests;

/// <summary>
/// <c>/demandes/confirmer/{jeton}</c>: the link mailed to the buyer. The GET shows the request and a button (a link
/// scanner that fetches the address confirms nothing); the POST sends it: one mail per company, recorded before it is
/// sent, and the buyer's copy with the follow-up link. A second POST sends nothing.
/// </summary>
[EnableRateLimiting(RequestsSetup.PolicyName)]
[RateLimitAnswer(RateLimitAnswer.InPage)]
public sealed class ConfirmModel(ContactRequests requests, RequestMails mails, RequestLinks links, IStringLocalizer<SharedResource> text) : PageModel
{
    public ContactRequest? Sought { get; private set; }

    public IReadOnlyList<FollowUpLine> Lines { get; private set; } = [];

    /// <summary>What the page says instead of the button (expired, refused, too many), or null.</summary>
    public string? Problem { get; private set; }

    public string? FollowUpToken { get; private set; }

    public async Task<IActionResult> OnGetAsync(string jeton, CancellationToken cancellationToken) =>
        await LoadAsync(jeton, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string jeton, CancellationToken cancellationToken)
    {
        if (await LoadAsync(jeton, cancellationToken) is { } missing)
        {
            return missing;
        }
        if (HttpContext.Features.Get<RateLimitRejection>() is { } limited)
        {
            Problem = text["Requests.Error.TooMany", Math.Max(1, (int)Math.Ceiling(limited.RetryAfter.TotalMinutes))];
            return Page();
        }
        var confirmed = await requests.ConfirmAsync(Sought!.Id, cancellationToken);
        switch (confirmed.Outcome)
        {
            case ConfirmOutcome.Confirmed:
                await mails.SendConfirmedAsync(confirmed, cancellationToken);
                return RedirectToPage(new { jeton });
            case ConfirmOutcome.AlreadyConfirmed:
                return RedirectToPage(new { jeton });
            case ConfirmOutcome.TooMany:
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = "3600";
                Problem = text["Requests.Error.TooManyForEmail"];
                return Page();
            case ConfirmOutcome.Expired:
                Response.StatusCode = StatusCodes.Status410Gone;
                Problem = text["Requests.Confirm.Expired"];
                return Page();
            case ConfirmOutcome.Refused:
                Problem = text["Requests.Error.Refused"];
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task<IActionResult?> LoadAsync(string jeton, CancellationToken cancellationToken)
    {
        // The link is the key: kept out of caches, search engines and the addresses other sites are told.
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        if (links.ReadConfirm(jeton) is not { } id || await requests.FollowUpAsync(id, cancellationToken) is not { } found)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            Problem = text["Requests.Confirm.Unknown"];
            return Page();
        }
        Sought = found.Request;
        Lines = found.Lines;
        if (Sought.Status == ContactRequestStatus.Sent)
        {
            FollowUpToken = links.FollowUpToken(Sought.Id);
        }
        return null;
    }
}
