using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Statistics;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli;

namespace AnnuaireFiliere.Indexer.Commands;

internal sealed class SnapshotSettings : IndexerSettings
{
    [CommandOption("--label <TEXT>")]
    [LocalizedDescription(nameof(CliText.LabelOption))]
    public string? Label { get; init; }
}

/// <summary>Takes a statistics snapshot now (an "on demand" one, e.g. before a study), beside the monthly ones.</summary>
internal sealed class SnapshotCommand : AsyncCommand<SnapshotSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SnapshotSettings settings, CancellationToken cancellationToken)
    {
        using var host = settings.CreateHostBuilder().Build();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        var taken = await scope.ServiceProvider.GetRequiredService<SnapshotStore>().TakeAsync(SnapshotKind.OnDemand, "indexer", settings.Label, cancellationToken);
        IndexerCli.Say("green", CliText.SnapshotTaken, taken.Id.ToString("N"), taken.Companies, taken.Published);
        return ExitCodes.Success;
    }
}
