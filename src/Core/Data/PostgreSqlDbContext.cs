using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Data;

/// <summary>
/// The directory's context on PostgreSQL: the same model as <see cref="AppDbContext"/>, with the PostgreSQL
/// migrations (<c>Data/PostgreSqlMigrations</c>), which EF finds by this context type. Saves that add to the task
/// log take <see cref="TaskLogOrder"/>'s lock in their transaction; NUL characters, which PostgreSQL's text refuses,
/// are dropped from what commands send (<see cref="PostgreSqlNulCharacters"/>).
/// </summary>
public sealed class PostgreSqlDbContext(DbContextOptions<PostgreSqlDbContext> options, TimeProvider clock) : AppDbContext(options, clock)
{
    protected override int InTaskLogOrder(Func<int> save)
    {
        ArgumentNullException.ThrowIfNull(save);
        if (Database.CurrentTransaction is not null)
        {
            TaskLogOrder.Lock(this);
            return save();
        }
        using var transaction = Database.BeginTransaction();
        TaskLogOrder.Lock(this);
        var saved = save();
        transaction.Commit();
        return saved;
    }

    protected override async Task<int> InTaskLogOrderAsync(Func<Task<int>> save, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(save);
        if (Database.CurrentTransaction is not null)
        {
            await TaskLogOrder.LockAsync(this, cancellationToken);
            return await save();
        }
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        await TaskLogOrder.LockAsync(this, cancellationToken);
        var saved = await save();
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }
}

/// <summary>
/// Keeps the task log's ids in commit order. The indexers read the log after their cursor; on PostgreSQL two
/// transactions can take ids 10 and 11 from the sequence and commit 11 first, and an indexer reading then would move
/// its cursor past 10 for good. So every transaction that writes tasks first takes one transaction-scoped advisory
/// lock (released at commit or rollback): writers of tasks go one at a time, the way SQLite's single writer already
/// makes them. Other writes are not held up.
/// </summary>
public static class TaskLogOrder
{
    // The advisory lock's key: "ANNUAIRE" in ASCII (0x414E4E5541495245), used for nothing else.
    private const string Sql = "SELECT pg_advisory_xact_lock(4705784788723257925)";

    /// <summary>Takes the lock in the current transaction (PostgreSQL; nothing on SQLite).</summary>
    public static async Task LockAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync(Sql, cancellationToken);
        }
    }

    /// <inheritdoc cref="LockAsync"/>
    public static void Lock(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
        {
            db.Database.ExecuteSqlRaw(Sql);
        }
    }
}
