using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary>
/// <c>/compte/changer-courriel?utilisateur=…&amp;courriel=…&amp;code=…</c>: the link mailed to a new address. The
/// address becomes the account's email and user name; the old address is told.
/// </summary>
public sealed class ChangeEmailModel(SignInManager<DirectoryUser> signIn, AccountMails mails) : PageModel
{
    public bool Changed { get; private set; }

    public async Task OnGetAsync(Guid utilisateur, string? courriel, string? code, CancellationToken cancellationToken)
    {
        var users = signIn.UserManager;
        var token = AccountLinks.DecodeToken(code);
        var user = token is null || string.IsNullOrWhiteSpace(courriel) ? null : await users.FindByIdAsync(utilisateur.ToString());
        if (user is null || await users.FindByEmailAsync(courriel!) is not null)
        {
            return;
        }
        var previous = user.Email!;
        if (!(await users.ChangeEmailAsync(user, courriel!, token!)).Succeeded)
        {
            return;
        }
        await users.SetUserNameAsync(user, courriel);
        Changed = true;
        await mails.SendAsync(previous, user.PreferredLanguage, "Mail.EmailChanged", link: null, arguments: [courriel], cancellationToken: cancellationToken);
        if (signIn.IsSignedIn(User) && users.GetUserId(User) == user.Id.ToString())
        {
            await signIn.RefreshSignInAsync(user);
        }
    }
}
