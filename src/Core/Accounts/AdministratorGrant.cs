using AnnuaireFiliere.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Accounts;

public enum GrantOutcome
{
    Granted,
    AlreadyHeld,
    NoSuchAccount,
}

/// <summary>Gives a role (administrator by default) to an existing account (the Indexer's <c>admin add</c>); effective at its next sign-in.</summary>
public static class AdministratorGrant
{
    public static async Task<GrantOutcome> GrantAsync(AppDbContext db, string email, CancellationToken cancellationToken = default) =>
        await GrantAsync(db, email, Roles.Administrator, cancellationToken);

    public static async Task<GrantOutcome> GrantAsync(AppDbContext db, string email, string roleName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(email);
        // Identity's normalization (UpperInvariantLookupNormalizer).
        var normalized = email.Trim().Normalize().ToUpperInvariant();
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        if (user is null)
        {
            return GrantOutcome.NoSuchAccount;
        }
        var role = Roles.All.Single(r => r.Name == roleName).Id;
        if (await db.UserRoles.AnyAsync(ur => ur.UserId == user.Id && ur.RoleId == role, cancellationToken))
        {
            return GrantOutcome.AlreadyHeld;
        }
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = role });
        // A new security stamp makes the site re-read the roles of a signed-in session.
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        await db.SaveChangesAsync(cancellationToken);
        return GrantOutcome.Granted;
    }
}
