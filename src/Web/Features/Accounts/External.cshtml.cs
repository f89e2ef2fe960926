using System.Security.Claims;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Infrastructure;
using AnnuaireFiliere.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary>
/// <c>/compte/externe</c>: POST starts an external provider's sign-in (or, signed in, links it to the account);
/// the provider comes back to <c>?handler=retour</c>, which signs in, links by a verified email, or creates the account.
/// </summary>
[EnableRateLimiting(AccountsSetup.SignInLimit)]
public sealed class ExternalSignInModel(SignInManager<DirectoryUser> signIn, AccountRoles roles, EmailConfirmation confirmation, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public string? Message { get; private set; }

    public IActionResult OnGet() => RedirectToPage("/Accounts/SignIn");

    public async Task<IActionResult> OnPostAsync(string provider, string? returnUrl)
    {
        if ((await signIn.GetExternalAuthenticationSchemesAsync()).All(s => s.Name != provider))
        {
            return NotFound();
        }
        var back = Url.Page("/Accounts/External", "retour", new { returnUrl = LocalUrl.AfterSignIn(HttpContext, returnUrl) });
        var userId = User.Identity?.IsAuthenticated == true ? signIn.UserManager.GetUserId(User) : null;
        return Challenge(signIn.ConfigureExternalAuthenticationProperties(provider, back, userId), provider);
    }

    public async Task<IActionResult> OnGetRetourAsync(string? returnUrl, CancellationToken cancellationToken)
    {
        var target = LocalUrl.AfterSignIn(HttpContext, returnUrl);
        var users = signIn.UserManager;
        var current = User.Identity?.IsAuthenticated == true ? await users.GetUserAsync(User) : null;
        var info = await signIn.GetExternalLoginInfoAsync(current is null ? null : current.Id.ToString());
        if (info is null)
        {
            Message = text["Account.ExternalFailed"];
            return Page();
        }
        if (current is not null)
        {
            // Linking from the account page: the signed-in account takes this provider's login.
            var linked = await users.AddLoginAsync(current, info);
            await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
            Message = linked.Succeeded ? null : string.Join(' ', linked.Errors.Select(e => e.Description));
            return Message is null ? RedirectToPage("/Accounts/Index", new { lie = 1 }) : Page();
        }

        var known = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        if (known is null)
        {
            var email = info.Principal.FindFirstValue("email") ?? info.Principal.FindFirstValue(ClaimTypes.Email);
            var verified = string.Equals(info.Principal.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase);
            if (string.IsNullOrWhiteSpace(email))
            {
                Message = text["Account.ExternalEmailMissing"];
                return Page();
            }
            known = await users.FindByEmailAsync(email);
            if (known is not null && !(verified && known.EmailConfirmed))
            {
                // Never take over an account on an email the provider does not vouch for.
                Message = text["Account.ExternalExists"];
                return Page();
            }
            if (known is null)
            {
                known = new DirectoryUser { UserName = email, Email = email, EmailConfirmed = verified, PreferredLanguage = "fr", CreatedAt = clock.GetUtcNow().UtcDateTime };
                var created = await users.CreateAsync(known);
                if (!created.Succeeded)
                {
                    Message = string.Join(' ', created.Errors.Select(e => e.Description));
                    return Page();
                }
            }
            var added = await users.AddLoginAsync(known, info);
            if (!added.Succeeded)
            {
                Message = string.Join(' ', added.Errors.Select(e => e.Description));
                return Page();
            }
            if (!known.EmailConfirmed)
            {
                await roles.ApplyAsync(known);
                await confirmation.SendAsync(known, returnUrl: null, cancellationToken);
                await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
                Message = text["Account.ExternalConfirm"];
                return Page();
            }
        }
        await roles.ApplyAsync(known);
        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: true);
        if (result.Succeeded)
        {
            AccountLanguage.Apply(HttpContext, known);
            await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
            return LocalRedirect(target);
        }
        Message = text[result.IsLockedOut ? "Account.LockedOut" : result.IsNotAllowed ? "Account.SignInNotConfirmed" : "Account.ExternalFailed"];
        return Page();
    }
}
