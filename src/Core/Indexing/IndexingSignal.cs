using AnnuaireFiliere.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AnnuaireFiliere.Core.Indexing;

/// <summary>Wakes the indexing loop as soon as a change wrote to the task log, instead of waiting for a poll.</summary>
public sealed class IndexingSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        if (_semaphore.CurrentCount == 0)
        {
            try
            {
                _semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: one wake-up is enough.
            }
        }
    }

    /// <summary>Returns when signalled or after <paramref name="timeout"/>.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _semaphore.Dispose();
}

/// <summary>Signals after a successful save that wrote indexing tasks.</summary>
internal sealed class IndexingSignalInterceptor(IndexingSignal signal) : SaveChangesInterceptor
{
    private bool _tasksWritten;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Signal();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Signal();
        return ValueTask.FromResult(result);
    }

    private void Remember(DbContext? context) =>
        _tasksWritten = context is AppDbContext db && db.ChangeTracker.Entries<IndexingTask>().Any(e => e.State == EntityState.Added);

    private void Signal()
    {
        if (_tasksWritten)
        {
            _tasksWritten = false;
            signal.Notify();
        }
    }
}
