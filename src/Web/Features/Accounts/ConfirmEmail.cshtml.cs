using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary><c>/compte/confirmer?utilisateur=…&amp;code=…</c>: the link of the confirmation mail.</summary>
public sealed class ConfirmEmailModel(UserManager<DirectoryUser> users, AccountRoles roles) : PageModel
{
    public bool Confirmed { get; private set; }

    /// <summary>Where the sign-in goes next: the page the sign-up started from (an invitation, say).</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task OnGetAsync(Guid utilisateur, string? code)
    {
        var token = AccountLinks.DecodeToken(code);
        var user = token is null ? null : await users.FindByIdAsync(utilisateur.ToString());
        if (user is null)
        {
            return;
        }
        Confirmed = (await users.ConfirmEmailAsync(user, token!)).Succeeded;
        if (Confirmed)
        {
            await roles.ApplyAsync(user);
        }
    }
}
