using AnnuaireFiliere.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AnnuaireFiliere.Core.Taxonomy;

/// <summary>What a synchronization changed in the reference tables.</summary>
public sealed record TaxonomySyncResult(int Added, int Updated, int Removed, IReadOnlyList<string> Retired)
{
    public bool Changed => Added + Updated + Removed + Retired.Count > 0;
}

/// <summary>
/// Brings the reference tables in line with the versioned catalogue. Idempotent: a second run changes nothing.
/// A changed label is updated; a code gone from the catalogue is removed when nothing uses it, and otherwise
/// kept and marked retired (never silently dropped), with a warning in the log.
/// </summary>
public sealed partial class TaxonomySynchronizer(AppDbContext db, ILogger<TaxonomySynchronizer> logger)
{
    public async Task<TaxonomySyncResult> SynchronizeAsync(TaxonomyCatalog source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var counts = new Counts();
        // Additions and updates parents first, removals children first: foreign keys always hold.
        var sectors = await UpsertAsync(db.Sectors, source.Sectors, counts, cancellationToken);
        var provinces = await UpsertAsync(db.Provinces, source.Provinces, counts, cancellationToken);
        var sizeBands = await UpsertAsync(db.SizeBands, source.SizeBands, counts, cancellationToken);
        var legalForms = await UpsertAsync(db.LegalForms, source.LegalForms, counts, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var activities = await UpsertAsync(db.Activities, source.Activities, counts, cancellationToken);
        var communes = await UpsertAsync(db.Communes, source.Communes, counts, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        await RemoveOrRetireAsync(db.Activities, activities, async code =>
            await db.Companies.AnyAsync(c => c.PrimaryActivityCode == code, cancellationToken)
            || await db.CompanyActivities.AnyAsync(a => a.ActivityCode == code, cancellationToken), counts);
        await RemoveOrRetireAsync(db.Communes, communes, code => db.Companies.AnyAsync(c => c.CommuneCode == code, cancellationToken), counts);
        await RemoveOrRetireAsync(db.SizeBands, sizeBands, code => db.Companies.AnyAsync(c => c.SizeBandCode == code, cancellationToken), counts);
        await RemoveOrRetireAsync(db.LegalForms, legalForms, code => db.Companies.AnyAsync(c => c.LegalFormCode == code, cancellationToken), counts);
        await db.SaveChangesAsync(cancellationToken);
        await RemoveOrRetireAsync(db.Sectors, sectors, code => db.Activities.AnyAsync(a => a.SectorCode == code, cancellationToken), counts);
        await RemoveOrRetireAsync(db.Provinces, provinces, code => db.Communes.AnyAsync(c => c.ProvinceCode == code, cancellationToken), counts);
        await db.SaveChangesAsync(cancellationToken);

        var result = new TaxonomySyncResult(counts.Added, counts.Updated, counts.Removed, counts.Retired);
        if (result.Changed)
        {
            LogSynchronized(result.Added, result.Updated, result.Removed, result.Retired.Count);
        }
        return result;
    }

    /// <summary>Adds and updates the wanted entries; returns the existing ones that are no longer wanted.</summary>
    private static async Task<List<T>> UpsertAsync<T>(DbSet<T> table, IReadOnlyList<T> wanted, Counts counts, CancellationToken cancellationToken)
        where T : TaxonomyEntry
    {
        var existing = await table.ToDictionaryAsync(e => e.Code, StringComparer.Ordinal, cancellationToken);
        foreach (var entry in wanted)
        {
            if (!existing.Remove(entry.Code, out var current))
            {
                table.Add(entry);
                counts.Added++;
            }
            else if (current.UpdateFrom(entry))
            {
                counts.Updated++;
            }
        }
        return [.. existing.Values];
    }

    private async Task RemoveOrRetireAsync<T>(DbSet<T> table, List<T> leftovers, Func<string, Task<bool>> isInUse, Counts counts)
        where T : TaxonomyEntry
    {
        foreach (var leftover in leftovers)
        {
            if (!await isInUse(leftover.Code))
            {
                table.Remove(leftover);
                counts.Removed++;
            }
            else if (!leftover.IsRetired)
            {
                leftover.IsRetired = true;
                counts.Retired.Add($"{typeof(T).Name} {leftover.Code}");
                LogRetired(typeof(T).Name, leftover.Code);
            }
        }
    }

    private sealed class Counts
    {
        public int Added { get; set; }
        public int Updated { get; set; }
        public int Removed { get; set; }
        public List<string> Retired { get; } = [];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Taxonomy synchronized: {Added} added, {Updated} updated, {Removed} removed, {Retired} retired")]
    private partial void LogSynchronized(int added, int updated, int removed, int retired);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} {Code} is no longer in the taxonomy but companies still use it: kept and marked retired")]
    private partial void LogRetired(string kind, string code);
}
