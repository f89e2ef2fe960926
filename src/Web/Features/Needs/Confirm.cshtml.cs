using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace AnnuaireFiliere.Web.Features.Needs;

/// <summary>
/// <c>/besoins/confirmer/{jeton}</c>: the link mailed to a buyer without an account. The page shows a button (a mail
/// scanner following the link confirms nothing); the post sends the need to the moderators. 404 for a forged,
/// damaged or expired link.
/// </summary>
[EnableRateLimiting(NeedsSetup.PolicyName)]
public sealed class ConfirmModel(Core.Buyers.Needs needs, NeedLinks links) : PageModel
{
    public Core.Buyers.Need? Need { get; private set; }

    public bool Confirmed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string jeton, CancellationToken cancellationToken)
    {
        if (links.ReadConfirm(jeton) is not { } id || await needs.FindAsync(id, cancellationToken) is not { } need)
        {
            return NotFound();
        }
        Need = need;
        Confirmed = need.Status != Core.Buyers.NeedStatus.AwaitingConfirmation;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string jeton, CancellationToken cancellationToken)
    {
        if (links.ReadConfirm(jeton) is not { } id || !await needs.ConfirmAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Need = await needs.FindAsync(id, cancellationToken);
        Confirmed = true;
        return Page();
    }
}
