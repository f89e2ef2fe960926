using AnnuaireFiliere.Core.Accounts;

namespace AnnuaireFiliere.Core.Companies;

/// <summary>
/// What the life cycle asks to tell people, once a change is saved: the site mails them (in each one's language),
/// the command line tells nobody. <see cref="CompanyLifecycle"/> decides who; the implementation decides how.
/// </summary>
public interface ICompanyNotifications
{
    /// <summary>
    /// A moderator approved (<see cref="ChangeKind.Approved"/>), refused, unpublished or republished the profile;
    /// <paramref name="reason"/> is the moderator's, for refusals and unpublications.
    /// </summary>
    Task PublicationChangedAsync(Company company, ChangeKind change, string? reason, IReadOnlyList<DirectoryUser> owners, CancellationToken cancellationToken);

    /// <summary>A claim or a join request by <paramref name="requester"/> was approved or refused (with a reason, maybe).</summary>
    Task RequestDecidedAsync(Company company, AccessRequestKind kind, bool approved, string? reason, DirectoryUser requester, CancellationToken cancellationToken);

    /// <summary>
    /// Someone is invited to manage the company; <paramref name="token"/> is the only copy of the invitation's secret
    /// (only its hash is kept), to mail to <paramref name="email"/> in <paramref name="language"/> (<c>fr</c> or <c>en</c>).
    /// </summary>
    Task InvitedAsync(Company company, string email, string language, string token, string invitedBy, CancellationToken cancellationToken);
}

/// <summary>Tells nobody: the command line (its import mails no one), and hosts without mail.</summary>
public sealed class NoCompanyNotifications : ICompanyNotifications
{
    public Task PublicationChangedAsync(Company company, ChangeKind change, string? reason, IReadOnlyList<DirectoryUser> owners, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public Task RequestDecidedAsync(Company company, AccessRequestKind kind, bool approved, string? reason, DirectoryUser requester, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public Task InvitedAsync(Company company, string email, string language, string token, string invitedBy, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
