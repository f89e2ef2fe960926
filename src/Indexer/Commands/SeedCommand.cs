using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Demo;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AnnuaireFiliere.Indexer.Commands;

internal sealed class SeedSettings : IndexerSettings
{
    [CommandOption("-n|--count <COUNT>")]
    [LocalizedDescription(nameof(CliText.CountOption))]
    [DefaultValue(600)]
    public int Count { get; init; } = 600;

    [CommandOption("--seed <SEED>")]
    [LocalizedDescription(nameof(CliText.SeedOption))]
    [DefaultValue(2014)]
    public int Seed { get; init; } = 2014;

    [CommandOption("--batch-size <SIZE>")]
    [LocalizedDescription(nameof(CliText.BatchSizeOption))]
    [DefaultValue(DemoSeeder.DefaultBatchSize)]
    public int BatchSize { get; init; } = DemoSeeder.DefaultBatchSize;

    public override ValidationResult Validate() =>
        Count is < 1 or > 10_000_000 ? ValidationResult.Error(CliText.CountInvalid)
        : BatchSize is < 1 or > 100_000 ? ValidationResult.Error(CliText.BatchSizeInvalid)
        : ValidationResult.Success();
}

internal sealed class SeedCommand : AsyncCommand<SeedSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SeedSettings settings, CancellationToken cancellationToken)
    {
        using var host = settings.CreateHostBuilder().Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        }
        var seeder = host.Services.GetRequiredService<DemoSeeder>();
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask(CliText.Seeding, maxValue: settings.Count);
                    await seeder.SeedAsync(settings.Count, settings.Seed, new Progress<int>(written => task.Value = written), settings.BatchSize, cancellationToken);
                    task.Value = settings.Count;
                });
        }
        catch (DatabaseNotEmptyException refused)
        {
            IndexerCli.Say("yellow", CliText.Refused, refused.Message);
            return ExitCodes.Refused;
        }
        var seconds = stopwatch.Elapsed.TotalSeconds;
        IndexerCli.Say("green", CliText.Seeded, settings.Count, seconds, settings.Count / seconds);
        return ExitCodes.Success;
    }
}
