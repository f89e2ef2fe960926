using System.ComponentModel.DataAnnotations;
using AnnuaireFiliere.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary>
/// A page that mails a link to an account's address on request (password reset, confirmation again). The answer is
/// the same whether the account exists or not, so the page cannot be used to find out who has an account.
/// </summary>
public abstract class MailedLinkPage(UserManager<DirectoryUser> users) : PageModel
{
    public sealed class EmailInput
    {
        [Required(ErrorMessage = "Account.EmailRequired")]
        [EmailAddress(ErrorMessage = "Account.EmailInvalid")]
        [StringLength(254, ErrorMessage = "Account.EmailInvalid")]
        public string? Email { get; set; }
    }

    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    /// <summary>The resource keys of the page's texts: <c>{Keys}Title</c>, <c>Intro</c>, <c>Submit</c>, <c>Sent</c>.</summary>
    public abstract string Keys { get; }

    /// <summary>The email field's element id.</summary>
    public abstract string FieldId { get; }

    /// <summary>This page's name (<c>/Accounts/ForgotPassword</c>), where its form posts.</summary>
    public string PageName => PageContext.ActionDescriptor.ViewEnginePath;

    protected UserManager<DirectoryUser> Users { get; } = users;

    public void OnGet() => Sent = Request.Query.ContainsKey("envoye");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await Users.FindByEmailAsync(Input.Email!.Trim());
        if (user is not null && Wanted(user))
        {
            await SendAsync(user, cancellationToken);
        }
        return RedirectToPage(new { envoye = 1 });
    }

    /// <summary>Whether this account gets the mail (the page's answer is the same either way).</summary>
    protected abstract bool Wanted(DirectoryUser user);

    protected abstract Task SendAsync(DirectoryUser user, CancellationToken cancellationToken);
}


