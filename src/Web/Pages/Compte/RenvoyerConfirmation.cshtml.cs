using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Web.Accounts;
using AnnuaireFiliere.Web.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace AnnuaireFiliere.Web.Pages.Compte;

/// <summary><c>/compte/renvoyer-confirmation</c>: mails the confirmation link again to an account not yet confirmed.</summary>
[EnableRateLimiting(AccountsSetup.PasswordLimit)]
public sealed class RenvoyerConfirmationModel(UserManager<DirectoryUser> users, AccountMails mails) : MailedLinkPage(users)
{
    protected override bool Wanted(DirectoryUser user) => !user.EmailConfirmed;

    protected override Task SendAsync(DirectoryUser user, CancellationToken cancellationToken) =>
        InscriptionModel.SendConfirmationAsync(Users, mails, Request, user, cancellationToken);
}
