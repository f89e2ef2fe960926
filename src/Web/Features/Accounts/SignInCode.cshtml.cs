using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary>
/// <c>/compte/connexion/code</c>: the second step of a sign-in with two-factor authentication: a code from the
/// authenticator app, or one of the recovery codes (each works once). Failures count towards the lockout.
/// </summary>
[EnableRateLimiting(AccountsSetup.SignInLimit)]
public sealed class SignInCodeModel(SignInManager<DirectoryUser> signIn, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public sealed class CodeInput
    {
        /// <summary>Six digits from the app, or a recovery code.</summary>
        public string? Code { get; set; }
    }

    [BindProperty]
    public CodeInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Accounts/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Accounts/SignIn");
        }
        var typed = (Input.Code ?? string.Empty).Trim();
        var digits = new string([.. typed.Where(char.IsAsciiDigit)]);
        var result = digits.Length == 6 && digits.Length == typed.Replace(" ", "", StringComparison.Ordinal).Length
            ? await signIn.TwoFactorAuthenticatorSignInAsync(digits, RememberMe, rememberClient: false)
            : typed.Length is > 0 and <= 20
                ? await signIn.TwoFactorRecoveryCodeSignInAsync(typed.Replace(" ", "", StringComparison.Ordinal))
                : Microsoft.AspNetCore.Identity.SignInResult.Failed;
        if (result.Succeeded)
        {
            AccountLanguage.Apply(HttpContext, user);
            return LocalRedirect(LocalUrl.AfterSignIn(HttpContext, ReturnUrl));
        }
        ModelState.AddModelError($"{nameof(Input)}.{nameof(CodeInput.Code)}", text[result.IsLockedOut ? "Account.LockedOut" : "Account.TwoFactorBadCode"]);
        return Page();
    }
}
