using System.ComponentModel.DataAnnotations;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Web.Accounts;
using AnnuaireFiliere.Web.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace AnnuaireFiliere.Web.Pages.Compte;

/// <summary><c>/compte/mot-de-passe-oublie</c>: mails a reset link; the answer is the same whether the account exists or not.</summary>
[EnableRateLimiting(AccountsSetup.PasswordLimit)]
public sealed class MotDePasseOublieModel(UserManager<DirectoryUser> users, AccountMails mails) : PageModel
{
    public sealed class ForgotInput
    {
        [Required(ErrorMessage = "Account.EmailRequired")]
        [EmailAddress(ErrorMessage = "Account.EmailInvalid")]
        [StringLength(254, ErrorMessage = "Account.EmailInvalid")]
        public string? Email { get; set; }
    }

    [BindProperty]
    public ForgotInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet() => Sent = Request.Query.ContainsKey("envoye");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.FindByEmailAsync(Input.Email!.Trim());
        if (user is not null && user.EmailConfirmed)
        {
            var token = AccountLinks.EncodeToken(await users.GeneratePasswordResetTokenAsync(user));
            await mails.SendPasswordResetAsync(user, AccountLinks.Absolute(Request, $"/compte/reinitialiser?utilisateur={user.Id}&code={token}"), cancellationToken);
        }
        return Redirect("/compte/mot-de-passe-oublie?envoye=1");
    }
}
