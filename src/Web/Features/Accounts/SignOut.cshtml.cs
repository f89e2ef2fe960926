using AnnuaireFiliere.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary><c>POST /compte/deconnexion</c> (antiforgery-protected); a GET only goes home.</summary>
public sealed class SignOutModel(SignInManager<DirectoryUser> signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Home/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToPage("/Home/Index");
    }
}
