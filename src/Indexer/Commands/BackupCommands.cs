using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Indexing;
using AnnuaireFiliere.Core.Search;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli;

namespace AnnuaireFiliere.Indexer.Commands;

internal sealed class BackupSettings : IndexerSettings
{
    [CommandArgument(0, "<FILE>")]
    [LocalizedDescription(nameof(CliText.BackupFileArgument))]
    public string File { get; init; } = string.Empty;
}

/// <summary>A consistent copy of the database and the logos in one archive, while the site keeps running.</summary>
internal sealed class BackupCommand : AsyncCommand<BackupSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BackupSettings settings, CancellationToken cancellationToken)
    {
        using var host = settings.CreateHostBuilder().Build();
        if (OnPostgres(host))
        {
            return ExitCodes.Refused;
        }
        var paths = host.Services.GetRequiredService<DataPaths>();
        if (!System.IO.File.Exists(paths.DatabaseFile))
        {
            IndexerCli.Say("red", CliText.BackupNoDatabase, paths.DatabaseFile);
            return ExitCodes.InvalidArguments;
        }
        var summary = await host.Services.GetRequiredService<Backups>().CreateAsync(settings.File, cancellationToken);
        IndexerCli.Say("green", CliText.BackupTaken, summary.Archive, summary.DatabaseBytes / 1024, summary.Logos);
        return ExitCodes.Success;
    }

    /// <summary>Backups and restores are the embedded site's: on PostgreSQL they are pg_dump's and pg_restore's (it says so).</summary>
    internal static bool OnPostgres(Microsoft.Extensions.Hosting.IHost host)
    {
        if (DatabaseOptions.From(host.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()).Provider != DatabaseProvider.PostgreSql)
        {
            return false;
        }
        IndexerCli.Say("yellow", CliText.BackupOnPostgres);
        return true;
    }
}

/// <summary>
/// Replaces the database and the logos with an archive's, then migrates the database and rebuilds the search index.
/// Refused while the site (or the Indexer) writes the index of this data folder: the index is opened, and so locked,
/// before anything is replaced.
/// </summary>
internal sealed class RestoreCommand : AsyncCommand<BackupSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BackupSettings settings, CancellationToken cancellationToken)
    {
        using var host = settings.CreateHostBuilder().Build();
        if (BackupCommand.OnPostgres(host))
        {
            return ExitCodes.Refused;
        }
        return await SearchIndexHost.GuardAsync(async () =>
        {
            // Opening the index first: an embedded index that another process writes refuses here (exit code 3).
            _ = host.Services.GetRequiredService<ISearchIndex>();
            BackupSummary summary;
            try
            {
                summary = await host.Services.GetRequiredService<Backups>().RestoreAsync(settings.File, cancellationToken);
            }
            catch (BackupException refused)
            {
                IndexerCli.Say("red", CliText.RestoreRefused, refused.Message);
                return ExitCodes.InvalidArguments;
            }
            await using (var scope = host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
            }
            var pipeline = host.Services.GetRequiredService<IndexingPipeline>();
            await pipeline.RebuildAsync(progress: null, cancellationToken);
            await pipeline.CatchUpAsync(cancellationToken);
            var state = await host.Services.GetRequiredService<ISearchIndex>().GetStateAsync(cancellationToken);
            IndexerCli.Say("green", CliText.Restored, summary.Archive, summary.Logos, state.Documents);
            return ExitCodes.Success;
        });
    }
}
