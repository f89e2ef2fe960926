using System.Collections.Concurrent;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AnnuaireFiliere.Tests;

/// <summary>
/// The tests' database engine. By default SQLite files; when <c>ANNUAIRE_TEST_POSTGRES</c> holds the connection string
/// of a PostgreSQL server (its administrator, e.g. <c>Host=127.0.0.1;Port=55432;Username=postgres</c>: what
/// <c>tests/run.sh</c> starts), every database-facing test runs on a database of its own on that server, cloned from a
/// template migrated once per model (fast: no migration per test), and dropped when the test ends.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "ANNUAIRE_TEST_POSTGRES";

    private static readonly ConcurrentDictionary<string, int> Users = new(StringComparer.Ordinal);
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? _template;

    /// <summary>The server's administrator connection string, or null when the tests run on SQLite.</summary>
    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server ? server : null;

    public static bool Active => Server is not null;

    /// <summary>The provider the tests run on.</summary>
    public static DatabaseProvider Provider => Active ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite;

    /// <summary>Skips the calling test on PostgreSQL, saying why (what it checks exists only with SQLite files).</summary>
    public static void SkipOnPostgres(string why) =>
        Assert.SkipWhen(Active, $"SQLite only ({why}); this run is on PostgreSQL ({Variable}).");

    /// <summary>
    /// A database for <paramref name="key"/> (migrated, reference data loaded), created on first use: two sites of one
    /// test given the same key (two nodes of a farm) share it. Returns its connection string.
    /// </summary>
    public static string Acquire(string key, bool migrated = true) => AcquireAsync(key, migrated).GetAwaiter().GetResult();

    public static async Task<string> AcquireAsync(string key, bool migrated = true)
    {
        var server = Server ?? throw new InvalidOperationException($"{Variable} is not set.");
        var name = "t_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..24];
        if (Users.AddOrUpdate(name, 1, (_, count) => count + 1) == 1)
        {
            var template = migrated ? await TemplateAsync(server) : "template0";
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            // A template being cloned by another test process at the same instant is "in use": try again shortly.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
                    break;
                }
                catch (PostgresException busy) when (busy.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 50)
                {
                    await Task.Delay(100 * Math.Min(attempt, 5));
                }
            }
        }
        return ConnectionString(server, name);
    }

    /// <summary>Releases <paramref name="key"/>'s database; the last user drops it.</summary>
    public static async Task ReleaseAsync(string key)
    {
        var server = Server;
        if (server is null)
        {
            return;
        }
        var name = "t_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..24];
        if (Users.AddOrUpdate(name, 0, (_, count) => count - 1) > 0)
        {
            return;
        }
        Users.TryRemove(name, out _);
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>The template of this model: migrated and with the reference data, made once (a lock orders the test processes).</summary>
    private static async Task<string> TemplateAsync(string server)
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (_template is not null)
            {
                return _template;
            }
            await using var probe = AppDatabase.Create(DatabaseProvider.PostgreSql, ConnectionString(server, "postgres"), TimeProvider.System);
            // Named by its migrations (a model change without its migration fails MigrationSetsTests).
            var migrations = string.Join(",", probe.Database.GetMigrations());
            var name = "tpl_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(migrations)))[..24];
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await ExecuteAsync(admin, "SELECT pg_advisory_lock(20260020)");
            try
            {
                await using var exists = new NpgsqlCommand("SELECT COUNT(*) FROM pg_database WHERE datname = @name", admin);
                exists.Parameters.AddWithValue("name", name);
                if ((long)(await exists.ExecuteScalarAsync())! == 0)
                {
                    var building = name + "_building";
                    await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)");
                    await ExecuteAsync(admin, $"CREATE DATABASE \"{building}\" TEMPLATE template0");
                    await using (var db = AppDatabase.Create(DatabaseProvider.PostgreSql, ConnectionString(server, building), TimeProvider.System))
                    {
                        await db.Database.MigrateAsync();
                        await new TaxonomySynchronizer(db, NullLogger<TaxonomySynchronizer>.Instance).SynchronizeAsync(TaxonomyCatalog.LoadEmbedded());
                    }
                    NpgsqlConnection.ClearAllPools();
                    await ExecuteAsync(admin, $"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
                }
            }
            finally
            {
                await ExecuteAsync(admin, "SELECT pg_advisory_unlock(20260020)");
            }
            return _template = name;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    private static string ConnectionString(string server, string database) =>
        new NpgsqlConnectionStringBuilder(server) { Database = database, MaxPoolSize = 20 }.ToString();

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
