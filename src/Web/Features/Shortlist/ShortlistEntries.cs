using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using AnnuaireFiliere.Web.Infrastructure;

namespace AnnuaireFiliere.Web.Features.Shortlist;

/// <summary>A company of a shortlist, as shown and exported: public facts only (never the contact person).</summary>
public sealed record ShortlistEntry(
    string Slug, string Name, string LegalName, string? Ridet, string PrimaryActivity, IReadOnlyList<string> Activities,
    string Commune, string? SizeBand, string? Website, string? Email, string? Phone, string? LogoFile);

public static class ShortlistEntries
{
    /// <summary>The published companies among <paramref name="slugs"/>, in the shortlist's order; others are left out.</summary>
    public static async Task<IReadOnlyList<ShortlistEntry>> LoadAsync(AppDbContext db, TaxonomyCatalog taxonomy, IReadOnlyList<string> slugs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(slugs);
        if (slugs.Count == 0)
        {
            return [];
        }
        var rows = await db.Companies.AsNoTracking()
            .Where(c => c.Status == PublicationStatus.Published && slugs.Contains(c.Slug))
            .Select(c => new
            {
                c.Slug, c.TradeName, c.LegalName, c.Ridet, c.PrimaryActivityCode,
                Secondary = c.SecondaryActivities.Select(a => a.ActivityCode).ToList(),
                c.CommuneCode, c.SizeBandCode, c.Website, c.Email, c.Phones, c.LogoFile,
            })
            .ToListAsync(cancellationToken);
        var order = slugs.Select((slug, index) => (slug, index)).ToDictionary(x => x.slug, x => x.index, StringComparer.Ordinal);
        return [.. rows.OrderBy(r => order[r.Slug]).Select(r => new ShortlistEntry(
            r.Slug,
            string.IsNullOrWhiteSpace(r.TradeName) ? r.LegalName : r.TradeName,
            r.LegalName,
            r.Ridet?.ToString(),
            FacetCatalog.Activity.LabelOf(r.PrimaryActivityCode, taxonomy),
            [.. r.Secondary.Select(code => FacetCatalog.Activity.LabelOf(code, taxonomy))],
            FacetCatalog.Commune.LabelOf(r.CommuneCode, taxonomy),
            FacetCatalog.SizeLabel(r.SizeBandCode, taxonomy),
            r.Website,
            r.Email,
            r.Phones.Count == 0 ? null : Display.Phone(r.Phones[0]).Text,
            r.LogoFile))];
    }

    public static Task<bool> IsPublishedAsync(AppDbContext db, string slug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Companies.AnyAsync(c => c.Slug == slug && c.Status == PublicationStatus.Published, cancellationToken);
    }
}
