using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Indexing;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Data;

/// <summary>
/// Once, right after the migration <c>ServicesCatalogue</c> on a database that had companies: the free-text services
/// that mean a service of the catalogue become that service (<see cref="Company.MoveCatalogueServices"/>). Written
/// without touching the update date (nobody edited the profile), with a new version and an indexing task so that
/// search follows; not in the history (the words stay in the profile, now as a ticked service).
/// </summary>
public static class CatalogueServices
{
    /// <summary>The migration that adds the catalogue's services to companies.</summary>
    public const string Migration = "20261203184158_ServicesCatalogue";

    /// <summary>Maps every company's free-text services; returns how many companies changed.</summary>
    public static async Task<int> MapFreeTextAsync(AppDbContext db, TaxonomyCatalog taxonomy, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(taxonomy);
        var changed = 0;
        var rows = await db.Companies.AsNoTracking()
            .Select(c => new { c.Id, c.Services, c.ServiceCodes, c.Version, c.Status })
            .ToListAsync(cancellationToken);
        foreach (var row in rows.Where(r => r.Services.Count > 0))
        {
            var (codes, extras) = taxonomy.SortServices(row.Services);
            if (codes.Count == 0)
            {
                continue;
            }
            List<string> picked = [.. row.ServiceCodes.Union(codes, StringComparer.Ordinal)];
            var version = row.Version + 1;
            await db.Companies.Where(c => c.Id == row.Id && c.Version == row.Version).ExecuteUpdateAsync(set => set
                .SetProperty(c => c.ServiceCodes, picked)
                .SetProperty(c => c.Services, extras)
                .SetProperty(c => c.Version, version), cancellationToken);
            if (row.Status == PublicationStatus.Published)
            {
                db.IndexingTasks.Add(new IndexingTask { CompanyId = row.Id, Reason = IndexingTaskReason.Updated, CompanyVersion = version, CreatedAt = now });
            }
            changed++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }
}
