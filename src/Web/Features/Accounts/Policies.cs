using AnnuaireFiliere.Core.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary>The authorization policies of the site, by name (<c>[Authorize(Policy = Policies.Analyst)]</c>).</summary>
public static class Policies
{
    /// <summary>Any signed-in account.</summary>
    public const string Member = "Member";

    /// <summary>The analysts' view of the statistics (exact counts of every status): moderators, analysts and administrators.</summary>
    public const string Analyst = "Analyst";

    /// <summary>The census (waves, response rates, answers one by one): the observatory's analysts and administrators, not moderators.</summary>
    public const string SurveyAnalyst = "SurveyAnalyst";

    /// <summary>Moderation queues: moderators and administrators.</summary>
    public const string Moderator = "Moderator";

    /// <summary>Administration: administrators only.</summary>
    public const string Administrator = "Administrator";

    internal static AuthorizationBuilder AddDirectoryPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Member, policy => policy.RequireAuthenticatedUser())
        .AddPolicy(Analyst, policy => policy.RequireRole(Roles.Moderator, Roles.Analyst, Roles.Administrator))
        .AddPolicy(SurveyAnalyst, policy => policy.RequireRole(Roles.Analyst, Roles.Administrator))
        .AddPolicy(Moderator, policy => policy.RequireRole(Roles.Moderator, Roles.Administrator))
        .AddPolicy(Administrator, policy => policy.RequireRole(Roles.Administrator));
}
