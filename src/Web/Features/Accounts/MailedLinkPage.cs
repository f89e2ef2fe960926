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
        return Redirect(Request.Path + "?envoye=1");
    }

    /// <summary>Whether this account gets the mail (the page's answer is the same either way).</summary>
    protected abstract bool Wanted(DirectoryUser user);

    protected abstract Task SendAsync(DirectoryUser user, CancellationToken cancellationToken);
}

/// <summary>What the views of <see cref="MailedLinkPage"/>s show: resource keys <c>{Keys}Title/Intro/Submit/Sent</c>.</summary>
public sealed record MailedLinkView(MailedLinkPage Page, string Keys, string Action, string FieldId);
