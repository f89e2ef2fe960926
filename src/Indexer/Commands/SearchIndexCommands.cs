using System.ComponentModel;
using System.Diagnostics;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Indexing;
using AnnuaireFiliere.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AnnuaireFiliere.Indexer.Commands;

/// <summary>Shared start of the commands that open the search index: the database first, then the index.</summary>
internal static class SearchIndexHost
{
    /// <summary>Runs <paramref name="work"/> with the services; a locked index is refused with a clear message.</summary>
    public static async Task<int> RunAsync(IndexerSettings settings, Func<IServiceProvider, Task<int>> work, CancellationToken cancellationToken)
    {
        using var host = settings.CreateHostBuilder().Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        }
        return await GuardAsync(() => work(host.Services));
    }

    /// <summary>
    /// The refusals and outages every index command reports the same way: an index another process writes
    /// (exit code 3), a search engine that cannot answer now (exit code 5).
    /// </summary>
    public static async Task<int> GuardAsync(Func<Task<int>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await work();
        }
        catch (IndexLockedException locked)
        {
            IndexerCli.Say("yellow", CliText.Refused, locked.Message);
            return ExitCodes.Refused;
        }
        catch (SearchUnavailableException unavailable)
        {
            IndexerCli.Say("red", CliText.Unavailable, unavailable.Message);
            return ExitCodes.Unavailable;
        }
    }

    /// <summary>Which engine and where, for people reading the output.</summary>
    public static Task<string> DescribeAsync(ISearchIndex index, CancellationToken cancellationToken) => index.DescribeAsync(cancellationToken);
}

internal sealed class ReindexCommand : AsyncCommand<IndexerSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, IndexerSettings settings, CancellationToken cancellationToken) =>
        SearchIndexHost.RunAsync(settings, async services =>
        {
            var stopwatch = Stopwatch.StartNew();
            int published;
            await using (var scope = services.CreateAsyncScope())
            {
                published = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Companies.CountAsync(c => c.Status == PublicationStatus.Published, cancellationToken);
            }
            var pipeline = services.GetRequiredService<IndexingPipeline>();
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask(CliText.Reindexing, maxValue: Math.Max(1, published));
                    await pipeline.RebuildAsync(new Progress<int>(done => task.Value = done), cancellationToken);
                    task.Value = task.MaxValue;
                });
            await pipeline.CatchUpAsync(cancellationToken);
            var state = await services.GetRequiredService<ISearchIndex>().GetStateAsync(cancellationToken);
            IndexerCli.Say("green", CliText.Reindexed, state.Documents, stopwatch.Elapsed.TotalSeconds, state.Documents / Math.Max(0.001, stopwatch.Elapsed.TotalSeconds));
            return ExitCodes.Success;
        }, cancellationToken);
}

internal sealed class VerifySettings : IndexerSettings
{
    [CommandOption("--repair")]
    [LocalizedDescription(nameof(CliText.RepairOption))]
    public bool Repair { get; init; }
}

internal sealed class VerifyCommand : AsyncCommand<VerifySettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, VerifySettings settings, CancellationToken cancellationToken) =>
        SearchIndexHost.RunAsync(settings, async services =>
        {
            var pipeline = services.GetRequiredService<IndexingPipeline>();
            await pipeline.CatchUpAsync(cancellationToken);
            var report = await pipeline.VerifyAsync(settings.Repair, cancellationToken);
            var table = new Table().AddColumns(CliText.VerifyColumnWhat, CliText.VerifyColumnCount);
            table.AddRow(CliText.VerifyPublished, report.Published.ToString("N0", System.Globalization.CultureInfo.CurrentCulture));
            table.AddRow(CliText.VerifyIndexed, report.Indexed.ToString("N0", System.Globalization.CultureInfo.CurrentCulture));
            table.AddRow(CliText.VerifyMissing, report.Missing.Count.ToString(System.Globalization.CultureInfo.CurrentCulture));
            table.AddRow(CliText.VerifyExtra, report.Extra.Count.ToString(System.Globalization.CultureInfo.CurrentCulture));
            table.AddRow(CliText.VerifyStale, report.Stale.Count.ToString(System.Globalization.CultureInfo.CurrentCulture));
            AnsiConsole.Write(table);
            if (report.InSync)
            {
                IndexerCli.Say("green", CliText.VerifyInSync);
                return ExitCodes.Success;
            }
            IndexerCli.Say(report.Repaired ? "green" : "yellow", report.Repaired ? CliText.VerifyRepaired : CliText.VerifyDifferences);
            return report.Repaired ? ExitCodes.Success : ExitCodes.Differences;
        }, cancellationToken);
}

internal sealed class StatusCommand : AsyncCommand<IndexerSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, IndexerSettings settings, CancellationToken cancellationToken) =>
        SearchIndexHost.RunAsync(settings, async services =>
        {
            var state = await services.GetRequiredService<ISearchIndex>().GetStateAsync(cancellationToken);
            var (pending, oldest) = await services.GetRequiredService<IndexingPipeline>().BacklogAsync(cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var published = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Companies.CountAsync(c => c.Status == PublicationStatus.Published, cancellationToken);
            var lag = oldest is null ? TimeSpan.Zero : services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime - oldest.Value;
            var culture = System.Globalization.CultureInfo.CurrentCulture;
            var table = new Table().AddColumns(CliText.VerifyColumnWhat, CliText.VerifyColumnCount);
            table.AddRow(CliText.StatusEngine, Markup.Escape(await SearchIndexHost.DescribeAsync(services.GetRequiredService<ISearchIndex>(), cancellationToken)));
            table.AddRow(CliText.StatusCursor, state.Cursor.ToString("N0", culture));
            table.AddRow(CliText.StatusPending, pending.ToString("N0", culture));
            table.AddRow(CliText.StatusLag, lag.TotalSeconds.ToString("N0", culture));
            table.AddRow(CliText.VerifyIndexed, state.Documents.ToString("N0", culture));
            table.AddRow(CliText.VerifyPublished, published.ToString("N0", culture));
            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }, cancellationToken);
}
