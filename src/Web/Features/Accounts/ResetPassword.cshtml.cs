using System.ComponentModel.DataAnnotations;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary><c>/compte/reinitialiser?utilisateur=…&amp;code=…</c>: the link of the reset mail; a new password.</summary>
[EnableRateLimiting(AccountsSetup.PasswordLimit)]
public sealed class ResetPasswordModel(UserManager<DirectoryUser> users) : PageModel
{
    public sealed class ResetInput
    {
        [Required(ErrorMessage = "Account.PasswordRequired")]
        [StringLength(200, ErrorMessage = "Account.PasswordRequired")]
        public string? Password { get; set; }

        [Required(ErrorMessage = "Account.PasswordRequired")]
        [Compare(nameof(Password), ErrorMessage = "Account.PasswordsDiffer")]
        public string? ConfirmPassword { get; set; }
    }

    [BindProperty]
    public ResetInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public Guid Utilisateur { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var token = AccountLinks.DecodeToken(Code);
        var user = token is null ? null : await users.FindByIdAsync(Utilisateur.ToString());
        var result = user is null ? IdentityResult.Failed(users.ErrorDescriber.InvalidToken()) : await users.ResetPasswordAsync(user, token!, Input.Password!);
        if (result.Succeeded)
        {
            await users.SetLockoutEndDateAsync(user!, null);
            await users.ResetAccessFailedCountAsync(user!);
            return RedirectToPage("/Accounts/SignIn", new { reinitialise = 1 });
        }
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : string.Empty, error.Description);
        }
        return Page();
    }
}
