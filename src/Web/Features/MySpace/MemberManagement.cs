using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Infrastructure;
using AnnuaireFiliere.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.MySpace;

/// <summary>
/// Who manages a company: invitations by mail (single-use token, only its hash kept, 14 days), roles, removal,
/// leaving, transfer of ownership. A company that has owners always keeps at least one. Every change is written to
/// the company's history. Callers check <see cref="CompanyOperation.ManageMembers"/> first (leaving needs only membership).
/// </summary>
public sealed class MemberManagement(AppDbContext db, UserManager<DirectoryUser> users, AccountMails mails, SiteLinks links, TimeProvider clock)
{
    /// <summary>What an operation did: the key of its notice (<c>Members.Outcome.{key}</c>).</summary>
    public enum Outcome
    {
        Invited,
        AlreadyMember,
        AlreadyInvited,
        InvalidEmail,
        Revoked,
        RoleChanged,
        Removed,
        Left,
        Transferred,
        LastOwner,
        NotFound,
    }

    public sealed record Member(Guid UserId, string? Email, MemberRole Role, DateTime Since);

    public sealed record Invitation(Guid Id, string Email, MemberRole Role, DateTime ExpiresAt);

    public Task<List<Member>> MembersAsync(Guid companyId, CancellationToken cancellationToken) =>
        db.CompanyMembers.AsNoTracking().Where(m => m.CompanyId == companyId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.Role, m.Since, u.Id, u.Email })
            .OrderByDescending(m => m.Role).ThenBy(m => m.Email)
            .Select(m => new Member(m.Id, m.Email, m.Role, m.Since))
            .ToListAsync(cancellationToken);

    public async Task<List<Invitation>> InvitationsAsync(Guid companyId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.MemberInvitations.AsNoTracking()
            .Where(i => i.CompanyId == companyId && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.CreatedAt)
            .Select(i => new Invitation(i.Id, i.NormalizedEmail.ToLower(), i.Role, i.ExpiresAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<Outcome> InviteAsync(Guid companyId, string? email, MemberRole role, ClaimsPrincipal inviter, CancellationToken cancellationToken)
    {
        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 254 || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
        {
            return Outcome.InvalidEmail;
        }
        var normalized = users.NormalizeEmail(email);
        var now = clock.GetUtcNow().UtcDateTime;
        var invitee = await users.FindByEmailAsync(email);
        if (invitee is not null && await db.CompanyMembers.AnyAsync(m => m.CompanyId == companyId && m.UserId == invitee.Id, cancellationToken))
        {
            return Outcome.AlreadyMember;
        }
        if (await db.MemberInvitations.AnyAsync(i => i.CompanyId == companyId && i.NormalizedEmail == normalized && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, cancellationToken))
        {
            return Outcome.AlreadyInvited;
        }
        var company = await db.Companies.Include(c => c.SecondaryActivities).SingleAsync(c => c.Id == companyId, cancellationToken);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.MemberInvitations.Add(new MemberInvitation
        {
            CompanyId = companyId,
            NormalizedEmail = normalized,
            Role = role,
            TokenHash = Hash(token),
            InvitedBy = inviter.DirectoryUserId() ?? Guid.Empty,
            CreatedAt = now,
            ExpiresAt = now + MemberInvitation.Lifetime,
        });
        AddHistory(company, ChangeKind.MemberAdded, inviter, $"invitation de {email} ({RoleText(role)})");
        await db.SaveChangesAsync(cancellationToken);
        var language = invitee?.PreferredLanguage ?? (await users.GetUserAsync(inviter))?.PreferredLanguage ?? "fr";
        await mails.SendAsync(email, language, "Mail.Invitation", links.Absolute("/mon-espace/invitation?jeton=" + token),
            [company.DisplayName, inviter.Identity?.Name], cancellationToken: cancellationToken);
        return Outcome.Invited;
    }

    public async Task<Outcome> RevokeAsync(Guid companyId, Guid invitationId, CancellationToken cancellationToken) =>
        await db.MemberInvitations
            .Where(i => i.Id == invitationId && i.CompanyId == companyId && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.RevokedAt, clock.GetUtcNow().UtcDateTime), cancellationToken) == 1
            ? Outcome.Revoked : Outcome.NotFound;

    /// <summary>Changes a member's role; the last owner stays an owner.</summary>
    public Task<Outcome> ChangeRoleAsync(Guid companyId, Guid userId, MemberRole role, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        ChangeAsync(companyId, userId, actor, Outcome.RoleChanged, (member, owners) =>
        {
            if (member.Role == MemberRole.Owner && role != MemberRole.Owner && owners == 1)
            {
                return null;
            }
            member.Role = role;
            return (ChangeKind.MemberRoleChanged, RoleText(role));
        }, cancellationToken);

    public Task<Outcome> RemoveAsync(Guid companyId, Guid userId, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        ChangeAsync(companyId, userId, actor, Outcome.Removed, (member, owners) =>
        {
            if (member.Role == MemberRole.Owner && owners == 1)
            {
                return null;
            }
            db.CompanyMembers.Remove(member);
            return (ChangeKind.MemberRemoved, "retiré");
        }, cancellationToken);

    public async Task<Outcome> LeaveAsync(Guid companyId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await RemoveAsync(companyId, user.DirectoryUserId() ?? Guid.Empty, user, cancellationToken);
        return outcome == Outcome.Removed ? Outcome.Left : outcome;
    }

    /// <summary>Makes another member the owner; the one who transfers stays as an editor.</summary>
    public async Task<Outcome> TransferAsync(Guid companyId, Guid toUserId, ClaimsPrincipal owner, CancellationToken cancellationToken)
    {
        var me = owner.DirectoryUserId();
        var members = await db.CompanyMembers.Where(m => m.CompanyId == companyId && (m.UserId == toUserId || m.UserId == me)).ToListAsync(cancellationToken);
        var to = members.SingleOrDefault(m => m.UserId == toUserId);
        var from = members.SingleOrDefault(m => m.UserId == me);
        if (to is null || toUserId == me)
        {
            return Outcome.NotFound;
        }
        var company = await db.Companies.Include(c => c.SecondaryActivities).SingleAsync(c => c.Id == companyId, cancellationToken);
        to.Role = MemberRole.Owner;
        if (from is not null)
        {
            from.Role = MemberRole.Editor;
        }
        var email = await db.Users.Where(u => u.Id == toUserId).Select(u => u.Email).SingleAsync(cancellationToken);
        AddHistory(company, ChangeKind.MemberRoleChanged, owner, $"propriété transférée à {email}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Transferred;
    }

    /// <summary>The invitation a mailed token stands for, if it can still be accepted, with its company's name.</summary>
    public async Task<(MemberInvitation Invitation, string CompanyName)?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }
        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await db.MemberInvitations.AsNoTracking()
            .Where(i => i.TokenHash == hash && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .Join(db.Companies, i => i.CompanyId, c => c.Id, (i, c) => new { i, Name = c.TradeName ?? c.LegalName })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.i, found.Name);
    }

    /// <summary>Accepts an invitation for the signed-in account (once: a used, revoked or expired token does nothing).</summary>
    public async Task<Outcome> AcceptAsync(string? token, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var found = await FindAsync(token, cancellationToken);
        var userId = user.DirectoryUserId();
        if (found is null || userId is null)
        {
            return Outcome.NotFound;
        }
        var invitation = found.Value.Invitation;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var used = await db.MemberInvitations
            .Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedBy, userId), cancellationToken);
        if (used == 0)
        {
            return Outcome.NotFound;
        }
        await GrantAsync(db, invitation.CompanyId, userId.Value, invitation.Role, now, cancellationToken);
        var company = await db.Companies.Include(c => c.SecondaryActivities).SingleAsync(c => c.Id == invitation.CompanyId, cancellationToken);
        AddHistory(company, ChangeKind.MemberAdded, user, $"{user.Identity?.Name} ({RoleText(invitation.Role)}), sur invitation");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome.Invited;
    }

    /// <summary>Makes an account a member with at least <paramref name="role"/> (an owner invited as editor stays owner); saved by the caller.</summary>
    internal static async Task GrantAsync(AppDbContext db, Guid companyId, Guid userId, MemberRole role, DateTime now, CancellationToken cancellationToken)
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

    private async Task<Outcome> ChangeAsync(Guid companyId, Guid userId, ClaimsPrincipal actor, Outcome done,
        Func<CompanyMember, int, (ChangeKind Kind, string What)?> change, CancellationToken cancellationToken)
    {
        var member = await db.CompanyMembers.SingleOrDefaultAsync(m => m.CompanyId == companyId && m.UserId == userId, cancellationToken);
        if (member is null)
        {
            return Outcome.NotFound;
        }
        var owners = await db.CompanyMembers.CountAsync(m => m.CompanyId == companyId && m.Role == MemberRole.Owner, cancellationToken);
        if (change(member, owners) is not { } made)
        {
            return Outcome.LastOwner;
        }
        var company = await db.Companies.Include(c => c.SecondaryActivities).SingleAsync(c => c.Id == companyId, cancellationToken);
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync(cancellationToken);
        AddHistory(company, made.Kind, actor, $"{email} : {made.What}");
        await db.SaveChangesAsync(cancellationToken);
        return done;
    }

    private void AddHistory(Company company, ChangeKind kind, ClaimsPrincipal actor, string what) =>
        db.CompanyChanges.Add(CompanyFields.Change(company, kind, clock.GetUtcNow().UtcDateTime, actor.DirectoryUserId(), actor.Identity?.Name ?? "?", CompanyFields.Of(company), what));

    private static string RoleText(MemberRole role) => role == MemberRole.Owner ? "propriétaire" : "éditeur";

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();
}
