using System.ComponentModel.DataAnnotations;
using System.Globalization;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Infrastructure;
using AnnuaireFiliere.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary>
/// <c>/compte/inscription</c>: a local account; it can sign in once its email is confirmed (mailed link). A local
/// <c>returnUrl</c> (an invitation, say) goes through the mailed link to the sign-in, which comes back to it.
/// </summary>
[EnableRateLimiting(AccountsSetup.SignUpLimit)]
public sealed class SignUpModel(UserManager<DirectoryUser> users, AccountRoles roles, EmailConfirmation confirmation, TimeProvider clock) : PageModel
{
    public sealed class SignUpInput
    {
        [Required(ErrorMessage = "Account.EmailRequired")]
        [EmailAddress(ErrorMessage = "Account.EmailInvalid")]
        [StringLength(254, ErrorMessage = "Account.EmailInvalid")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Account.PasswordRequired")]
        [StringLength(200, ErrorMessage = "Account.PasswordRequired")]
        public string? Password { get; set; }

        [Required(ErrorMessage = "Account.PasswordRequired")]
        [Compare(nameof(Password), ErrorMessage = "Account.PasswordsDiffer")]
        public string? ConfirmPassword { get; set; }
    }

    [BindProperty]
    public SignUpInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() => Sent = Request.Query.ContainsKey("envoye");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var email = Input.Email!.Trim();
        var user = new DirectoryUser
        {
            UserName = email,
            Email = email,
            PreferredLanguage = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "fr",
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, Input.Password!);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.Email";
                ModelState.AddModelError(field, error.Description);
            }
            return Page();
        }
        await roles.ApplyAsync(user);
        await confirmation.SendAsync(user, ReturnUrl, cancellationToken);
        return RedirectToPage("/Accounts/SignUp", new { envoye = 1 });
    }
}
