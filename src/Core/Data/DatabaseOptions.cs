using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AnnuaireFiliere.Core.Data;

/// <summary>The database engines the directory runs on (docs/adr/0033).</summary>
public enum DatabaseProvider
{
    /// <summary>One SQLite file under the data folder: the embedded default, one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server shared by every node (<c>ConnectionStrings:Annuaire</c>).</summary>
    PostgreSql,
}

/// <summary>
/// Which database the directory uses: <c>Database:Provider</c> (<see cref="DatabaseProvider.Sqlite"/> by default) and,
/// for PostgreSQL, the connection string <c>ConnectionStrings:Annuaire</c>. Checked at start with a message that names
/// the setting.
/// </summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";
    public const string ConnectionStringName = "Annuaire";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The PostgreSQL connection string (read from <c>ConnectionStrings:Annuaire</c>); unused with SQLite.</summary>
    public string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider != DatabaseProvider.PostgreSql)
        {
            yield break;
        }
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Database:Provider is PostgreSql but ConnectionStrings:Annuaire is empty: set it, e.g. \"Host=db;Database=annuaire;Username=annuaire;Password=…\".",
                [nameof(ConnectionString)]);
            yield break;
        }
        string? problem = null;
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(ConnectionString);
            if (string.IsNullOrWhiteSpace(parsed.Host) || string.IsNullOrWhiteSpace(parsed.Database))
            {
                problem = "ConnectionStrings:Annuaire must name a Host and a Database.";
            }
        }
        catch (ArgumentException invalid)
        {
            problem = $"ConnectionStrings:Annuaire is not a valid PostgreSQL connection string: {invalid.Message}";
        }
        if (problem is not null)
        {
            yield return new ValidationResult(problem, [nameof(ConnectionString)]);
        }
    }

    /// <summary>Reads the options from configuration as the host binds them (for code that runs before the host is built).</summary>
    public static DatabaseOptions From(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new DatabaseOptions();
        Bind(configuration, options);
        return options;
    }

    internal static void Bind(Microsoft.Extensions.Configuration.IConfiguration configuration, DatabaseOptions options)
    {
        var section = configuration.GetSection(Section);
        if (section[nameof(Provider)] is { } provider)
        {
            options.Provider = Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new InvalidOperationException($"Database:Provider \"{provider}\" is not known: use Sqlite (the default) or PostgreSql.");
        }
        options.ConnectionString = Microsoft.Extensions.Configuration.ConfigurationExtensions.GetConnectionString(configuration, ConnectionStringName);
    }
}

/// <summary>
/// Builds the context for a provider: the SQLite model and migrations on <see cref="AppDbContext"/>, PostgreSQL's
/// on <see cref="PostgreSqlDbContext"/> (the same model, its own migration set). Shared by the hosts, the Indexer's
/// <c>migrate-data</c> and the tests.
/// </summary>
public static class AppDatabase
{
    /// <summary>The SQLite connection string of a database file (pooled).</summary>
    public static string SqliteConnectionString(string file) =>
        new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString();

    /// <summary>Points <paramref name="options"/> at the database: the provider, its migrations and its per-connection settings.</summary>
    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        return provider switch
        {
            DatabaseProvider.PostgreSql => options.UseNpgsql(connectionString).AddInterceptors(new PostgreSqlNulCharacters()),
            _ => options.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas()),
        };
    }

    /// <summary>A context on the database, outside dependency injection (commands, tests).</summary>
    public static AppDbContext Create(DatabaseProvider provider, string connectionString, TimeProvider clock, Action<DbContextOptionsBuilder>? configure = null)
    {
        if (provider == DatabaseProvider.PostgreSql)
        {
            var builder = new DbContextOptionsBuilder<PostgreSqlDbContext>();
            builder.Use(provider, connectionString);
            configure?.Invoke(builder);
            return new PostgreSqlDbContext(builder.Options, clock);
        }
        var sqlite = new DbContextOptionsBuilder<AppDbContext>();
        sqlite.Use(provider, connectionString);
        configure?.Invoke(sqlite);
        return new AppDbContext(sqlite.Options, clock);
    }

    /// <summary>The provider a context runs on.</summary>
    public static DatabaseProvider ProviderOf(this DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.IsNpgsql() ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite;
    }
}
