using System.ComponentModel.DataAnnotations;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Web.Infrastructure;
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
public sealed class AccountModel(SignInManager<DirectoryUser> signIn, AccountMails mails, PageLinks pages, CompanyLifecycle lifecycle, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public bool HasPassword { get; private set; }

    public bool TwoFactor { get; private set; }

    public string Email { get; private set; } = string.Empty;

    public string Language { get; private set; } = "fr";

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public IReadOnlyList<UserLoginInfo> Logins { get; private set; } = [];

    public IReadOnlyList<AuthenticationScheme> Unlinked { get; private set; } = [];

    /// <summary>The forms of the page, one bound model each (a POST fills only its own).</summary>
    public sealed class UnlinkInput
    {
        public string? Provider { get; set; }

        public string? Key { get; set; }
    }

    public sealed class EmailInput
    {
        public string? Address { get; set; }
    }

    public sealed class LanguageInput
    {
        public string? Language { get; set; }
    }

    public sealed class DeleteInput
    {
        public bool Confirmed { get; set; }

        /// <summary>The account's password, when it has one: whoever finds a signed-in browser cannot delete the account.</summary>
        public string? Password { get; set; }
    }

    /// <summary>How recent the sign-in of an account without a password must be to delete it.</summary>
    public static readonly TimeSpan RecentSignIn = TimeSpan.FromMinutes(10);

    [BindProperty]
    public UnlinkInput Unlink { get; set; } = new();

    [BindProperty]
    public EmailInput ChangeEmail { get; set; } = new();

    [BindProperty]
    public LanguageInput ChangeLanguage { get; set; } = new();

    [BindProperty]
    public DeleteInput Delete { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostLangueAsync()
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }
        user.PreferredLanguage = ChangeLanguage.Language == "en" ? "en" : "fr";
        await signIn.UserManager.UpdateAsync(user);
        AccountLanguage.Apply(HttpContext, user);
        return RedirectToPage("/Accounts/Index", new { langue = 1 });
    }

    public async Task<IActionResult> OnPostCourrielAsync(CancellationToken cancellationToken)
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }
        var email = ChangeEmail.Address?.Trim();
        const string field = $"{nameof(ChangeEmail)}.{nameof(EmailInput.Address)}";
        if (string.IsNullOrEmpty(email) || email.Length > 254 || !new EmailAddressAttribute().IsValid(email))
        {
            ModelState.AddModelError(field, text["Account.EmailInvalid"]);
            return Page();
        }
        if (string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError(field, text["Account.ChangeEmailSame"]);
            return Page();
        }
        // The answer is the same when the address belongs to another account (which gets nothing).
        if (await signIn.UserManager.FindByEmailAsync(email) is null)
        {
            var token = AccountLinks.EncodeToken(await signIn.UserManager.GenerateChangeEmailTokenAsync(user, email));
            var link = pages.Absolute("/Accounts/ChangeEmail", new { utilisateur = user.Id, courriel = email, code = token });
            await mails.SendAsync(email, user.PreferredLanguage, "Mail.ChangeEmail", link, cancellationToken: cancellationToken);
        }
        return RedirectToPage("/Accounts/Index", new { courriel = 1 });
    }

    public async Task<IActionResult> OnPostDelierAsync()
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }
        var login = Logins.FirstOrDefault(l => l.LoginProvider == Unlink.Provider && l.ProviderKey == Unlink.Key);
        if (login is null)
        {
            return BadRequest();
        }
        if (!HasPassword && Logins.Count == 1)
        {
            ModelState.AddModelError(nameof(Unlink), text["Account.UnlinkLast"]);
            return Page();
        }
        await signIn.UserManager.RemoveLoginAsync(user, login.LoginProvider, login.ProviderKey);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage("/Accounts/Index", new { delie = 1 });
    }

    public async Task<IActionResult> OnPostSupprimerAsync()
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }
        const string field = $"{nameof(Delete)}.{nameof(DeleteInput.Confirmed)}";
        if (!Delete.Confirmed)
        {
            ModelState.AddModelError(field, text["Account.DeleteConfirmRequired"]);
            return Page();
        }
        if (HasPassword && !await signIn.UserManager.CheckPasswordAsync(user, Delete.Password ?? string.Empty))
        {
            ModelState.AddModelError($"{nameof(Delete)}.{nameof(DeleteInput.Password)}", text["Account.DeletePasswordWrong"]);
            return Page();
        }
        if (!HasPassword && !await SignedInRecentlyAsync())
        {
            ModelState.AddModelError(field, text["Account.DeleteSignInAgain"]);
            return Page();
        }
        await lifecycle.ForgetAccountAsync(user.Id, HttpContext.RequestAborted);
        var deleted = await signIn.UserManager.DeleteAsync(user);
        if (!deleted.Succeeded)
        {
            ModelState.AddModelError(field, string.Join(' ', deleted.Errors.Select(e => e.Description)));
            return Page();
        }
        await signIn.SignOutAsync();
        return RedirectToPage("/Home/Index");
    }

    /// <summary>
    /// An account signed in only through a provider proves itself by a fresh sign-in: the session cookie was issued less
    /// than <see cref="RecentSignIn"/> ago. (The cookie is reissued when it is renewed, so this is a lower bar than a password.)
    /// </summary>
    private async Task<bool> SignedInRecentlyAsync()
    {
        var session = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        return session.Properties?.IssuedUtc is { } issued && clock.GetUtcNow() - issued < RecentSignIn;
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
        ChangeLanguage.Language ??= Language;
        HasPassword = await users.HasPasswordAsync(user);
        TwoFactor = await users.GetTwoFactorEnabledAsync(user);
        Roles = [.. await users.GetRolesAsync(user)];
        Logins = [.. await users.GetLoginsAsync(user)];
        Unlinked = [.. (await signIn.GetExternalAuthenticationSchemesAsync()).Where(s => Logins.All(l => l.LoginProvider != s.Name))];
        return user;
    }
}
