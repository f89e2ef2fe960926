using System.Text.Json;
using AnnuaireFiliere.Core.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AnnuaireFiliere.Web.Pages.Compte;

/// <summary><c>/compte/donnees</c>: everything the directory holds about the account, as a JSON download.</summary>
[Authorize]
public sealed class DonneesModel(UserManager<DirectoryUser> users) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var data = new
        {
            id = user.Id,
            email = user.Email,
            emailConfirmed = user.EmailConfirmed,
            preferredLanguage = user.PreferredLanguage,
            createdAt = user.CreatedAt,
            roles = await users.GetRolesAsync(user),
            externalLogins = (await users.GetLoginsAsync(user)).Select(l => new { provider = l.LoginProvider, displayName = l.ProviderDisplayName, key = l.ProviderKey }),
            failedSignInAttempts = user.AccessFailedCount,
            lockedOutUntil = user.LockoutEnd,
        };
        Response.Headers.CacheControl = "no-store";
        return File(JsonSerializer.SerializeToUtf8Bytes(data, Json), "application/json", "mes-donnees-annuaire.json");
    }
}
