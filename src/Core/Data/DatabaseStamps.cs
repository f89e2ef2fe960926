using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Data;

/// <summary>Cheap "has anything changed?" stamps: one scalar query, read as text, on the context's own connection.</summary>
internal static class DatabaseStamps
{
    /// <summary>Runs <paramref name="sql"/> (one scalar) and returns it as invariant text; opens and closes the connection only if it was closed.</summary>
    public static async Task<string> ScalarTextAsync(AppDbContext db, string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }
        try
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }
}
