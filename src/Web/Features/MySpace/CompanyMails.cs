using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Infrastructure;

namespace AnnuaireFiliere.Web.Features.MySpace;

/// <summary>
/// What the company life cycle tells people, mailed by the site in each recipient's language (<see cref="AccountMails"/>),
/// with absolute links to their space.
/// </summary>
public sealed class CompanyMails(AccountMails mails, PageLinks links) : ICompanyNotifications
{
    public async Task PublicationChangedAsync(Company company, ChangeKind change, string? reason, IReadOnlyList<DirectoryUser> owners, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(owners);
        var key = change switch
        {
            ChangeKind.Approved => "Mail.ProfileApproved",
            ChangeKind.Rejected => "Mail.ProfileRejected",
            ChangeKind.Unpublished => "Mail.Unpublished",
            ChangeKind.Republished => "Mail.Republished",
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, "Not a decision on a profile's publication."),
        };
        foreach (var owner in owners)
        {
            await mails.SendAsync(owner, key, MySpace(), [company.DisplayName], reason, cancellationToken);
        }
    }

    public Task RequestDecidedAsync(Company company, AccessRequestKind kind, bool approved, string? reason, DirectoryUser requester, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(company);
        var key = (kind, approved) switch
        {
            (AccessRequestKind.Claim, true) => "Mail.ClaimApproved",
            (AccessRequestKind.Claim, false) => "Mail.ClaimRejected",
            (AccessRequestKind.Ridet, true) => "Mail.RidetApproved",
            (AccessRequestKind.Ridet, false) => "Mail.RidetRejected",
            (_, true) => "Mail.JoinApproved",
            _ => "Mail.JoinRejected",
        };
        return mails.SendAsync(requester, key, MySpace(), [company.DisplayName], reason, cancellationToken);
    }

    public Task InvitedAsync(Company company, string email, string language, string token, string invitedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(company);
        return mails.SendAsync(email, language, "Mail.Invitation", links.Absolute("/MySpace/Invitation", new { jeton = token }),
            [company.DisplayName, invitedBy], cancellationToken: cancellationToken);
    }

    private Uri MySpace() => links.Absolute("/MySpace/Index");
}
