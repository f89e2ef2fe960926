using AnnuaireFiliere.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.Companies;

/// <summary>
/// The logos of a page of search results: one query by slug (the primary lookup, indexed) rather than a field in
/// both search engines' indexes, so a new logo shows at once, without a reindexing (ADR 0024).
/// </summary>
public static class CompanyLogos
{
    public static async Task<IReadOnlyDictionary<string, string>> OfAsync(AppDbContext db, IReadOnlyList<string> slugs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(slugs);
        if (slugs.Count == 0)
        {
            return new Dictionary<string, string>();
        }
        var rows = await db.Companies.AsNoTracking()
            .Where(c => c.LogoFile != null && slugs.Contains(c.Slug))
            .Select(c => new { c.Slug, c.LogoFile })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Slug, r => r.LogoFile!, StringComparer.Ordinal);
    }
}
