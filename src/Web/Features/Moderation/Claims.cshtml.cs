using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Features.Moderation;
using Microsoft.AspNetCore.Authorization;

namespace AnnuaireFiliere.Web.Features.Moderation;

/// <summary><c>/moderation/revendications</c>: accounts that claim an unclaimed company; those from the website's domain first.</summary>
[Authorize(Policy = Policies.Moderator)]
public sealed class ClaimsQueueModel(ModerationQueues queues, CompanyLifecycle lifecycle)
    : RequestQueuePage(queues, lifecycle, AccessRequestKind.Claim, "/Moderation/Claims");
