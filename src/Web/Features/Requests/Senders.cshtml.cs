using AnnuaireFiliere.Core.Buyers;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Requests;

/// <summary>
/// <c>/moderation/expediteurs</c>: the blocked senders of buyers' requests (an address, or a domain with its
/// sub-domains), with the reason; moderators add and remove them. A blocked sender's requests get the same refusal as
/// any other, so it learns nothing.
/// </summary>
[Authorize(Policy = Policies.Moderator)]
public sealed class SendersModel(AppDbContext db, BuyerGuard guard, IStringLocalizer<SharedResource> text) : PageModel
{
    public IReadOnlyList<BlockedSender> Blocked { get; private set; } = [];

    [BindProperty]
    public string? Pattern { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [FromQuery(Name = "fait")]
    public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAjouterAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (Reason is { Length: > BlockedSender.ReasonMaxLength })
        {
            ModelState.AddModelError(nameof(Reason), text["Senders.ReasonTooLong", BlockedSender.ReasonMaxLength]);
        }
        else if (BuyerGuard.NormalizePattern(Pattern) is null)
        {
            ModelState.AddModelError(nameof(Pattern), text["Senders.PatternInvalid"]);
        }
        else if (!await guard.BlockAsync(Pattern!, Reason, User.DirectoryUserId(), cancellationToken))
        {
            ModelState.AddModelError(nameof(Pattern), text["Senders.AlreadyBlocked"]);
        }
        else
        {
            return RedirectToPage(new { fait = "ajoute" });
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRetirerAsync(Guid id, CancellationToken cancellationToken)
    {
        await db.BlockedSenders.Where(b => b.Id == id).ExecuteDeleteAsync(cancellationToken);
        return RedirectToPage(new { fait = "retire" });
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Blocked = await db.BlockedSenders.AsNoTracking().OrderBy(b => b.Pattern).ToListAsync(cancellationToken);
}
