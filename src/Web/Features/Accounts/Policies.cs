using AnnuaireFiliere.Core.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary>The authorization policies of the site, by name (<c>[Authorize(Policy = Policies.Analyst)]</c>).</summary>
public static class Policies
{
    /// <summary>Any signed-in account.</summary>
    public const string Member = "Member";

    /// <summary>The observatory's analysts' view: moderators and administrators.</summary>
    public const string Analyst = "Analyst";

    /// <summary>Moderation queues: moderators and administrators.</summary>
    public const string Moderator = "Moderator";

    /// <summary>Administration: administrators only.</summary>
    public const string Administrator = "Administrator";

    internal static AuthorizationBuilder AddDirectoryPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Member, policy => policy.RequireAuthenticatedUser())
        .AddPolicy(Analyst, policy => policy.RequireRole(Roles.Moderator, Roles.Administrator))
        .AddPolicy(Moderator, policy => policy.RequireRole(Roles.Moderator, Roles.Administrator))
        .AddPolicy(Administrator, policy => policy.RequireRole(Roles.Administrator));
}
