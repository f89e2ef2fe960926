using System.Security.Claims;
using AnnuaireFiliere.Core.Companies;

namespace AnnuaireFiliere.Web.Features.Accounts;

public static class ActorClaims
{
    /// <summary>The signed-in account as the company life cycle names it: its id, its email, whether it moderates.</summary>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new Actor(user.DirectoryUserId(), user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "?", user.IsModerator());
    }
}
