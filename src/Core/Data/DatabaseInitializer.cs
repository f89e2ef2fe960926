using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AnnuaireFiliere.Core.Data;

/// <summary>Creates the data folder, applies pending migrations and synchronizes the reference data.</summary>
public sealed partial class DatabaseInitializer(AppDbContext db, DataPaths paths, ILoggerFactory loggers, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(paths.DataDirectory);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            LogMigrating(pending.Count, paths.DatabaseFile);
            await db.Database.MigrateAsync(cancellationToken);
        }
        await new TaxonomySynchronizer(db, loggers.CreateLogger<TaxonomySynchronizer>())
            .SynchronizeAsync(TaxonomyCatalog.LoadEmbedded(), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s) to {DatabaseFile}")]
    private partial void LogMigrating(int count, string databaseFile);
}
