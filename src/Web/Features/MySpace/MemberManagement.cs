using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.MySpace;

/// <summary>
/// Who manages a company, as the members and invitation pages show it: members, pending invitations, the invitation a
/// mailed token stands for. Every change of membership is an operation of <see cref="CompanyLifecycle"/>.
/// </summary>
public sealed class MemberManagement(AppDbContext db, TimeProvider clock)
{
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

    /// <summary>The invitation a mailed token stands for, if it can still be accepted, with its company's name.</summary>
    public async Task<(MemberInvitation Invitation, string CompanyName)?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        var found = await db.MemberInvitations.AsNoTracking()
            .AcceptableWith(token, clock.GetUtcNow().UtcDateTime)
            .Join(db.Companies, i => i.CompanyId, c => c.Id, (i, c) => new { i, Name = c.TradeName ?? c.LegalName })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.i, found.Name);
    }
}
