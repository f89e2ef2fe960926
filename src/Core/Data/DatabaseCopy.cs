using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace AnnuaireFiliere.Core.Data;

/// <summary>One table of a copy: its rows in the source and in the target after the copy, and how many were copied now.</summary>
public sealed record TableCopy(string Table, long Source, long Target, long Copied)
{
    public bool Equal => Source == Target;
}

/// <summary>Why a copy cannot go on, in words for the person who ran it (French, as the Indexer's other refusals).</summary>
public sealed class DatabaseCopyException(string message) : Exception(message);

/// <summary>
/// Copies one directory database into another, table by table, every row as it is (no stamping, no new indexing task,
/// ids kept): how an embedded SQLite site moves to PostgreSQL. The target is migrated first. Each table is copied in
/// one transaction, so after an interruption a table is either complete or empty: running the copy again fills the
/// empty ones and leaves the complete ones (same row count) alone. A table that holds other rows in the target (a site
/// already ran on it) stops the copy with a message: it fills an empty database, it does not merge two.
/// </summary>
/// <param name="leaveOut">Entity types not copied here (the caller copies them its own way: the stored files by content).</param>
public sealed class DatabaseCopy(AppDbContext source, AppDbContext target, IReadOnlySet<Type>? leaveOut = null)
{
    private const int Batch = 1000;

    public async Task<IReadOnlyList<TableCopy>> RunAsync(IProgress<TableCopy>? progress = null, CancellationToken cancellationToken = default)
    {
        var pending = (await source.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            throw new DatabaseCopyException($"La base source n'est pas à jour ({pending.Count} migration(s) à appliquer) : démarrez le site dessus une fois, ou lancez « migrate » de l'Indexer dessus, puis recommencez.");
        }
        await target.Database.MigrateAsync(cancellationToken);
        target.Verbatim = true;
        target.ChangeTracker.AutoDetectChangesEnabled = false;

        var results = new List<TableCopy>();
        var copyOne = typeof(DatabaseCopy).GetMethod(nameof(CopyAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;
        foreach (var entityType in InDependencyOrder(target.Model).Where(t => leaveOut?.Contains(t.ClrType) != true))
        {
            var copy = (Task<TableCopy>)copyOne.MakeGenericMethod(entityType.ClrType).Invoke(this, [entityType, cancellationToken])!;
            var result = await copy;
            results.Add(result);
            progress?.Report(result);
        }
        if (AppDatabase.ProviderOf(target) == DatabaseProvider.PostgreSql)
        {
            await MoveSequencesAsync(cancellationToken);
        }
        return results;
    }

    private async Task<TableCopy> CopyAsync<T>(IEntityType entityType, CancellationToken cancellationToken)
        where T : class
    {
        var table = entityType.GetTableName()!;
        var inSource = await source.Set<T>().LongCountAsync(cancellationToken);
        var inTarget = await target.Set<T>().LongCountAsync(cancellationToken);
        if (inTarget == inSource)
        {
            return new TableCopy(table, inSource, inTarget, 0);
        }
        if (inTarget != 0)
        {
            throw new DatabaseCopyException($"La base cible a déjà {inTarget} ligne(s) dans {table} (la source en a {inSource}) : la copie remplit une base vide, elle ne fusionne pas deux bases. Donnez-lui une base neuve.");
        }

        long copied = 0;
        await using (var transaction = await target.Database.BeginTransactionAsync(cancellationToken))
        {
            await foreach (var row in source.Set<T>().AsNoTracking().IgnoreAutoIncludes().AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                target.Add(row);
                if (++copied % Batch == 0)
                {
                    await FlushAsync(cancellationToken);
                }
            }
            await FlushAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return new TableCopy(table, inSource, await target.Set<T>().LongCountAsync(cancellationToken), copied);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        target.ChangeTracker.DetectChanges();
        await target.SaveChangesAsync(cancellationToken);
        target.ChangeTracker.Clear();
    }

    /// <summary>Principal tables before the tables that point at them (a table's own rows may point at each other).</summary>
    private static List<IEntityType> InDependencyOrder(IModel model)
    {
        var types = model.GetEntityTypes().Where(t => !t.IsOwned() && t.GetTableName() is not null && t.BaseType is null).ToList();
        var ordered = new List<IEntityType>();
        var placed = new HashSet<IEntityType>();
        void Place(IEntityType type, HashSet<IEntityType> visiting)
        {
            if (placed.Contains(type) || !visiting.Add(type))
            {
                return;
            }
            foreach (var principal in type.GetForeignKeys().Select(k => k.PrincipalEntityType.GetRootType()).Where(p => p != type))
            {
                Place(principal, visiting);
            }
            placed.Add(type);
            ordered.Add(type);
        }
        foreach (var type in types.OrderBy(t => t.GetTableName(), StringComparer.Ordinal))
        {
            Place(type, []);
        }
        return ordered;
    }

    /// <summary>PostgreSQL's identity sequences continue after the copied ids (the rows kept theirs).</summary>
    private async Task MoveSequencesAsync(CancellationToken cancellationToken)
    {
        foreach (var entityType in target.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.GetTableName() is not null))
        {
            var key = entityType.FindPrimaryKey();
            if (key is not { Properties: [var id] } || id.ValueGenerated != ValueGenerated.OnAdd || (id.ClrType != typeof(int) && id.ClrType != typeof(long)))
            {
                continue;
            }
            var table = entityType.GetTableName()!;
            var column = id.GetColumnName();
            // Names from the model, not from input: quoted as identifiers.
#pragma warning disable EF1002
            await target.Database.ExecuteSqlRawAsync(
                $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), COALESCE((SELECT MAX(\"{column}\") FROM \"{table}\"), 0) + 1, false)",
                cancellationToken);
#pragma warning restore EF1002
        }
    }
}
