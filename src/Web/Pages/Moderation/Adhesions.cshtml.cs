using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Web.Accounts;
using AnnuaireFiliere.Web.Moderation;
using Microsoft.AspNetCore.Authorization;

namespace AnnuaireFiliere.Web.Pages.Moderation;

/// <summary><c>/moderation/adhesions</c>: requests to join a claimed company (its owners usually decide; moderators can).</summary>
[Authorize(Policy = Policies.Moderator)]
public sealed class AdhesionsModel(ModerationQueues queues, ModerationDecisions decisions)
    : RequestQueuePage(queues, decisions, AccessRequestKind.Join, "/moderation/adhesions");
