using System.Globalization;
using AnnuaireFiliere.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AnnuaireFiliere.Indexer.Commands;

internal sealed class MigrateCommand : AsyncCommand<IndexerSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, IndexerSettings settings, CancellationToken cancellationToken)
    {
        using var host = settings.CreateHostBuilder().Build();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        IndexerCli.Say("green", CliText.Migrated, host.Services.GetRequiredService<DataPaths>().DatabaseFile);
        return ExitCodes.Success;
    }
}
