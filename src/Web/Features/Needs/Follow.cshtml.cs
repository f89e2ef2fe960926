using AnnuaireFiliere.Core.Buyers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Needs;

/// <summary>
/// <c>/besoins/suivi/{jeton}</c>: the buyer's page of a need posted without an account (the signed link mailed once the
/// moderators decided): its answers with the companies' messages, its history, and the closing form. 404 for a bad link.
/// </summary>
[EnableRateLimiting(NeedsSetup.PolicyName)]
public sealed class FollowModel(Core.Buyers.Needs needs, NeedLinks links, IStringLocalizer<SharedResource> text) : BuyerSpacePage(needs, text)
{
    public BuyerNeed Item { get; private set; } = null!;

    [FromQuery(Name = "etat")]
    public string? State { get; set; }

    public async Task<IActionResult> OnGetAsync(string jeton, CancellationToken cancellationToken)
    {
        if (await NeedAsync(jeton, cancellationToken) is not { } need)
        {
            return NotFound();
        }
        Item = await ViewAsync(need, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync(string jeton, string? issue, string? resultat, int? version, CancellationToken cancellationToken)
    {
        if (await NeedAsync(jeton, cancellationToken) is not { } need)
        {
            return NotFound();
        }
        var shown = await CloseAsync(need, issue, resultat, version, Core.Buyers.Needs.BuyerActor, cancellationToken);
        if (shown is null)
        {
            return RedirectToPage(new { jeton, etat = "ferme" });
        }
        Item = shown;
        return Page();
    }

    private async Task<Need?> NeedAsync(string jeton, CancellationToken cancellationToken) =>
        links.ReadFollow(jeton) is { } id ? await Needs.FindAsync(id, cancellationToken) : null;
}
