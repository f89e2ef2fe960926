using AnnuaireFiliere.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Companies;

/// <summary>How the public side finds a published company: by the slug of its address, or by its RIDET.</summary>
public static class PublishedCompanies
{
    /// <summary>Longer than any slug the site makes: such an address is not looked up.</summary>
    public const int MaxSlugLength = 120;

    /// <summary>A published company by its slug (slugs are lower case: the address is matched as such).</summary>
    public static Task<Company?> FindPublishedAsync(this AppDbContext db, string? slug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (string.IsNullOrEmpty(slug) || slug.Length > MaxSlugLength)
        {
            return Task.FromResult<Company?>(null);
        }
        var lower = slug.ToLowerInvariant();
        return db.Companies.AsNoTracking()
            .Include(c => c.SecondaryActivities)
            .FirstOrDefaultAsync(c => c.Slug == lower && c.Status == PublicationStatus.Published, cancellationToken);
    }

    /// <summary>
    /// A published company by RIDET: the one company of that exact RIDET when an establishment is given (one company
    /// per RIDET, docs/adr/0020), else the company registered without establishment, else its lowest establishment.
    /// </summary>
    public static async Task<Company?> FindPublishedAsync(this AppDbContext db, Ridet ridet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var exact = ridet.ToString();
        var prefix = ridet.Establishment is null ? ridet.Rid + ".%" : exact;
        var ids = await db.Database
            .SqlQuery<Guid>($"SELECT \"Id\" AS \"Value\" FROM \"Companies\" WHERE \"Status\" = 'Published' AND (\"Ridet\" = {exact} OR \"Ridet\" LIKE {prefix})")
            .ToListAsync(cancellationToken);
        var candidates = await db.Companies.AsNoTracking().Include(c => c.SecondaryActivities).Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        return candidates.OrderBy(c => c.Ridet!.Value.ToString(), StringComparer.Ordinal).FirstOrDefault();
    }
}
