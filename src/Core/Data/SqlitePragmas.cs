using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AnnuaireFiliere.Core.Data;

/// <summary>
/// Per-connection SQLite settings: write-ahead logging (readers never wait for the writer), NORMAL sync (durable
/// at each checkpoint, safe with WAL) and a busy timeout so that a second writer waits instead of failing.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
