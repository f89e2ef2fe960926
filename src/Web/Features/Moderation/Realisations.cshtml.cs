using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AnnuaireFiliere.Web.Features.Moderation;

/// <summary><c>/moderation/realisations</c>: réalisations added or changed by companies' members, to publish or refuse (with a reason).</summary>
[Authorize(Policy = Policies.Moderator)]
public sealed class RealisationsQueueModel(ModerationQueues queues, CompanyLifecycle lifecycle) : QueuePage
{
    public IReadOnlyList<ModerationQueues.PendingRealisation> Realisations { get; private set; } = [];

    public int Count { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Count = await queues.CountRealisationsAsync(cancellationToken);
        Realisations = await queues.RealisationsAsync(ValidPage, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? decision, string? motif, CancellationToken cancellationToken) => decision switch
    {
        "accepter" => After(await lifecycle.DecideRealisationAsync(id, approve: true, motif, User.ToActor(), cancellationToken)),
        "refuser" => After(await lifecycle.DecideRealisationAsync(id, approve: false, motif, User.ToActor(), cancellationToken)),
        _ => BadRequest(),
    };
}
