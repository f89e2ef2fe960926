using System.Security.Claims;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary>What someone wants to do with one company (resource-based authorization; the resource is the company id).</summary>
public sealed class CompanyOperation : IAuthorizationRequirement
{
    private CompanyOperation(string name, MemberRole minimumRole, bool moderators = true)
    {
        Name = name;
        MinimumRole = minimumRole;
        Moderators = moderators;
    }

    /// <summary>Edit the profile, confirm it, see its history and pending requests: its editors and owners.</summary>
    public static CompanyOperation Edit { get; } = new(nameof(Edit), MemberRole.Editor);

    /// <summary>Invite, remove and change members, transfer ownership, decide join requests: its owners.</summary>
    public static CompanyOperation ManageMembers { get; } = new(nameof(ManageMembers), MemberRole.Owner);

    /// <summary>
    /// Answer the observatory's census for the company: its owners only, never moderators nor administrators (the answers
    /// are confidential: analysts read them, moderators do not).
    /// </summary>
    public static CompanyOperation AnswerSurvey { get; } = new(nameof(AnswerSurvey), MemberRole.Owner, moderators: false);

    public string Name { get; }

    /// <summary>Whether moderators and administrators may do it for every company.</summary>
    public bool Moderators { get; }

    public MemberRole MinimumRole { get; }

    public override string ToString() => Name;
}

/// <summary>
/// Grants a <see cref="CompanyOperation"/> to the company's members with the role it needs, and (but for the census) to
/// moderators and administrators for every company. Pages call
/// <c>authorization.AuthorizeAsync(User, companyId, CompanyOperation.Edit)</c> before reading or changing anything.
/// </summary>
public sealed class CompanyAuthorizationHandler(AppDbContext db) : AuthorizationHandler<CompanyOperation, Guid>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CompanyOperation requirement, Guid companyId)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return;
        }
        if (requirement.Moderators && (user.IsInRole(Roles.Moderator) || user.IsInRole(Roles.Administrator)))
        {
            context.Succeed(requirement);
            return;
        }
        if (user.DirectoryUserId() is not { } userId)
        {
            return;
        }
        var role = await db.CompanyMembers.AsNoTracking()
            .Where(m => m.CompanyId == companyId && m.UserId == userId)
            .Select(m => (MemberRole?)m.Role)
            .SingleOrDefaultAsync();
        if (role is { } held && held >= requirement.MinimumRole)
        {
            context.Succeed(requirement);
        }
    }
}

public static class DirectoryClaims
{
    /// <summary>The signed-in account's id (Identity's name identifier), or <c>null</c>.</summary>
    public static Guid? DirectoryUserId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
    }

    /// <summary>A moderator or an administrator.</summary>
    public static bool IsModerator(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Moderator) || user.IsInRole(Roles.Administrator);
    }
}
