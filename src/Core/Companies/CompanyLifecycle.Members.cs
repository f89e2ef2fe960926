using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Companies;

/// <summary>
/// Who manages a company: claims and join requests decided, invitations (by mail, single-use token of which only
/// the hash is kept, 14 days), roles, removal, leaving, transfer of ownership. A company that has owners always
/// keeps at least one. Callers check who may do it first (leaving needs only membership).
/// </summary>
public sealed partial class CompanyLifecycle
{
    /// <summary>
    /// Approves or refuses a claim (the requester becomes an owner), a join request (an editor) or a member's RIDET change
    /// (the company takes the number, unless another company holds it by then: <see cref="LifecycleOutcome.RidetTaken"/>
    /// and the request waits); refusing a claim or a RIDET change needs a reason. Moderators decide them all; owners
    /// decide their company's join requests. The requester is told.
    /// </summary>
    public async Task<LifecycleOutcome> DecideRequestAsync(Guid requestId, bool approve, string? reason, Actor decider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decider);
        reason = Clean(reason);
        var request = await db.AccessRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            return LifecycleOutcome.NotFound;
        }
        if (!approve && reason is null && request.Kind != AccessRequestKind.Join)
        {
            return LifecycleOutcome.ReasonRequired;
        }
        var now = Now;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var decided = await db.AccessRequests
            .Where(r => r.Id == requestId && r.Status == RequestStatus.Pending)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Status, approve ? RequestStatus.Approved : RequestStatus.Rejected)
                .SetProperty(r => r.DecidedAt, now)
                .SetProperty(r => r.DecidedBy, decider.UserId)
                .SetProperty(r => r.Reason, reason), cancellationToken);
        if (decided == 0)
        {
            return LifecycleOutcome.AlreadyHandled;
        }
        var requester = await db.Users.AsNoTracking().SingleAsync(u => u.Id == request.UserId, cancellationToken);
        var note = ChangeNote.Request(request.Kind, requester.Email);
        Company company;
        if (approve && request.Kind == AccessRequestKind.Ridet)
        {
            // The number may have been taken since it was asked: then nothing is decided.
            company = (await LoadAsync(request.CompanyId, cancellationToken))!;
            if (request.Ridet is { } ridet && await db.RidetHolderAsync(ridet, company.Id, cancellationToken) is not null)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return LifecycleOutcome.RidetTaken;
            }
            var before = CompanyFields.Of(company);
            company.Ridet = request.Ridet;
            Record(company, ChangeKind.Edited, decider, before, note);
        }
        else
        {
            company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == request.CompanyId, cancellationToken);
            if (approve)
            {
                await GrantAsync(company.Id, requester.Id, request.Kind == AccessRequestKind.Claim ? MemberRole.Owner : MemberRole.Editor, now, cancellationToken);
            }
            var kind = (request.Kind, approve) switch
            {
                (AccessRequestKind.Claim, true) => ChangeKind.Claimed,
                (_, true) => ChangeKind.MemberAdded,
                _ => ChangeKind.Rejected,
            };
            Record(company.Id, kind, decider, [], note, reason);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException conflict) when (RidetHolders.IsRidetConflict(conflict))
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return LifecycleOutcome.RidetTaken;
        }
        await transaction.CommitAsync(cancellationToken);
        await notifications.RequestDecidedAsync(company, request.Kind, approve, reason, requester, cancellationToken);
        return LifecycleOutcome.Done;
    }

    /// <summary>Invites <paramref name="email"/> to manage the company with <paramref name="role"/>; the invitation is mailed.</summary>
    public async Task<LifecycleOutcome> InviteAsync(Guid companyId, string? email, MemberRole role, Actor inviter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inviter);
        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 254 || !new EmailAddressAttribute().IsValid(email))
        {
            return LifecycleOutcome.InvalidEmail;
        }
        var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == companyId, cancellationToken);
        if (company is null)
        {
            return LifecycleOutcome.NotFound;
        }
        var normalized = normalizer.NormalizeEmail(email);
        var now = Now;
        var invitee = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        if (invitee is not null && await db.CompanyMembers.AnyAsync(m => m.CompanyId == companyId && m.UserId == invitee.Id, cancellationToken))
        {
            return LifecycleOutcome.AlreadyMember;
        }
        if (await db.MemberInvitations.AnyAsync(i => i.CompanyId == companyId && i.NormalizedEmail == normalized && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, cancellationToken))
        {
            return LifecycleOutcome.AlreadyInvited;
        }
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.MemberInvitations.Add(new MemberInvitation
        {
            CompanyId = companyId,
            NormalizedEmail = normalized,
            Role = role,
            TokenHash = MemberInvitation.Hash(token),
            InvitedBy = inviter.UserId ?? Guid.Empty,
            CreatedAt = now,
            ExpiresAt = now + MemberInvitation.Lifetime,
        });
        Record(companyId, ChangeKind.MemberAdded, inviter, [], ChangeNote.Invitation(email, role));
        await db.SaveChangesAsync(cancellationToken);
        var language = invitee?.PreferredLanguage
            ?? await db.Users.Where(u => u.Id == inviter.UserId).Select(u => u.PreferredLanguage).SingleOrDefaultAsync(cancellationToken)
            ?? "fr";
        await notifications.InvitedAsync(company, email, language, token, inviter.Name, cancellationToken);
        return LifecycleOutcome.Done;
    }

    public async Task<LifecycleOutcome> RevokeInvitationAsync(Guid companyId, Guid invitationId, CancellationToken cancellationToken) =>
        await db.MemberInvitations
            .Where(i => i.Id == invitationId && i.CompanyId == companyId && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.RevokedAt, Now), cancellationToken) == 1
            ? LifecycleOutcome.Done : LifecycleOutcome.NotFound;

    /// <summary>
    /// Accepts an invitation for the signed-in <paramref name="account"/>, once: a used, revoked or expired token adds nobody
    /// (<see cref="LifecycleOutcome.NotFound"/>, or <see cref="LifecycleOutcome.AlreadyHandled"/> when used meanwhile).
    /// The invitation is the invited address's: an account whose confirmed email is another one gets
    /// <see cref="LifecycleOutcome.WrongAccount"/> and the invitation stays as it was.
    /// </summary>
    public async Task<LifecycleOutcome> AcceptInvitationAsync(string? token, Actor account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var now = Now;
        var invitation = await db.MemberInvitations.AsNoTracking().AcceptableWith(token, now).SingleOrDefaultAsync(cancellationToken);
        if (invitation is null || account.UserId is not { } userId)
        {
            return LifecycleOutcome.NotFound;
        }
        var holder = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Email, u.EmailConfirmed }).SingleOrDefaultAsync(cancellationToken);
        if (holder is not { EmailConfirmed: true, Email: not null }
            || !string.Equals(normalizer.NormalizeEmail(holder.Email.Trim()), invitation.NormalizedEmail, StringComparison.Ordinal))
        {
            return LifecycleOutcome.WrongAccount;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var used = await db.MemberInvitations
            .Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedBy, userId), cancellationToken);
        if (used == 0)
        {
            return LifecycleOutcome.AlreadyHandled;
        }
        await GrantAsync(invitation.CompanyId, userId, invitation.Role, now, cancellationToken);
        Record(invitation.CompanyId, ChangeKind.MemberAdded, account, [], ChangeNote.InvitationAccepted(account.Name, invitation.Role));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return LifecycleOutcome.Done;
    }

    /// <summary>Changes a member's role; the last owner stays an owner.</summary>
    public async Task<LifecycleOutcome> ChangeRoleAsync(Guid companyId, Guid userId, MemberRole role, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (member, owners) = await MemberAsync(companyId, userId, cancellationToken);
        if (member is null)
        {
            return LifecycleOutcome.NotFound;
        }
        if (member.Role == MemberRole.Owner && role != MemberRole.Owner && owners == 1)
        {
            return LifecycleOutcome.LastOwner;
        }
        member.Role = role;
        Record(companyId, ChangeKind.MemberRoleChanged, actor, [], ChangeNote.RoleChanged(await EmailAsync(userId, cancellationToken), role));
        await db.SaveChangesAsync(cancellationToken);
        return LifecycleOutcome.Done;
    }

    /// <summary>Removes a member; the last owner stays.</summary>
    public async Task<LifecycleOutcome> RemoveMemberAsync(Guid companyId, Guid userId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (member, owners) = await MemberAsync(companyId, userId, cancellationToken);
        if (member is null)
        {
            return LifecycleOutcome.NotFound;
        }
        if (member.Role == MemberRole.Owner && owners == 1)
        {
            return LifecycleOutcome.LastOwner;
        }
        db.CompanyMembers.Remove(member);
        Record(companyId, ChangeKind.MemberRemoved, actor, [], ChangeNote.MemberRemoved(await EmailAsync(userId, cancellationToken)));
        await db.SaveChangesAsync(cancellationToken);
        return LifecycleOutcome.Done;
    }

    /// <summary>The member stops managing the company (the last owner transfers first).</summary>
    public Task<LifecycleOutcome> LeaveAsync(Guid companyId, Actor member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        return RemoveMemberAsync(companyId, member.UserId ?? Guid.Empty, member, cancellationToken);
    }

    /// <summary>Makes another member an owner; the owner who transfers stays as an editor.</summary>
    public async Task<LifecycleOutcome> TransferOwnershipAsync(Guid companyId, Guid toUserId, Actor owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var me = owner.UserId;
        var members = await db.CompanyMembers.Where(m => m.CompanyId == companyId && (m.UserId == toUserId || m.UserId == me)).ToListAsync(cancellationToken);
        var to = members.SingleOrDefault(m => m.UserId == toUserId);
        if (to is null || toUserId == me)
        {
            return LifecycleOutcome.NotFound;
        }
        to.Role = MemberRole.Owner;
        if (members.SingleOrDefault(m => m.UserId == me) is { } from)
        {
            from.Role = MemberRole.Editor;
        }
        Record(companyId, ChangeKind.MemberRoleChanged, owner, [], ChangeNote.OwnershipTransferred(await EmailAsync(toUserId, cancellationToken)));
        await db.SaveChangesAsync(cancellationToken);
        return LifecycleOutcome.Done;
    }

    /// <summary>
    /// A deleted account's entries in the companies' histories keep the change but no longer say who made it
    /// (<see cref="CompanyChange.DeletedAccountActor"/>), nor do the census answers it saved (they stay in their
    /// wave's aggregates). Its memberships go with the account.
    /// </summary>
    public async Task<int> ForgetAccountAsync(Guid userId, CancellationToken cancellationToken)
    {
        await db.SurveyResponses.Where(r => r.UpdatedBy == userId)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.UpdatedBy, (Guid?)null), cancellationToken);
        return await db.CompanyChanges.Where(c => c.UserId == userId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.UserId, (Guid?)null).SetProperty(c => c.Actor, CompanyChange.DeletedAccountActor), cancellationToken);
    }

    /// <summary>Makes an account a member with at least <paramref name="role"/> (an owner invited as editor stays owner); saved by the caller.</summary>
    private async Task GrantAsync(Guid companyId, Guid userId, MemberRole role, DateTime now, CancellationToken cancellationToken)
    {
        var member = await db.CompanyMembers.SingleOrDefaultAsync(m => m.CompanyId == companyId && m.UserId == userId, cancellationToken);
        if (member is null)
        {
            db.CompanyMembers.Add(new CompanyMember { CompanyId = companyId, UserId = userId, Role = role, Since = now });
        }
        else if (member.Role < role)
        {
            member.Role = role;
        }
    }

    private async Task<(CompanyMember? Member, int Owners)> MemberAsync(Guid companyId, Guid userId, CancellationToken cancellationToken)
    {
        var member = await db.CompanyMembers.SingleOrDefaultAsync(m => m.CompanyId == companyId && m.UserId == userId, cancellationToken);
        return member is null ? (null, 0)
            : (member, await db.CompanyMembers.CountAsync(m => m.CompanyId == companyId && m.Role == MemberRole.Owner, cancellationToken));
    }

    private Task<string?> EmailAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
}
