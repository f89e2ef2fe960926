using System.ComponentModel.DataAnnotations;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary>
/// <c>/compte</c>: the signed-in account: email (and its change, confirmed from the new address), roles, linked
/// providers (link, unlink), language, data download, deletion.
/// </summary>
[Authorize]
public sealed class AccountModel(SignInManager<DirectoryUser> signIn, AccountMails mails, CompanyLifecycle lifecycle, IStringLocalizer<SharedResource> text) : PageModel
{
    public bool HasPassword { get; private set; }

    public bool TwoFactor { get; private set; }

    /// <summary>The new address typed, kept when it is refused.</summary>
    public string? NewEmail { get; private set; }

    public string Email { get; private set; } = string.Empty;

    public string Language { get; private set; } = "fr";

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public IReadOnlyList<UserLoginInfo> Logins { get; private set; } = [];

    public IReadOnlyList<AuthenticationScheme> Unlinked { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostLangueAsync(string? langue)
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }
        user.PreferredLanguage = langue == "en" ? "en" : "fr";
        await signIn.UserManager.UpdateAsync(user);
        AccountLanguage.Apply(HttpContext, user);
        return Redirect("/compte?langue=1");
    }

    public async Task<IActionResult> OnPostCourrielAsync(string? nouveauCourriel, CancellationToken cancellationToken)
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }
        var email = NewEmail = nouveauCourriel?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 254 || !new EmailAddressAttribute().IsValid(email))
        {
            ModelState.AddModelError("nouveauCourriel", text["Account.EmailInvalid"]);
            return Page();
        }
        if (string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("nouveauCourriel", text["Account.ChangeEmailSame"]);
            return Page();
        }
        // The answer is the same when the address belongs to another account (which gets nothing).
        if (await signIn.UserManager.FindByEmailAsync(email) is null)
        {
            var token = AccountLinks.EncodeToken(await signIn.UserManager.GenerateChangeEmailTokenAsync(user, email));
            var link = AccountLinks.Absolute(Request, $"/compte/changer-courriel?utilisateur={user.Id}&courriel={Uri.EscapeDataString(email)}&code={token}");
            await mails.SendAsync(email, user.PreferredLanguage, "Mail.ChangeEmail", link, cancellationToken: cancellationToken);
        }
        return Redirect("/compte?courriel=1");
    }

    public async Task<IActionResult> OnPostDelierAsync(string? fournisseur, string? cle)
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }
        var login = Logins.FirstOrDefault(l => l.LoginProvider == fournisseur && l.ProviderKey == cle);
        if (login is null)
        {
            return BadRequest();
        }
        if (!HasPassword && Logins.Count == 1)
        {
            ModelState.AddModelError("fournisseur", text["Account.UnlinkLast"]);
            return Page();
        }
        await signIn.UserManager.RemoveLoginAsync(user, login.LoginProvider, login.ProviderKey);
        await signIn.RefreshSignInAsync(user);
        return Redirect("/compte?delie=1");
    }

    public async Task<IActionResult> OnPostSupprimerAsync(bool confirmation)
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }
        if (!confirmation)
        {
            ModelState.AddModelError("confirmation", text["Account.DeleteConfirmRequired"]);
            return Page();
        }
        await lifecycle.ForgetAccountAsync(user.Id, HttpContext.RequestAborted);
        var deleted = await signIn.UserManager.DeleteAsync(user);
        if (!deleted.Succeeded)
        {
            ModelState.AddModelError("confirmation", string.Join(' ', deleted.Errors.Select(e => e.Description)));
            return Page();
        }
        await signIn.SignOutAsync();
        return Redirect("/");
    }

    private async Task<DirectoryUser?> LoadAsync()
    {
        var users = signIn.UserManager;
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return null;
        }
        Email = user.Email ?? string.Empty;
        Language = user.PreferredLanguage;
        HasPassword = await users.HasPasswordAsync(user);
        TwoFactor = await users.GetTwoFactorEnabledAsync(user);
        Roles = [.. await users.GetRolesAsync(user)];
        Logins = [.. await users.GetLoginsAsync(user)];
        Unlinked = [.. (await signIn.GetExternalAuthenticationSchemesAsync()).Where(s => Logins.All(l => l.LoginProvider != s.Name))];
        return user;
    }
}
