using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary><c>/compte/renvoyer-confirmation</c>: mails the confirmation link again to an account not yet confirmed.</summary>
[EnableRateLimiting(AccountsSetup.PasswordLimit)]
public sealed class ResendConfirmationModel(UserManager<DirectoryUser> users, EmailConfirmation confirmation) : MailedLinkPage(users)
{
    public override string Keys => "Account.Resend";

    public override string FieldId => "renvoi-courriel";

    protected override bool Wanted(DirectoryUser user) => !user.EmailConfirmed;

    protected override Task SendAsync(DirectoryUser user, CancellationToken cancellationToken) =>
        confirmation.SendAsync(user, returnUrl: null, cancellationToken);
}
