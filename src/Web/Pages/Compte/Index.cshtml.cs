using AnnuaireFiliere.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Pages.Compte;

/// <summary><c>/compte</c>: the signed-in account: email, roles, linked providers, language, data download, deletion.</summary>
[Authorize]
public sealed class IndexModel(SignInManager<DirectoryUser> signIn, IStringLocalizer<SharedResource> text) : PageModel
{
    public string Email { get; private set; } = string.Empty;

    public string Language { get; private set; } = "fr";

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public IReadOnlyList<UserLoginInfo> Logins { get; private set; } = [];

    public IReadOnlyList<AuthenticationScheme> Unlinked { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostLangueAsync(string? langue)
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }
        user.PreferredLanguage = langue == "en" ? "en" : "fr";
        await signIn.UserManager.UpdateAsync(user);
        AccountLanguage.Apply(HttpContext, user);
        return Redirect("/compte?langue=1");
    }

    public async Task<IActionResult> OnPostSupprimerAsync(bool confirmation)
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }
        if (!confirmation)
        {
            ModelState.AddModelError("confirmation", text["Account.DeleteConfirmRequired"]);
            return Page();
        }
        var deleted = await signIn.UserManager.DeleteAsync(user);
        if (!deleted.Succeeded)
        {
            ModelState.AddModelError("confirmation", string.Join(' ', deleted.Errors.Select(e => e.Description)));
            return Page();
        }
        await signIn.SignOutAsync();
        return Redirect("/");
    }

    private async Task<DirectoryUser?> LoadAsync()
    {
        var users = signIn.UserManager;
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return null;
        }
        Email = user.Email ?? string.Empty;
        Language = user.PreferredLanguage;
        Roles = [.. await users.GetRolesAsync(user)];
        Logins = [.. await users.GetLoginsAsync(user)];
        Unlinked = [.. (await signIn.GetExternalAuthenticationSchemesAsync()).Where(s => Logins.All(l => l.LoginProvider != s.Name))];
        return user;
    }
}
