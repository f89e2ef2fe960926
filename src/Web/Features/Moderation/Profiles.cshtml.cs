using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AnnuaireFiliere.Web.Features.Moderation;

/// <summary><c>/moderation/profils</c>: profiles submitted through the registration, to publish or refuse (with a reason).</summary>
[Authorize(Policy = Policies.Moderator)]
public sealed class ProfilesQueueModel(ModerationQueues queues, CompanyLifecycle lifecycle, TaxonomyCatalog taxonomy) : QueuePage
{
    public IReadOnlyList<ModerationQueues.PendingProfile> Profiles { get; private set; } = [];

    public int Count { get; private set; }

    public string Commune(string code) => taxonomy.FindCommune(code)?.LabelFr ?? code;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Count = await queues.CountProfilesAsync(cancellationToken);
        Profiles = await queues.ProfilesAsync(ValidPage, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? decision, string? motif, CancellationToken cancellationToken) => decision switch
    {
        "accepter" => After(await lifecycle.ApproveAsync(id, motif, User.ToActor(), cancellationToken)),
        "refuser" => After(await lifecycle.RefuseAsync(id, motif, User.ToActor(), cancellationToken)),
        _ => BadRequest(),
    };
}
