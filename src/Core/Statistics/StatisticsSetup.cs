using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Indexing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AnnuaireFiliere.Core.Statistics;

public static class StatisticsSetup
{
    /// <summary>
    /// Statistics and their snapshots; the monthly snapshot runs where indexing runs (the Web in embedded mode, the
    /// Indexer's <c>run</c> with Elasticsearch), or as <c>Statistics:MonthlySnapshots</c> says.
    /// </summary>
    public static IHostApplicationBuilder AddStatistics(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<CompanyFactsSource>();
        builder.Services.AddScoped<StatisticsService>();
        builder.Services.AddScoped<SnapshotStore>();
        builder.Services.AddHostedService<FactsWarmUp>();
        var indexingHere = builder.Configuration.GetValue($"{IndexingOptions.Section}:{nameof(IndexingOptions.RunInProcess)}", defaultValue: true);
        if (builder.Configuration.GetValue("Statistics:MonthlySnapshots", defaultValue: indexingHere))
        {
            builder.Services.AddHostedService<MonthlySnapshotService>();
        }
        return builder;
    }
}

/// <summary>Reads the facts once at start, so that the first visitor of the statistics does not wait for it.</summary>
internal sealed class FactsWarmUp(CompanyFactsSource facts) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await facts.CurrentAsync(stoppingToken);
        }
        catch (Exception failed) when (failed is not OperationCanceledException)
        {
            // The first statistics request will try again (and report the error).
        }
    }
}

/// <summary>
/// Takes the month's snapshot once a month (the first check of a month in New Caledonia's time takes it; checks
/// run at start and every hour). On a farm, a check runs only on the node holding the job's lease (docs/adr/0035),
/// and it looks for the month's snapshot first: one snapshot a month, however many nodes check.
/// </summary>
public sealed partial class MonthlySnapshotService(IServiceScopeFactory scopes, JobLeases leases, TimeProvider clock, ILogger<MonthlySnapshotService> logger) : BackgroundService
{
    public static readonly TimeZoneInfo Noumea = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Noumea");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception failed) when (failed is not OperationCanceledException)
            {
                LogFailed(logger, failed);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>What each check does: <see cref="TakeIfDueAsync"/> if this node holds the job's lease; false when another node holds it.</summary>
    public Task<bool> TickAsync(CancellationToken cancellationToken) =>
        leases.RunIfHeldAsync(nameof(MonthlySnapshotService), TakeIfDueAsync, cancellationToken);

    /// <summary>Takes this month's snapshot unless it exists; true when it took one.</summary>
    public async Task<bool> TakeIfDueAsync(CancellationToken cancellationToken)
    {
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Noumea);
        var monthStart = new DateTimeOffset(local.Year, local.Month, 1, 0, 0, 0, local.Offset).UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<SnapshotStore>();
        if (await store.HasMonthlySinceAsync(monthStart, cancellationToken))
        {
            return false;
        }
        var taken = await store.TakeAsync(SnapshotKind.Monthly, takenBy: null, label: null, cancellationToken);
        LogTaken(logger, taken.Companies);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Monthly statistics snapshot taken ({Companies} companies)")]
    private static partial void LogTaken(ILogger logger, int companies);

    [LoggerMessage(Level = LogLevel.Error, Message = "The monthly statistics snapshot failed; next try in an hour")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
