namespace AnnuaireFiliere.Web.Features.Moderation;

/// <summary>The approve/refuse form of a queue item (<c>_Decision.cshtml</c>).</summary>
public sealed record DecisionForm(Guid Id, string Action, string ApproveKey, string RejectKey, bool ReasonRequired = true);
