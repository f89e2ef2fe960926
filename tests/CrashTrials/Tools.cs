using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace AnnuaireFiliere.CrashTrials;

/// <summary>The checks' tools: the real Indexer run to its end, direct SQL on a data folder, folder copies.</summary>
internal static class Tools
{
    /// <summary>How long any command run to its end may take before the trial counts it as hung.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    public sealed record Result(int ExitCode, string Output, double Milliseconds);

    /// <summary>Runs <c>Indexer &lt;args&gt;</c> to its end (bounded by <see cref="CommandTimeout"/>).</summary>
    public static async Task<Result> IndexerAsync(CancellationToken cancellationToken, params string[] args)
    {
        var started = Stopwatch.GetTimestamp();
        using var process = Victim.Start(Builds.IndexerDll, args);
        var exit = await process.WaitAsync(CommandTimeout, cancellationToken);
        return new Result(exit, process.Output, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public static string Database(string data) => Path.Combine(data, "annuaire.db");

    /// <summary>A fresh connection (no pool: nothing stays open between a check and the next process).</summary>
    public static SqliteConnection Open(string data)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database(data), Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary><c>PRAGMA integrity_check</c>: "ok", or what SQLite found.</summary>
    public static string IntegrityCheck(string data)
    {
        using var connection = Open(data);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }
        return string.Join("; ", lines);
    }

    public static long Scalar(string data, string sql)
    {
        using var connection = Open(data);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static List<T> Rows<T>(string data, string sql, Func<SqliteDataReader, T> read)
    {
        using var connection = Open(data);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    public static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    public static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // a leftover in the temporary folder is harmless
        }
        catch (UnauthorizedAccessException)
        {
            // idem
        }
    }
}
