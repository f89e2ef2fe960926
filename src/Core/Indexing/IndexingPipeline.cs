using System.ComponentModel.DataAnnotations;
using System.Runtime.CompilerServices;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Diagnostics;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AnnuaireFiliere.Core.Indexing;

public sealed class IndexingOptions
{
    public const string Section = "Indexing";

    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>The longest wait between two looks at the task log when nothing signals a change.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Run the indexing loop in this process (embedded mode: the Web process).</summary>
    public bool RunInProcess { get; set; } = true;
}

/// <summary>What <see cref="IndexingPipeline.VerifyAsync"/> found, and repaired when asked.</summary>
public sealed record VerifyReport(int Published, long Indexed, IReadOnlyList<Guid> Missing, IReadOnlyList<Guid> Extra, IReadOnlyList<Guid> Stale, bool Repaired)
{
    public bool InSync => Missing.Count == 0 && Extra.Count == 0 && Stale.Count == 0;
}

/// <summary>
/// Moves changes from the task log to the search index: reads tasks after the index's cursor, keeps one per
/// company, loads the published projections, upserts or deletes them, and commits them with the new cursor.
/// A failed batch leaves the cursor where it was, so the same tasks are read again: nothing is skipped.
/// Its writes run one at a time: a caller (a test, a command) may catch up while the indexing loop runs, and what
/// was saved before <see cref="CatchUpAsync"/> started is indexed when it returns, never undone by a batch read earlier.
/// </summary>
public sealed partial class IndexingPipeline(
    IServiceScopeFactory scopes, ISearchIndex index, TaxonomyCatalog taxonomy, IOptions<IndexingOptions> options, IndexingMetrics metrics, ILogger<IndexingPipeline> logger) : IDisposable
{
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly Lock _waitersLock = new();
    private readonly List<(long Task, TaskCompletionSource Indexed)> _waiters = [];

    /// <summary>Indexes one batch; returns the number of tasks consumed (0 when the index is up to date).</summary>
    public Task<int> RunOnceAsync(CancellationToken cancellationToken = default) => OneAtATimeAsync(RunBatchAsync, cancellationToken);

    private async Task<int> RunBatchAsync(CancellationToken cancellationToken)
    {
        var state = await index.GetStateAsync(cancellationToken);
        if (!state.Initialized)
        {
            await RebuildIndexAsync(progress: null, cancellationToken);
            return 1;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tasks = await db.IndexingTasks.AsNoTracking()
            .Where(t => t.Id > state.Cursor)
            .OrderBy(t => t.Id)
            .Take(options.Value.BatchSize)
            .Select(t => new { t.Id, t.CompanyId, t.CreatedAt })
            .ToListAsync(cancellationToken);
        if (tasks.Count == 0)
        {
            metrics.CaughtUp();
            return 0;
        }
        metrics.Pending(tasks[0].CreatedAt);
        var ids = tasks.Select(t => t.CompanyId).Distinct().ToList();
        var published = await Published(db).Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        var documents = published.Select(c => c.ToDocument(taxonomy)).ToList();
        var deletes = ids.Except(published.Select(c => c.Id)).ToList();
        using (var activity = DirectoryTelemetry.Source.StartActivity("index.apply"))
        {
            activity?.SetTag("annuaire.index.upserts", documents.Count);
            activity?.SetTag("annuaire.index.deletes", deletes.Count);
            await index.ApplyAsync(documents, deletes, tasks[^1].Id, cancellationToken);
        }
        Committed(tasks[^1].Id);
        metrics.Written(documents.Count, deletes.Count);
        LogBatch(tasks.Count, documents.Count, deletes.Count, tasks[^1].Id);
        return tasks.Count;
    }

    /// <summary>Indexes until the task log is consumed.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken = default)
    {
        while (await RunOnceAsync(cancellationToken) > 0)
        {
        }
    }

    /// <summary>
    /// Rebuilds the index from the published companies. The cursor becomes the last task written before the
    /// rebuild started; tasks written meanwhile are applied afterwards (idempotent).
    /// </summary>
    public Task RebuildAsync(CancellationToken cancellationToken = default) => RebuildAsync(progress: null, cancellationToken);

    /// <inheritdoc cref="RebuildAsync(CancellationToken)"/>
    /// <param name="progress">Told how many companies were read into the new index so far.</param>
    public Task RebuildAsync(IProgress<int>? progress, CancellationToken cancellationToken = default) =>
        OneAtATimeAsync(async token => { await RebuildIndexAsync(progress, token); return 0; }, cancellationToken);

    private async Task RebuildIndexAsync(IProgress<int>? progress, CancellationToken cancellationToken)
    {
        long cursor;
        await using (var scope = scopes.CreateAsyncScope())
        {
            cursor = await scope.ServiceProvider.GetRequiredService<AppDbContext>().IndexingTasks.MaxAsync(t => (long?)t.Id, cancellationToken) ?? 0;
        }
        LogRebuilding(cursor);
        using var activity = DirectoryTelemetry.Source.StartActivity("index.rebuild");
        await index.RebuildAsync(Counted(AllPublished(cancellationToken), progress), cursor, cancellationToken);
        Committed(cursor);
    }

    /// <summary>
    /// Completes once the index holds every task up to <paramref name="task"/> (its cursor reached it), whoever
    /// indexes them in this process: for waiting on the indexing loop without running the pipeline oneself.
    /// </summary>
    public async Task IndexedThroughAsync(long task, CancellationToken cancellationToken = default)
    {
        var indexed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = (task, indexed);
        lock (_waitersLock)
        {
            _waiters.Add(waiter);
        }
        try
        {
            // Asked after registering, so that a commit in between is not missed.
            var state = await index.GetStateAsync(cancellationToken);
            if (!state.Initialized || state.Cursor < task)
            {
                await indexed.Task.WaitAsync(cancellationToken);
            }
        }
        finally
        {
            lock (_waitersLock)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    private void Committed(long cursor)
    {
        lock (_waitersLock)
        {
            foreach (var (task, indexed) in _waiters.Where(w => w.Task <= cursor))
            {
                indexed.TrySetResult();
            }
        }
    }

    /// <summary>Compares the published companies (ids and versions) with the index; repairs the differences when asked.</summary>
    public Task<VerifyReport> VerifyAsync(bool repair, CancellationToken cancellationToken = default) =>
        OneAtATimeAsync(token => CompareAsync(repair, token), cancellationToken);

    private async Task<VerifyReport> CompareAsync(bool repair, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var expected = await db.Companies.AsNoTracking()
            .Where(c => c.Status == PublicationStatus.Published)
            .Select(c => new { c.Id, c.Version })
            .ToDictionaryAsync(c => c.Id, c => c.Version, cancellationToken);
        var indexed = await index.ListVersionsAsync(cancellationToken);
        var missing = expected.Keys.Where(id => !indexed.ContainsKey(id)).ToList();
        var extra = indexed.Keys.Where(id => !expected.ContainsKey(id)).ToList();
        var stale = expected.Where(e => indexed.TryGetValue(e.Key, out var v) && v != e.Value).Select(e => e.Key).ToList();
        var repairing = repair && missing.Count + extra.Count + stale.Count > 0;
        if (repairing)
        {
            var cursor = (await index.GetStateAsync(cancellationToken)).Cursor;
            await index.ApplyAsync([], extra, cursor, cancellationToken);
            foreach (var chunk in missing.Concat(stale).Chunk(options.Value.BatchSize))
            {
                var companies = await Published(db).Where(c => chunk.Contains(c.Id)).ToListAsync(cancellationToken);
                await index.ApplyAsync([.. companies.Select(c => c.ToDocument(taxonomy))], [], cursor, cancellationToken);
            }
        }
        return new VerifyReport(expected.Count, indexed.Count, missing, extra, stale, Repaired: repairing);
    }

    /// <summary>Tasks not indexed yet, and when the oldest of them was written (null when there are none).</summary>
    public async Task<(int Pending, DateTime? Oldest)> BacklogAsync(CancellationToken cancellationToken = default)
    {
        var cursor = (await index.GetStateAsync(cancellationToken)).Cursor;
        await using var scope = scopes.CreateAsyncScope();
        var pending = scope.ServiceProvider.GetRequiredService<AppDbContext>().IndexingTasks.Where(t => t.Id > cursor);
        return (await pending.CountAsync(cancellationToken),
            await pending.OrderBy(t => t.Id).Select(t => (DateTime?)t.CreatedAt).FirstOrDefaultAsync(cancellationToken));
    }

    /// <summary>
    /// One read-then-write of the index at a time in this process: two batches run side by side could each read the
    /// task log, and the one that read first could commit last, putting back an older cursor and, for a company
    /// published again meanwhile, the delete it had read.
    /// </summary>
    private async Task<T> OneAtATimeAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            return await work(cancellationToken);
        }
        finally
        {
            _writing.Release();
        }
    }

    public void Dispose() => _writing.Dispose();

    private static async IAsyncEnumerable<CompanyDocument> Counted(IAsyncEnumerable<CompanyDocument> documents, IProgress<int>? progress)
    {
        var count = 0;
        await foreach (var document in documents)
        {
            yield return document;
            if (++count % 500 == 0)
            {
                progress?.Report(count);
            }
        }
        progress?.Report(count);
    }

    private static IQueryable<Company> Published(AppDbContext db) =>
        db.Companies.AsNoTracking().Include(c => c.SecondaryActivities).Where(c => c.Status == PublicationStatus.Published);

    private async IAsyncEnumerable<CompanyDocument> AllPublished([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // One streaming read (a WAL snapshot: writers are not blocked): memory stays flat, and SQLite plans and
        // sorts once instead of once per page.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await foreach (var company in Published(db).OrderBy(c => c.Id).AsSingleQuery().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return company.ToDocument(taxonomy);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Indexed {Tasks} task(s): {Upserts} upsert(s), {Deletes} delete(s), cursor {Cursor}")]
    private partial void LogBatch(int tasks, int upserts, int deletes, long cursor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilding the search index from the published companies (task cursor {Cursor})")]
    private partial void LogRebuilding(long cursor);
}
