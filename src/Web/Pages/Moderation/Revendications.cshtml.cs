using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Web.Accounts;
using AnnuaireFiliere.Web.Moderation;
using Microsoft.AspNetCore.Authorization;

namespace AnnuaireFiliere.Web.Pages.Moderation;

/// <summary><c>/moderation/revendications</c>: accounts that claim an unclaimed company; those from the website's domain first.</summary>
[Authorize(Policy = Policies.Moderator)]
public sealed class RevendicationsModel(ModerationQueues queues, ModerationDecisions decisions)
    : RequestQueuePage(queues, decisions, AccessRequestKind.Claim, "/moderation/revendications");
