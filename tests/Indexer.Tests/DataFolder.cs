using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using AnnuaireFiliere.Core.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AnnuaireFiliere.Indexer.Tests;

/// <summary>
/// A data folder's database behind the Indexer's back (direct SQL), the settings that point the Indexer at it, and a
/// free loopback port. When the tests run on PostgreSQL (<see cref="TestPostgres"/>), each folder has a database of
/// its own on that server, created empty on first use (the Indexer migrates it) and dropped by <see cref="Delete"/>.
/// </summary>
internal static partial class DataFolder
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Databases = new(StringComparer.Ordinal);

    /// <summary>The environment that points the Indexer at <paramref name="data"/>'s database (none on SQLite: the folder says it).</summary>
    public static IReadOnlyDictionary<string, string> Environment(string data) => TestPostgres.Active
        ? new Dictionary<string, string>
        {
            ["Database__Provider"] = nameof(DatabaseProvider.PostgreSql),
            ["ConnectionStrings__Annuaire"] = Database(data),
        }
        : new Dictionary<string, string>();

    /// <summary>One value from SQL written with the tables' and columns' names as they are (quoted for PostgreSQL here).</summary>
    /// <param name="embedded">The folder's SQLite file even when the tests run on PostgreSQL (a site being moved).</param>
    public static long Scalar(string data, string sql, bool embedded = false)
    {
        using var connection = Open(data, embedded);
        using var command = connection.CreateCommand();
        command.CommandText = embedded ? sql : Portable(sql);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static int Execute(string data, string sql)
    {
        using var connection = Open(data);
        using var command = connection.CreateCommand();
        command.CommandText = Portable(sql);
        return command.ExecuteNonQuery();
    }

    /// <summary>Removes the folder and, on PostgreSQL, its database.</summary>
    public static void Delete(string data)
    {
        if (Databases.TryRemove(data, out _))
        {
            TestPostgres.ReleaseAsync(data).GetAwaiter().GetResult();
        }
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>A port nothing listens on (free when asked).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string Database(string data) => Databases.GetOrAdd(data, key => TestPostgres.Acquire(key, migrated: false));

    private static DbConnection Open(string data, bool embedded = false)
    {
        DbConnection connection = TestPostgres.Active && !embedded
            ? new NpgsqlConnection(Database(data))
            : new SqliteConnection($"Data Source={Path.Combine(data, "annuaire.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    /// <summary>
    /// The tests' SQL names tables and columns in PascalCase without quotes (SQLite ignores case); PostgreSQL folds
    /// unquoted names to lower case, so they are quoted there. Keywords are upper case, aliases lower case and string
    /// literals left alone.
    /// </summary>
    private static string Portable(string sql) => TestPostgres.Active
        ? Literal().Split(sql).Select((part, i) => part.StartsWith('\'') ? part : Name().Replace(part, "\"$0\"")).Aggregate(string.Concat)
        : sql;

    [GeneratedRegex("('(?:[^']|'')*')")]
    private static partial Regex Literal();

    [GeneratedRegex(@"\b[A-Z][a-z]\w*\b")]
    private static partial Regex Name();
}
