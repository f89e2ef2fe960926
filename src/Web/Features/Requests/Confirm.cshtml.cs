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
public sealed partial class ConfirmModel(ContactRequests requests, RequestMails mails, RequestLinks links, IStringLocalizer<SharedResource> text,
    ILogger<ConfirmModel> logger) : PageModel
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
                var sent = new List<string>();
                foreach (var mail in confirmed.Mails)
                {
                    try
                    {
                        await mails.SendToCompanyAsync(confirmed.Request!, mail, cancellationToken);
                        sent.Add(mail.CompanyName);
                    }
                    catch (Exception failed) when (failed is not OperationCanceledException)
                    {
                        LogNotSent(logger, mail.RequestId, mail.CompanyId, failed);
                        await requests.FailedAsync(mail.RequestId, mail.CompanyId, failed.Message, cancellationToken);
                    }
                }
                await mails.SendCopyAsync(confirmed.Request!, sent, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The mail of request {Request} to company {Company} could not be sent; it is noted and not sent again")]
    private static partial void LogNotSent(ILogger logger, Guid request, Guid company, Exception exception);
}
