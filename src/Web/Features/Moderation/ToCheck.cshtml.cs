using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AnnuaireFiliere.Web.Features.Moderation;

/// <summary>
/// <c>/moderation/a-verifier</c>: published profiles nobody confirmed for 24 months. A moderator who checked one
/// marks it verified (its confirmation date becomes today, in its history) or unpublishes it from its page.
/// </summary>
[Authorize(Policy = Policies.Moderator)]
public sealed class ToCheckModel(ModerationQueues queues, CompanyLifecycle lifecycle) : QueuePage
{
    public IReadOnlyList<ModerationQueues.StaleProfile> Profiles { get; private set; } = [];

    public int Count { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Count = await queues.CountStaleAsync(cancellationToken);
        Profiles = await queues.StaleAsync(ValidPage, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken) =>
        After(await lifecycle.MarkCheckedAsync(id, User.ToActor(), cancellationToken));
}
