namespace AnnuaireFiliere.Web.Features.Moderation;

/// <summary>
/// The approve/refuse form of a queue item (<c>_Decision.cshtml</c>), posted to the queue's page (<c>/Moderation/Profiles</c>);
/// <see cref="ReasonKey"/> labels the reason when it is not mailed (a réalisation's is shown in Mon espace);
/// <see cref="Version"/>, when given, is posted so that an item edited since it was shown is not decided unseen.
/// </summary>
public sealed record DecisionForm(Guid Id, string PageName, string ApproveKey, string RejectKey, bool ReasonRequired = true, string? ReasonKey = null,
    int? Version = null);
