using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Data;

/// <summary>A RIDET several companies hold (by slug): the one that keeps it and those that lose it.</summary>
public sealed record SharedRidet(string Ridet, string KeptBy, IReadOnlyList<string> ClearedFrom);

/// <summary>
/// The RIDET numbers several companies share, in a database from before the migration <c>OneCompanyPerRidet</c>
/// (docs/adr/0020), with the rule that migration applies: the first registered (earliest creation, then smallest id)
/// keeps it. Read with SQL on columns every version has, so it runs before the migration.
/// </summary>
public static class SharedRidets
{
    /// <summary>The migration that makes a RIDET unique.</summary>
    public const string Migration = "20261203131033_OneCompanyPerRidet";

    private sealed record Holder(string Ridet, string Slug, long Rank);

    public static async Task<IReadOnlyList<SharedRidet>> FindAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var holders = await db.Database.SqlQueryRaw<Holder>("""
            SELECT Ridet, Slug, Rank FROM (
              SELECT Ridet, Slug, ROW_NUMBER() OVER (PARTITION BY Ridet ORDER BY CreatedAt, Id) AS Rank,
                     COUNT(*) OVER (PARTITION BY Ridet) AS Holders
              FROM Companies WHERE Ridet IS NOT NULL)
            WHERE Holders > 1
            ORDER BY Ridet, Rank
            """).ToListAsync(cancellationToken);
        return [.. holders.GroupBy(h => h.Ridet, StringComparer.Ordinal)
            .Select(g => new SharedRidet(g.Key, g.First().Slug, [.. g.Skip(1).Select(h => h.Slug)]))];
    }
}
