using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Infrastructure;
using AnnuaireFiliere.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary><c>/compte/mot-de-passe-oublie</c>: mails a reset link to a confirmed account.</summary>
[EnableRateLimiting(AccountsSetup.PasswordLimit)]
public sealed class ForgotPasswordModel(UserManager<DirectoryUser> users, AccountMails mails, PageLinks pages) : MailedLinkPage(users)
{
    public override string Keys => "Account.Forgot";

    public override string FieldId => "oubli-courriel";

    protected override bool Wanted(DirectoryUser user) => user.EmailConfirmed;

    protected override async Task SendAsync(DirectoryUser user, CancellationToken cancellationToken)
    {
        var token = AccountLinks.EncodeToken(await Users.GeneratePasswordResetTokenAsync(user));
        await mails.SendPasswordResetAsync(user, pages.Absolute("/Accounts/ResetPassword", new { utilisateur = user.Id, code = token }), cancellationToken);
    }
}
