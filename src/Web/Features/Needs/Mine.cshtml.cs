using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Needs;

/// <summary><c>/besoins/mes-besoins</c>: the needs an account posted, their answers, history and closing.</summary>
[Authorize]
[EnableRateLimiting(NeedsSetup.PolicyName)]
public sealed class MineModel(Core.Buyers.Needs needs, IStringLocalizer<SharedResource> text) : BuyerSpacePage(needs, text)
{
    public IReadOnlyList<BuyerNeed> Items { get; private set; } = [];

    [FromQuery(Name = "etat")]
    public string? State { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Items = await LoadAsync(null, cancellationToken);

    public async Task<IActionResult> OnPostCloseAsync(Guid id, string? issue, string? resultat, int? version, CancellationToken cancellationToken)
    {
        var need = await Needs.FindAsync(id, cancellationToken);
        if (need is null || need.UserId is null || need.UserId != User.DirectoryUserId())
        {
            return NotFound();
        }
        var shown = await CloseAsync(need, issue, resultat, version, User.ToActor().Name, cancellationToken);
        if (shown is null)
        {
            return RedirectToPage(new { etat = "ferme" });
        }
        Items = await LoadAsync(shown, cancellationToken);
        return Page();
    }

    private async Task<IReadOnlyList<BuyerNeed>> LoadAsync(BuyerNeed? replaced, CancellationToken cancellationToken)
    {
        var list = new List<BuyerNeed>();
        foreach (var need in await Needs.OfUserAsync(User.DirectoryUserId()!.Value, cancellationToken))
        {
            list.Add(replaced is not null && replaced.Need.Id == need.Id ? replaced : await ViewAsync(need, cancellationToken));
        }
        return list;
    }
}
