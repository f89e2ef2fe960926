using System.ComponentModel.DataAnnotations;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary><c>/compte/connexion</c>: email and password (locked after repeated failures), or an external provider.</summary>
[EnableRateLimiting(AccountsSetup.SignInLimit)]
public sealed class SignInModel(SignInManager<DirectoryUser> signIn, AccountRoles roles, UnknownAccounts unknown, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Account.EmailRequired")]
        [EmailAddress(ErrorMessage = "Account.EmailInvalid")]
        [StringLength(254, ErrorMessage = "Account.EmailInvalid")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Account.PasswordRequired")]
        [StringLength(200, ErrorMessage = "Account.PasswordRequired")]
        public string? Password { get; set; }

        public bool RememberMe { get; set; }
    }

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IReadOnlyList<AuthenticationScheme> Providers { get; private set; } = [];

    /// <summary>The password was right but the email is not confirmed yet: offer the confirmation link again.</summary>
    public bool NotConfirmed { get; private set; }

    public async Task OnGetAsync() => Providers = await ExternalProvidersAsync(signIn);

    public async Task<IActionResult> OnPostAsync()
    {
        Providers = await ExternalProvidersAsync(signIn);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // The same answers, after the same work, for an unknown address, a wrong password and an unconfirmed account
        // (told so only once its password is right): the form does not tell who has an account.
        var user = await signIn.UserManager.FindByEmailAsync(Input.Email!.Trim());
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (user is null)
        {
            result = unknown.SignIn(signIn.UserManager.PasswordHasher, Input.Email, Input.Password!);
        }
        else if (!await signIn.CanSignInAsync(user))
        {
            result = await CheckUnconfirmedAsync(user, Input.Password!);
        }
        else
        {
            await roles.ApplyAsync(user);
            result = await signIn.PasswordSignInAsync(user, Input.Password!, Input.RememberMe, lockoutOnFailure: true);
        }
        if (result.Succeeded)
        {
            AccountLanguage.Apply(HttpContext, user!);
            return LocalRedirect(LocalUrl.AfterSignIn(HttpContext, ReturnUrl));
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Accounts/SignInCode", new { returnUrl = LocalUrl.AfterSignIn(HttpContext, ReturnUrl), rememberMe = Input.RememberMe ? "true" : "false" });
        }
        NotConfirmed = result.IsNotAllowed;
        ModelState.AddModelError(string.Empty, text[result.IsLockedOut ? "Account.LockedOut" : result.IsNotAllowed ? "Account.SignInNotConfirmed" : "Account.SignInFailed"]);
        return Page();
    }

    /// <summary>
    /// An account that may not sign in yet (email not confirmed): Identity would say so before checking the password.
    /// Here the password comes first, with the same lockout: only its owner learns that it waits for confirmation.
    /// </summary>
    private async Task<Microsoft.AspNetCore.Identity.SignInResult> CheckUnconfirmedAsync(DirectoryUser user, string password)
    {
        var users = signIn.UserManager;
        if (await users.IsLockedOutAsync(user))
        {
            return Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
        }
        if (await users.CheckPasswordAsync(user, password))
        {
            await users.ResetAccessFailedCountAsync(user);
            return Microsoft.AspNetCore.Identity.SignInResult.NotAllowed;
        }
        await users.AccessFailedAsync(user);
        return await users.IsLockedOutAsync(user) ? Microsoft.AspNetCore.Identity.SignInResult.LockedOut : Microsoft.AspNetCore.Identity.SignInResult.Failed;
    }

    internal static async Task<IReadOnlyList<AuthenticationScheme>> ExternalProvidersAsync(SignInManager<DirectoryUser> signIn) =>
        [.. await signIn.GetExternalAuthenticationSchemesAsync()];
}
