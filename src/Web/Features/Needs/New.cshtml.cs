using System.Globalization;
using System.Security.Claims;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Needs;

/// <summary>
/// <c>/besoins/nouveau</c>: "Déposer un besoin". Signed in, the need goes to the moderators with the account's
/// address; without an account, it waits until the buyer follows the link mailed to the address typed. A refused
/// form comes back with what was typed and a French message by field; the posts are limited per client address.
/// </summary>
[EnableRateLimiting(NeedsSetup.PolicyName)]
[RateLimitAnswer(RateLimitAnswer.InPage)]
public sealed class NewModel(Core.Buyers.Needs needs, NeedMails mails, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public NeedInput Input { get; set; } = new();

    /// <summary><c>envoye</c>: the confirmation link was mailed.</summary>
    [FromQuery(Name = "etat")]
    public string? State { get; set; }

    public string? AccountEmail => User.Identity?.IsAuthenticated == true ? User.FindFirstValue(ClaimTypes.Email) : null;

    public void OnGet()
    {
        Input.Email = AccountEmail;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (HttpContext.Features.Get<RateLimitRejection>() is { } refused)
        {
            ModelState.AddModelError(string.Empty, text["Needs.TooMany", Math.Max(1, (int)Math.Ceiling(refused.RetryAfter.TotalMinutes))]);
            return Page();
        }
        var userId = User.Identity?.IsAuthenticated == true ? User.DirectoryUserId() : null;
        if (userId is not null)
        {
            Input.Email = AccountEmail;
        }
        if (!string.IsNullOrEmpty(Input.Website))
        {
            // A robot: it is told the same as a person, and nothing is stored or mailed.
            return RedirectToPage(new { etat = "envoye" });
        }
        ModelState.Clear();
        var posting = await needs.PostAsync(Input.ToDraft(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName), userId, cancellationToken);
        if (!posting.Succeeded)
        {
            foreach (var (field, key) in posting.Errors)
            {
                ModelState.AddModelError(field.Length == 0 ? string.Empty : "Input." + field, text[key, Core.Buyers.Needs.MaxDeadlineMonths, Core.Buyers.Need.MaxCodes]);
            }
            return Page();
        }
        var need = posting.Need!;
        if (userId is not null)
        {
            return RedirectToPage("/Needs/Mine", new { etat = "depose" });
        }
        await mails.SendConfirmationAsync(need, cancellationToken);
        return RedirectToPage(new { etat = "envoye" });
    }

    public string? Error(string field) => ModelState["Input." + field]?.Errors.FirstOrDefault()?.ErrorMessage;
}
