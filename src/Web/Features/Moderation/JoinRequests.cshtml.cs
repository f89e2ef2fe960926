using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Features.Moderation;
using Microsoft.AspNetCore.Authorization;

namespace AnnuaireFiliere.Web.Features.Moderation;

/// <summary><c>/moderation/adhesions</c>: requests to join a claimed company (its owners usually decide; moderators can).</summary>
[Authorize(Policy = Policies.Moderator)]
public sealed class JoinRequestsModel(ModerationQueues queues, CompanyLifecycle lifecycle)
    : RequestQueuePage(queues, lifecycle, AccessRequestKind.Join, "/Moderation/JoinRequests");
