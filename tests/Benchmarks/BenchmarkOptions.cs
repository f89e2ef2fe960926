using System.Globalization;

namespace AnnuaireFiliere.Benchmarks;

internal sealed record BenchmarkOptions(IReadOnlyDictionary<string, string> Values)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }
        return new BenchmarkOptions(values);
    }

    public int Int(string name, int fallback) =>
        Values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}

internal static class Stats
{
    /// <summary>Nearest-rank percentile of a sample (p in 0..100).</summary>
    public static double Percentile(IReadOnlyList<double> sample, double p)
    {
        if (sample.Count == 0)
        {
            return double.NaN;
        }
        var sorted = sample.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyList<double> sample) => Percentile(sample, 50);
}

/// <summary>
/// The database a benchmark runs on: the data folder's SQLite file by default, or with <c>--postgres "Host=…;Username=…"</c>
/// (an account that may create databases) a new PostgreSQL database, dropped at the end.
/// </summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly string? _admin;
    private readonly string? _name;

    private BenchmarkDatabase(string? admin, string? name, Dictionary<string, string?> settings) => (_admin, _name, Settings) = (admin, name, settings);

    /// <summary>The settings that point a host at this database (none on SQLite).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    public string Description => _name is null ? "SQLite (the data folder's file)" : $"PostgreSQL ({_name})";

    public static async Task<BenchmarkDatabase> CreateAsync(BenchmarkOptions options)
    {
        if (!options.Values.TryGetValue("postgres", out var admin))
        {
            return new BenchmarkDatabase(null, null, []);
        }
        var name = "bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new Npgsql.NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var database = new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        return new BenchmarkDatabase(admin, name, new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Annuaire"] = database,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_admin is null)
        {
            return;
        }
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var connection = new Npgsql.NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
