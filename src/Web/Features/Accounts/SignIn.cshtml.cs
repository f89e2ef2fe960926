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
public sealed class SignInModel(SignInManager<DirectoryUser> signIn, AccountRoles roles, IStringLocalizer<SharedResource> text) : PageModel
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
        var user = await signIn.UserManager.FindByEmailAsync(Input.Email!.Trim());
        if (user is not null)
        {
            await roles.ApplyAsync(user);
        }
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Input.Password!, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            AccountLanguage.Apply(HttpContext, user!);
            return LocalRedirect(LocalUrl.OrHome(HttpContext, ReturnUrl));
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Accounts/SignInCode", new { returnUrl = LocalUrl.OrHome(HttpContext, ReturnUrl), rememberMe = Input.RememberMe ? "true" : "false" });
        }
        NotConfirmed = result.IsNotAllowed;
        ModelState.AddModelError(string.Empty, text[result.IsLockedOut ? "Account.LockedOut" : result.IsNotAllowed ? "Account.SignInNotConfirmed" : "Account.SignInFailed"]);
        return Page();
    }

    internal static async Task<IReadOnlyList<AuthenticationScheme>> ExternalProvidersAsync(SignInManager<DirectoryUser> signIn) =>
        [.. await signIn.GetExternalAuthenticationSchemesAsync()];
}
