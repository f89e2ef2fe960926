using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary>
/// Mails the link that confirms an account's email address: after sign-up, after a first external sign-in whose
/// provider did not vouch for the address, and from "send the confirmation again". A local return address
/// (an invitation, say) travels with the link to the sign-in that follows.
/// </summary>
public sealed class EmailConfirmation(UserManager<DirectoryUser> users, AccountMails mails, SiteLinks site, PageLinks pages)
{
    public async Task SendAsync(DirectoryUser user, string? returnUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = AccountLinks.EncodeToken(await users.GenerateEmailConfirmationTokenAsync(user));
        var back = LocalUrl.OrHome(site.PathBase, returnUrl);
        var link = pages.Absolute("/Accounts/ConfirmEmail",
            new { utilisateur = user.Id, code = token, returnUrl = back == LocalUrl.Home(site.PathBase) ? null : back });
        await mails.SendConfirmationAsync(user, link, cancellationToken);
    }
}
