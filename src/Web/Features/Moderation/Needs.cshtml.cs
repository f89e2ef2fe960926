using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Features.Needs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AnnuaireFiliere.Web.Features.Moderation;

/// <summary>
/// <c>/moderation/besoins</c>: the needs posted (and confirmed) on the needs board, to publish (the matching companies
/// are then chosen for their digest) or refuse with a reason (shown to the buyer); the buyer is mailed either way.
/// </summary>
[Authorize(Policy = Policies.Moderator)]
public sealed class NeedsQueueModel(Core.Buyers.Needs needs, NeedMails mails) : QueuePage
{
    public IReadOnlyList<Core.Buyers.Need> Needs { get; private set; } = [];

    public int Count { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        (Needs, Count) = await needs.PendingAsync(ValidPage, ModerationQueues.PageSize, cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid id, string? decision, string? motif, int? version, CancellationToken cancellationToken)
    {
        if (decision is not ("accepter" or "refuser"))
        {
            return BadRequest();
        }
        var outcome = await needs.DecideAsync(id, decision == "accepter", motif, version, User.ToActor(), cancellationToken);
        if (outcome == LifecycleOutcome.Done && await needs.FindAsync(id, cancellationToken) is { } need)
        {
            await mails.SendDecisionAsync(need, cancellationToken);
        }
        return After(outcome);
    }
}
