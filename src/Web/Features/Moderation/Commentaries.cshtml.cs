using AnnuaireFiliere.Core.Survey.Results;
using AnnuaireFiliere.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AnnuaireFiliere.Web.Features.Moderation;

/// <summary><c>/moderation/commentaires</c>: the analysts' commentaries of census indicators, to publish or refuse (with a reason).</summary>
[Authorize(Policy = Policies.Moderator)]
public sealed class CommentariesQueueModel(ModerationQueues queues, SurveyCommentaries commentaries) : QueuePage
{
    public IReadOnlyList<ModerationQueues.PendingCommentary> Commentaries { get; private set; } = [];

    public int Count { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Count = await queues.CountCommentariesAsync(cancellationToken);
        Commentaries = await queues.CommentariesAsync(ValidPage, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? decision, string? motif, int? version, CancellationToken cancellationToken) => decision switch
    {
        "accepter" => After(await commentaries.DecideAsync(id, approve: true, motif, version, User.ToActor(), cancellationToken)),
        "refuser" => After(await commentaries.DecideAsync(id, approve: false, motif, version, User.ToActor(), cancellationToken)),
        _ => BadRequest(),
    };
}
