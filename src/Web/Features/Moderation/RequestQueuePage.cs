using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace AnnuaireFiliere.Web.Features.Moderation;

/// <summary>A queue of claims or join requests (<c>_Requests.cshtml</c>): approve, or refuse with a reason.</summary>
public abstract class RequestQueuePage(ModerationQueues queues, CompanyLifecycle lifecycle, AccessRequestKind kind, string pageName) : QueuePage
{
    public AccessRequestKind Kind => kind;

    /// <summary>The queue's page (<c>/Moderation/Claims</c>), where its forms post and its pager leads.</summary>
    public string PageName => pageName;

    public IReadOnlyList<ModerationQueues.PendingRequest> Requests { get; private set; } = [];

    public int Count { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Count = await queues.CountRequestsAsync(kind, cancellationToken);
        Requests = await queues.RequestsAsync(kind, ValidPage, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? decision, string? motif, CancellationToken cancellationToken) => decision is "accepter" or "refuser"
        ? After(await lifecycle.DecideRequestAsync(id, decision == "accepter", motif, User.ToActor(), cancellationToken))
        : BadRequest();
}
