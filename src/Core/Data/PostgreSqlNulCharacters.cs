using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace AnnuaireFiliere.Core.Data;

/// <summary>
/// PostgreSQL's text refuses the NUL character (SQLite keeps it): a form field, a pasted cell or a query string
/// carrying one would fail the save or the look-up with a server error. NUL means nothing in the directory's text, so
/// it is dropped from every value a command sends: a column's text, a list of texts, and a JSON document (contact,
/// service area), where it travels as the escape <c>\u0000</c>, which <c>jsonb</c> refuses as well.
/// </summary>
internal sealed partial class PostgreSqlNulCharacters : DbCommandInterceptor
{
    /// <summary>Called once per command EF runs (reader, non-query or scalar, sync or async), its parameters bound.</summary>
    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        Scrub(result);
        return result;
    }

    private static void Scrub(DbCommand command)
    {
        foreach (DbParameter parameter in command.Parameters)
        {
            var json = parameter is NpgsqlParameter { NpgsqlDbType: NpgsqlDbType.Jsonb or NpgsqlDbType.Json };
            switch (parameter.Value)
            {
                case string text when Carries(text, json):
                    parameter.Value = Without(text, json);
                    break;
                case string?[] texts when texts.Any(t => t is not null && Carries(t, json)):
                    parameter.Value = texts.Select(t => t is null ? null : Without(t, json)).ToArray();
                    break;
                case List<string?> texts when texts.Exists(t => t is not null && Carries(t, json)):
                    parameter.Value = texts.ConvertAll(t => t is null ? null : Without(t, json));
                    break;
            }
        }
    }

    private static bool Carries(string text, bool json) =>
        text.Contains('\0', StringComparison.Ordinal) || (json && text.Contains("\\u0000", StringComparison.OrdinalIgnoreCase));

    private static string Without(string text, bool json)
    {
        var plain = text.Replace("\0", string.Empty, StringComparison.Ordinal);
        // An escape is a backslash preceded by an even number of backslashes ("\\u0000" is a backslash, then "u0000").
        return json ? JsonNulEscape().Replace(plain, "$1") : plain;
    }

    [GeneratedRegex(@"(?<!\\)((?:\\\\)*)\\u0000", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JsonNulEscape();
}
