using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Features.Moderation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AnnuaireFiliere.Web.Features.Moderation;

/// <summary><c>/moderation</c>: the queues and how much waits in each.</summary>
[Authorize(Policy = Policies.Moderator)]
public sealed class ModerationModel(ModerationQueues queues, Core.Buyers.Needs needs) : PageModel
{
    public ModerationQueues.Counts Counts { get; private set; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>Needs of the needs board waiting for a moderator.</summary>
    public int PendingNeeds { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Counts = await queues.CountAsync(cancellationToken);
        PendingNeeds = (await needs.PendingAsync(1, 1, cancellationToken)).Total;
    }
}
