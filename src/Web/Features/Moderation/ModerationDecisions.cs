using System.Security.Claims;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Infrastructure;
using AnnuaireFiliere.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.Moderation;

public enum DecisionOutcome
{
    Done,

    /// <summary>Someone decided first (or the item is no longer in that state): nothing changed.</summary>
    AlreadyHandled,

    NotFound,

    /// <summary>Refusing and unpublishing need a reason, mailed to whom it concerns.</summary>
    ReasonRequired,
}

/// <summary>
/// The decisions on new profiles, claims, join requests and publication, taken once each: the state a decision
/// starts from is part of its update, so a second moderator (or a second click) gets <see cref="DecisionOutcome.AlreadyHandled"/>.
/// Each decision is written to the company's history and mailed to whom it concerns, in their language.
/// </summary>
public sealed class ModerationDecisions(AppDbContext db, AccountMails mails, SiteLinks links, TimeProvider clock)
{
    public const int ReasonMaxLength = CompanyChange.ReasonMaxLength;

    /// <summary>Publishes (<paramref name="approve"/>) or refuses a profile waiting for review; its owners are mailed.</summary>
    public async Task<DecisionOutcome> DecideProfileAsync(Guid companyId, bool approve, string? reason, ClaimsPrincipal moderator, CancellationToken cancellationToken)
    {
        reason = Clean(reason);
        if (!approve && reason is null)
        {
            return DecisionOutcome.ReasonRequired;
        }
        return await ChangeStatusAsync(companyId, PublicationStatus.PendingReview, approve ? PublicationStatus.Published : PublicationStatus.Rejected,
            approve ? ChangeKind.Approved : ChangeKind.Rejected, reason, moderator, approve ? "Mail.ProfileApproved" : "Mail.ProfileRejected", cancellationToken);
    }

    /// <summary>Takes a published profile off the directory (search, statistics, open data), with a reason mailed to its owners.</summary>
    public async Task<DecisionOutcome> UnpublishAsync(Guid companyId, string? reason, ClaimsPrincipal moderator, CancellationToken cancellationToken)
    {
        reason = Clean(reason);
        return reason is null ? DecisionOutcome.ReasonRequired
            : await ChangeStatusAsync(companyId, PublicationStatus.Published, PublicationStatus.Archived, ChangeKind.Unpublished, reason, moderator, "Mail.Unpublished", cancellationToken);
    }

    public Task<DecisionOutcome> RepublishAsync(Guid companyId, ClaimsPrincipal moderator, CancellationToken cancellationToken) =>
        ChangeStatusAsync(companyId, PublicationStatus.Archived, PublicationStatus.Published, ChangeKind.Republished, null, moderator, "Mail.Republished", cancellationToken);

    /// <summary>
    /// Approves or refuses a claim (the requester becomes an owner) or a join request (an editor). Moderators decide
    /// both; the members page lets owners decide join requests through the same method.
    /// </summary>
    public async Task<DecisionOutcome> DecideRequestAsync(Guid requestId, bool approve, string? reason, ClaimsPrincipal decider, CancellationToken cancellationToken)
    {
        reason = Clean(reason);
        var request = await db.AccessRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            return DecisionOutcome.NotFound;
        }
        if (!approve && reason is null && request.Kind == AccessRequestKind.Claim)
        {
            return DecisionOutcome.ReasonRequired;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var decided = await db.AccessRequests
            .Where(r => r.Id == requestId && r.Status == RequestStatus.Pending)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Status, approve ? RequestStatus.Approved : RequestStatus.Rejected)
                .SetProperty(r => r.DecidedAt, now)
                .SetProperty(r => r.DecidedBy, decider.DirectoryUserId())
                .SetProperty(r => r.Reason, reason), cancellationToken);
        if (decided == 0)
        {
            return DecisionOutcome.AlreadyHandled;
        }
        var company = await db.Companies.Include(c => c.SecondaryActivities).SingleAsync(c => c.Id == request.CompanyId, cancellationToken);
        var requester = await db.Users.AsNoTracking().SingleAsync(u => u.Id == request.UserId, cancellationToken);
        if (approve)
        {
            var role = request.Kind == AccessRequestKind.Claim ? MemberRole.Owner : MemberRole.Editor;
            await MySpace.MemberManagement.GrantAsync(db, company.Id, requester.Id, role, now, cancellationToken);
        }
        var kind = (request.Kind, approve) switch
        {
            (AccessRequestKind.Claim, true) => ChangeKind.Claimed,
            (_, true) => ChangeKind.MemberAdded,
            _ => ChangeKind.Rejected,
        };
        var what = $"{(request.Kind == AccessRequestKind.Claim ? "revendication" : "demande d'adhésion")} de {requester.Email}";
        db.CompanyChanges.Add(CompanyFields.Change(company, kind, now, decider.DirectoryUserId(), Actor(decider),
            CompanyFields.Of(company), reason is null ? what : $"{what} : {reason}"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var key = request.Kind == AccessRequestKind.Claim
            ? approve ? "Mail.ClaimApproved" : "Mail.ClaimRejected"
            : approve ? "Mail.JoinApproved" : "Mail.JoinRejected";
        await mails.SendAsync(requester, key, MySpaceLink(), [company.DisplayName], reason, cancellationToken);
        return DecisionOutcome.Done;
    }

    private async Task<DecisionOutcome> ChangeStatusAsync(Guid companyId, PublicationStatus from, PublicationStatus to, ChangeKind kind, string? reason,
        ClaimsPrincipal moderator, string mailKey, CancellationToken cancellationToken)
    {
        var company = await db.Companies.Include(c => c.SecondaryActivities).SingleOrDefaultAsync(c => c.Id == companyId, cancellationToken);
        if (company is null)
        {
            return DecisionOutcome.NotFound;
        }
        if (company.Status != from)
        {
            return DecisionOutcome.AlreadyHandled;
        }
        var before = CompanyFields.Of(company);
        company.Status = to;
        db.CompanyChanges.Add(CompanyFields.Change(company, kind, clock.GetUtcNow().UtcDateTime, moderator.DirectoryUserId(), Actor(moderator), before, reason));
        try
        {
            // The version is the concurrency token: a decision taken meanwhile makes this one fail, not overwrite it.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return DecisionOutcome.AlreadyHandled;
        }
        foreach (var owner in await OwnersAsync(companyId, cancellationToken))
        {
            await mails.SendAsync(owner, mailKey, MySpaceLink(), [company.DisplayName], reason, cancellationToken);
        }
        return DecisionOutcome.Done;
    }

    /// <summary>The owners of a company (those mailed about its profile).</summary>
    public Task<List<DirectoryUser>> OwnersAsync(Guid companyId, CancellationToken cancellationToken) =>
        db.CompanyMembers.AsNoTracking()
            .Where(m => m.CompanyId == companyId && m.Role == MemberRole.Owner)
            .Join(db.Users, m => m.UserId, u => u.Id, (_, u) => u)
            .ToListAsync(cancellationToken);

    private Uri MySpaceLink() => links.Absolute("/mon-espace");

    internal static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "modération";

    private static string? Clean(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? null : reason.Trim() is { Length: > ReasonMaxLength } long_ ? long_[..ReasonMaxLength] : reason.Trim();
}
