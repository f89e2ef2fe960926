using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AnnuaireFiliere.Core.Indexing;

/// <summary>Where a rebuild started from a page stands: companies read into the new index out of how many.</summary>
public sealed record RebuildProgress(DateTime StartedAt, int Total, int Done, DateTime? FinishedAt = null, bool Failed = false)
{
    public bool Running => FinishedAt is null;
}

/// <summary>
/// A full rebuild of the search index (<see cref="IndexingPipeline.RebuildAsync(IProgress{int}?, CancellationToken)"/>)
/// started from a page and run in the background of this process, one at a time, with its progress in memory for the
/// page to show (a restart forgets it; the rebuild itself is then abandoned, and searches keep the previous index).
/// </summary>
public sealed partial class IndexRebuild(
    IndexingPipeline pipeline, IServiceScopeFactory scopes, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<IndexRebuild> logger)
{
    private readonly Lock _gate = new();
    private RebuildProgress? _progress;
    private Task _running = Task.CompletedTask;

    /// <summary>The running or last rebuild of this process, or null.</summary>
    public RebuildProgress? Progress => Volatile.Read(ref _progress);

    /// <summary>Completes when the running rebuild (if any) has finished, whether it succeeded or not.</summary>
    public Task Completion
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>Starts a rebuild unless one is running; false when one was already running.</summary>
    public async Task<bool> StartAsync(CancellationToken cancellationToken = default)
    {
        if (Progress is { Running: true })
        {
            return false;
        }
        int total;
        await using (var scope = scopes.CreateAsyncScope())
        {
            total = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Companies.CountAsync(c => c.Status == PublicationStatus.Published, cancellationToken);
        }
        lock (_gate)
        {
            if (_progress is { Running: true })
            {
                return false;
            }
            _progress = new RebuildProgress(clock.GetUtcNow().UtcDateTime, total, 0);
            // Not the request's token: the rebuild outlives the request that started it, and stops with the process.
            _running = Task.Run(RunAsync, CancellationToken.None);
            return true;
        }
    }

    private async Task RunAsync()
    {
        var started = Progress!;
        LogStarted(started.Total);
        try
        {
            await pipeline.RebuildAsync(new Reporter(this), lifetime.ApplicationStopping);
            Volatile.Write(ref _progress, Progress! with { FinishedAt = clock.GetUtcNow().UtcDateTime });
            LogFinished(Progress!.Done);
        }
        catch (Exception failed)
        {
            Volatile.Write(ref _progress, Progress! with { FinishedAt = clock.GetUtcNow().UtcDateTime, Failed = true });
            LogFailed(failed);
        }
    }

    /// <summary>Updates the progress as soon as told (<see cref="Progress{T}"/> would post it later, elsewhere).</summary>
    private sealed class Reporter(IndexRebuild owner) : IProgress<int>
    {
        public void Report(int value)
        {
            var current = owner.Progress!;
            Volatile.Write(ref owner._progress, current with { Done = value, Total = Math.Max(current.Total, value) });
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilding the search index on request ({Total} published companies)")]
    private partial void LogStarted(int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "The search index rebuilt on request is live ({Done} companies)")]
    private partial void LogFinished(int done);

    [LoggerMessage(Level = LogLevel.Error, Message = "The search index rebuild requested failed; searches go on with the previous index")]
    private partial void LogFailed(Exception exception);
}
