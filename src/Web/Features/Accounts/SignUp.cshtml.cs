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
public sealed class SignUpModel(UserManager<DirectoryUser> users, AccountRoles roles, EmailConfirmation confirmation, AccountMails mails, PageLinks pages, TimeProvider clock) : PageModel
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
        // The password's rules first, the same for every address; then the same answer whether the address has an
        // account or not: its owner hears of the attempt by mail, nobody else learns it.
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, Input.Password!)).Errors);
        }
        if (errors.Count == 0 && await users.FindByEmailAsync(email) is { } existing)
        {
            // The work a creation does (hashing the password), so that the time does not tell either.
            UnknownAccounts.HashForNothing(users.PasswordHasher, Input.Password!);
            await TellOwnerAsync(existing, cancellationToken);
            return RedirectToPage("/Accounts/SignUp", new { envoye = 1 });
        }
        var created = errors.Count == 0 ? await users.CreateAsync(user, Input.Password!) : IdentityResult.Failed([.. errors]);
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

    /// <summary>
    /// Someone signed up with the address of an account: a confirmed one is told, with a link to choose a new password;
    /// an unconfirmed one gets its confirmation link again.
    /// </summary>
    private Task TellOwnerAsync(DirectoryUser owner, CancellationToken cancellationToken) =>
        owner.EmailConfirmed
            ? mails.SendAsync(owner, "Mail.SignUpTaken", pages.Absolute("/Accounts/ForgotPassword", values: null), cancellationToken: cancellationToken)
            : confirmation.SendAsync(owner, ReturnUrl, cancellationToken);
}
