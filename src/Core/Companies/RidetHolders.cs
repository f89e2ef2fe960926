using AnnuaireFiliere.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Companies;

/// <summary>The company that holds a RIDET: whether a visitor may see it (published) decides what forms say of it.</summary>
public sealed record RidetHolder(Guid Id, string Name, string Slug, PublicationStatus Status, Ridet Ridet)
{
    public bool IsPublished => Status == PublicationStatus.Published;
}

/// <summary>One company per RIDET (company number and establishment; docs/adr/0020): who holds one.</summary>
public static class RidetHolders
{
    /// <summary>The company holding exactly <paramref name="ridet"/>, other than <paramref name="except"/>, or <c>null</c>.</summary>
    public static async Task<RidetHolder?> RidetHolderAsync(this AppDbContext db, Ridet ridet, Guid? except, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        Ridet? wanted = ridet;
        var holder = await db.Companies.AsNoTracking()
            .Where(c => c.Ridet == wanted && (except == null || c.Id != except))
            .Select(c => new { c.Id, Name = c.TradeName ?? c.LegalName, c.Slug, c.Status })
            .FirstOrDefaultAsync(cancellationToken);
        return holder is null ? null : new RidetHolder(holder.Id, holder.Name, holder.Slug, holder.Status, ridet);
    }

    /// <summary>
    /// Whether a save failed on the unique index of the companies' RIDET (another save took it meanwhile): through EF
    /// (<see cref="DbUpdateException"/>) or straight from the database (the bulk writer), on SQLite or PostgreSQL.
    /// </summary>
    public static bool IsRidetConflict(Exception exception) =>
        (exception as System.Data.Common.DbException ?? exception?.InnerException as System.Data.Common.DbException) switch
        {
            SqliteException { SqliteErrorCode: 19 } sqlite => sqlite.Message.Contains("Companies.Ridet", StringComparison.Ordinal),
            Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } postgres => postgres.ConstraintName == "IX_Companies_Ridet",
            _ => false,
        };
}
