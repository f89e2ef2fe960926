using System.Security.Cryptography;
using System.Text;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Data;

namespace AnnuaireFiliere.Core.Companies;

/// <summary>What a member may do with a company: an editor edits the profile, an owner also manages its members.</summary>
public enum MemberRole
{
    Editor = 0,
    Owner = 1,
}

/// <summary>An account that manages a company (<c>/mon-espace</c>). A company has at least one owner once claimed.</summary>
public sealed class CompanyMember
{
    public Guid CompanyId { get; init; }

    public Guid UserId { get; init; }

    public MemberRole Role { get; set; }

    public DateTime Since { get; init; }
}

public enum AccessRequestKind
{
    /// <summary>An account asks to own an unclaimed company (imported, or listed without owner): moderators decide.</summary>
    Claim = 0,

    /// <summary>An account asks to join a company that has owners: its owners decide (moderators may too).</summary>
    Join = 1,

    /// <summary>A member asks to change the RIDET of a published (or unpublished) profile: moderators decide (docs/adr/0020).</summary>
    Ridet = 2,
}

public enum RequestStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
    Withdrawn = 3,
}

/// <summary>A claim of an unclaimed company, a request to join a claimed one, or a member's request to change its RIDET.</summary>
public sealed class AccessRequest
{
    public const int MessageMaxLength = 1000;
    public const int ReasonMaxLength = 1000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CompanyId { get; init; }

    public Guid UserId { get; init; }

    public AccessRequestKind Kind { get; init; }

    public RequestStatus Status { get; set; } = RequestStatus.Pending;

    /// <summary>The requester's note to whoever decides (their position in the company, for instance).</summary>
    public string? Message { get; init; }

    /// <summary>For a <see cref="AccessRequestKind.Ridet"/> request: the number asked for (<c>null</c>: none).</summary>
    public Ridet? Ridet { get; init; }

    /// <summary>The account's email domain is the company website's: such claims come first in the queue.</summary>
    public bool EmailDomainMatchesWebsite { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? DecidedAt { get; set; }

    public Guid? DecidedBy { get; set; }

    /// <summary>Why it was refused (mailed to the requester).</summary>
    public string? Reason { get; set; }
}

/// <summary>An owner's invitation of someone, by email, to manage a company. The link carries a token; only its hash is kept.</summary>
public sealed class MemberInvitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CompanyId { get; init; }

    /// <summary>Upper-case, as Identity normalizes emails.</summary>
    public required string NormalizedEmail { get; init; }

    public MemberRole Role { get; init; }

    /// <summary>SHA-256 of the token sent in the mail, in hexadecimal.</summary>
    public required string TokenHash { get; init; }

    public Guid InvitedBy { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime ExpiresAt { get; init; }

    public DateTime? AcceptedAt { get; set; }

    public Guid? AcceptedBy { get; set; }

    public DateTime? RevokedAt { get; set; }

    /// <summary>What is kept of a mailed token: its SHA-256, in lower-case hexadecimal.</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();
    }
}

/// <summary>Queries about who manages a company, shared by the life cycle and the pages.</summary>
public static class Memberships
{
    /// <summary>The owners of a company (those told about its profile).</summary>
    public static IQueryable<DirectoryUser> Owners(this AppDbContext db, Guid companyId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.CompanyMembers.Where(m => m.CompanyId == companyId && m.Role == MemberRole.Owner)
            .Join(db.Users, m => m.UserId, u => u.Id, (_, u) => u);
    }

    /// <summary>The invitation a mailed token stands for, if it can still be accepted (none for what cannot be a token).</summary>
    public static IQueryable<MemberInvitation> AcceptableWith(this IQueryable<MemberInvitation> invitations, string? token, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return invitations.Where(_ => false);
        }
        var hash = MemberInvitation.Hash(token);
        return invitations.Where(i => i.TokenHash == hash && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now);
    }
}

/// <summary>
/// The registration wizard's work in progress (<c>/mon-espace/inscrire</c>), saved at each step so nothing is lost
/// between sessions. <see cref="Data"/> is the wizard's own JSON; the company only exists once submitted.
/// </summary>
public sealed class RegistrationDraft
{
    public const int DataMaxLength = 64 * 1024;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid UserId { get; init; }

    /// <summary>The last step reached (the wizard's step slug).</summary>
    public required string Step { get; set; }

    public required string Data { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Set once submitted: the company it became (then the draft is read-only).</summary>
    public Guid? CompanyId { get; set; }
}
