using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Indexing;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console.Cli;

namespace AnnuaireFiliere.Indexer.Commands;

internal sealed class RunSettings : IndexerSettings
{
    [CommandOption("--health-urls <URLS>")]
    [LocalizedDescription(nameof(CliText.HealthUrlsOption))]
    public string? HealthUrls { get; init; }
}

/// <summary>
/// The standalone indexer: the indexing loop of <see cref="IndexingService"/> in a generic host, with a small
/// Kestrel endpoint for health. SIGTERM (or Ctrl+C) stops the host: a batch in flight is rolled back or not
/// acknowledged, so its tasks stay after the cursor and the next start replays them.
/// </summary>
internal sealed class RunCommand : AsyncCommand<RunSettings>
{
    public const string DefaultHealthUrls = "http://0.0.0.0:8081";

    public override Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken) =>
        SearchIndexHost.GuardAsync(async () =>
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                ContentRootPath = Directory.GetCurrentDirectory(),
                ApplicationName = "AnnuaireFiliere.Indexer",
            });
            settings.Configure(builder, runIndexing: true);
            builder.AddDirectoryDefaults();
            var urls = settings.HealthUrls ?? builder.Configuration["Indexer:HealthUrls"] ?? DefaultHealthUrls;
            builder.WebHost.UseUrls(urls);
            await using var app = builder.Build();
            await using (var scope = app.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
            }
            // Open the index now: an index another process writes is refused before anything starts.
            var index = app.Services.GetRequiredService<ISearchIndex>();
            app.MapDirectoryHealth();

            IndexerCli.Say("green", CliText.Running, await SearchIndexHost.DescribeAsync(index, cancellationToken), urls);
            // Start and wait rather than RunAsync, which disposes the services before the final state is read.
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(CancellationToken.None);

            IndexerCli.Say("green", CliText.Stopped, await FinalStateAsync(index, app.Services.GetRequiredService<IndexingPipeline>()));
            return ExitCodes.Success;
        });

    /// <summary>Where the index stands at the stop; a cluster that does not answer any more does not make the stop fail.</summary>
    private static async Task<object[]> FinalStateAsync(ISearchIndex index, IndexingPipeline pipeline)
    {
        try
        {
            var state = await index.GetStateAsync(CancellationToken.None);
            var (pending, _) = await pipeline.BacklogAsync(CancellationToken.None);
            return [state.Cursor, pending];
        }
        catch (SearchUnavailableException)
        {
            return ["?", "?"];
        }
    }
}
