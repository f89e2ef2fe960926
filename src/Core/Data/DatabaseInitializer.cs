using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AnnuaireFiliere.Core.Data;

/// <summary>
/// Creates the data folder, applies pending migrations, synchronizes the reference data, and gives a database that
/// never had synonym rules those of <c>Search/synonyms.txt</c>.
/// </summary>
public sealed partial class DatabaseInitializer(AppDbContext db, DataPaths paths, TimeProvider clock, ILoggerFactory loggers, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(paths.DataDirectory);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            LogMigrating(pending.Count, paths.DatabaseFile);
            // A database with companies from before one company per RIDET: say which ones the migration changes.
            if (pending.Contains(SharedRidets.Migration) && (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any())
            {
                foreach (var shared in await SharedRidets.FindAsync(db, cancellationToken))
                {
                    LogSharedRidet(shared.Ridet, shared.KeptBy, string.Join(", ", shared.ClearedFrom));
                }
            }
            var existing = pending.Contains(CatalogueServices.Migration) && (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any();
            await db.Database.MigrateAsync(cancellationToken);
            if (existing && await CatalogueServices.MapFreeTextAsync(db, TaxonomyCatalog.Default, clock.GetUtcNow().UtcDateTime, cancellationToken) is > 0 and var mapped)
            {
                LogServicesMapped(mapped);
            }
        }
        await new TaxonomySynchronizer(db, loggers.CreateLogger<TaxonomySynchronizer>())
            .SynchronizeAsync(TaxonomyCatalog.LoadEmbedded(), cancellationToken);
        if (await SynonymRules.ImportDefaultsAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken) is > 0 and var imported)
        {
            LogSynonymsImported(imported);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Copied the {Count} synonym rules of Search/synonyms.txt into the empty database")]
    private partial void LogSynonymsImported(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RIDET {Ridet} is held by several companies: {KeptBy} keeps it, the migration OneCompanyPerRidet removes it from {ClearedFrom} (a history entry each; docs/adr/0020)")]
    private partial void LogSharedRidet(string ridet, string keptBy, string clearedFrom);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticked the catalogue's services that {Count} companies had written as free text (migration ServicesCatalogue)")]
    private partial void LogServicesMapped(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s) to {DatabaseFile}")]
    private partial void LogMigrating(int count, string databaseFile);
}
