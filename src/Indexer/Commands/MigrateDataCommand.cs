using System.Globalization;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Data.Files;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AnnuaireFiliere.Indexer.Commands;

internal sealed class MigrateDataSettings : CommandSettings
{
    [CommandOption("--from <SOURCE>")]
    [LocalizedDescription(nameof(CliText.MigrateDataFromOption))]
    public string From { get; init; } = string.Empty;

    [CommandOption("--to <TARGET>")]
    [LocalizedDescription(nameof(CliText.MigrateDataToOption))]
    public string To { get; init; } = string.Empty;

    public override ValidationResult Validate() =>
        Address.TryParse(From, out _) is null
            ? ValidationResult.Error(Format(CliText.MigrateDataBadAddress, "--from", From))
            : Address.TryParse(To, out _) is null
                ? ValidationResult.Error(Format(CliText.MigrateDataBadAddress, "--to", To))
                : ValidationResult.Success();

    private static string Format(string template, params object[] values) => string.Format(CultureInfo.CurrentCulture, template, values);
}

/// <summary>A database named on the command line: <c>sqlite:&lt;file or data folder&gt;</c> or <c>postgres:&lt;connection string&gt;</c>.</summary>
internal static class Address
{
    public static DatabaseProvider? TryParse(string text, out string connectionString)
    {
        connectionString = string.Empty;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            return null;
        }
        var (scheme, rest) = (text[..colon].ToLowerInvariant(), text[(colon + 1)..]);
        switch (scheme)
        {
            case "sqlite":
                var file = Directory.Exists(rest) ? Path.Combine(rest, new StorageOptions().DatabaseFile) : rest;
                connectionString = AppDatabase.SqliteConnectionString(Path.GetFullPath(file));
                return DatabaseProvider.Sqlite;
            case "postgres" or "postgresql":
                connectionString = rest;
                return DatabaseProvider.PostgreSql;
            default:
                return null;
        }
    }
}

/// <summary>
/// Copies an embedded site's database into another, PostgreSQL usually (<see cref="DatabaseCopy"/>): the target is
/// migrated, each table copied in one transaction, and the row counts of both sides shown side by side. Run again,
/// it copies nothing and shows the counts again.
/// </summary>
internal sealed class MigrateDataCommand : AsyncCommand<MigrateDataSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, MigrateDataSettings settings, CancellationToken cancellationToken)
    {
        var fromProvider = Address.TryParse(settings.From, out var fromConnection)!.Value;
        var toProvider = Address.TryParse(settings.To, out var toConnection)!.Value;
        if (fromProvider == DatabaseProvider.Sqlite && !File.Exists(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(fromConnection).DataSource))
        {
            IndexerCli.Say("red", CliText.MigrateDataNoSource, settings.From);
            return ExitCodes.InvalidArguments;
        }
        if (string.Equals(fromConnection, toConnection, StringComparison.Ordinal))
        {
            IndexerCli.Say("red", CliText.MigrateDataSame);
            return ExitCodes.InvalidArguments;
        }

        var table = new Table().AddColumns(CliText.MigrateDataColumns.Split('|'));
        IReadOnlyList<TableCopy> tables;
        try
        {
            await using var source = AppDatabase.Create(fromProvider, fromConnection, TimeProvider.System);
            await using var target = AppDatabase.Create(toProvider, toConnection, TimeProvider.System);
            // Into PostgreSQL the stored files go by content, with the data folder's images (CopyFilesAsync).
            var byContent = toProvider == DatabaseProvider.PostgreSql ? new HashSet<Type> { typeof(StoredFile) } : null;
            tables = await new DatabaseCopy(source, target, byContent).RunAsync(new Shown(), cancellationToken);
        }
        catch (DatabaseCopyException refused)
        {
            IndexerCli.Say("red", CliText.MigrateDataRefused, refused.Message);
            return ExitCodes.Refused;
        }

        foreach (var row in tables)
        {
            table.AddRow(Markup.Escape(row.Table), Count(row.Source), Count(row.Target), Count(row.Copied), row.Equal ? "[green]=[/]" : "[red]≠[/]");
        }
        AnsiConsole.Write(table);
        var different = tables.Where(t => !t.Equal).Select(t => t.Table).ToList();
        if (different.Count > 0)
        {
            IndexerCli.Say("red", CliText.MigrateDataDiffers, string.Join(", ", different));
            return ExitCodes.Differences;
        }
        if (fromProvider == DatabaseProvider.Sqlite && toProvider == DatabaseProvider.PostgreSql)
        {
            IndexerCli.Say("green", CliText.MigrateDataImages, await CopyFilesAsync(fromConnection, toConnection, cancellationToken));
        }
        IndexerCli.Say("green", CliText.MigrateDataDone, tables.Count, tables.Sum(t => t.Copied), tables.Sum(t => t.Target));
        return ExitCodes.Success;
    }

    /// <summary>
    /// The files into the PostgreSQL database's file store (<c>Storage:Files=Database</c>, the default there): those the
    /// source database holds, and the logos and réalisations' images of the embedded site's data folder (beside its
    /// database file). By content: a file already there with the same hash is skipped, so a second run copies nothing.
    /// The open-data extracts of the folder are not copied: a node writes today's.
    /// </summary>
    private static async Task<int> CopyFilesAsync(string fromConnection, string toConnection, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(fromConnection).DataSource)!;
        await using var sources = new ServiceCollection().AddScoped(_ => AppDatabase.Create(DatabaseProvider.Sqlite, fromConnection, TimeProvider.System)).BuildServiceProvider();
        await using var targets = new ServiceCollection().AddScoped(_ => AppDatabase.Create(DatabaseProvider.PostgreSql, toConnection, TimeProvider.System)).BuildServiceProvider();
        var target = new DatabaseFileStore(targets.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System);
        var stored = new DatabaseFileStore(sources.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System);
        return await FileStoreCopy.CopyAsync(stored, target, [.. FileStoreCopy.ImageBuckets, "donnees/"], cancellationToken)
            + await FileStoreCopy.CopyAsync(new FileSystemFileStore(folder), target, FileStoreCopy.ImageBuckets, cancellationToken);
    }

    /// <summary>Says each table as soon as it is copied (on the copying thread, in order).</summary>
    private sealed class Shown : IProgress<TableCopy>
    {
        public void Report(TableCopy value)
        {
            if (value.Copied > 0)
            {
                IndexerCli.Say("grey", CliText.MigrateDataTable, value.Table, value.Copied);
            }
        }
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.CurrentCulture);
}
