using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;

namespace AnnuaireFiliere.Indexer.Tests;

/// <summary>Direct SQL on a data folder's database, behind the Indexer's back, and a free loopback port.</summary>
internal static class DataFolder
{
    public static long Scalar(string data, string sql)
    {
        using var command = Open(data).CreateCommand();
        command.CommandText = sql;
        var value = (long)command.ExecuteScalar()!;
        command.Connection!.Dispose();
        return value;
    }

    public static int Execute(string data, string sql)
    {
        using var command = Open(data).CreateCommand();
        command.CommandText = sql;
        var changed = command.ExecuteNonQuery();
        command.Connection!.Dispose();
        return changed;
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

    private static SqliteConnection Open(string data)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(data, "annuaire.db")};Pooling=False");
        connection.Open();
        return connection;
    }
}
