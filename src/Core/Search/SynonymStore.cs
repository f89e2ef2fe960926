using System.Data.Common;
using System.Diagnostics;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Indexing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AnnuaireFiliere.Core.Search;

/// <summary>
/// The synonym rules the engines apply: a <see cref="SynonymCatalog"/> built from the enabled rules of the database,
/// kept in memory. A save in this process reloads it at once (<see cref="ReloadAsync"/>); a save in another process
/// (the Indexer, another web node) is seen within <see cref="RecheckInterval"/>: at most that often, a search that
/// reads <see cref="Current"/> starts, in the background, a look at a version stamp (one aggregate query) and a
/// reload when it changed. No search ever waits for the database, except the very first one of the process.
/// </summary>
public sealed partial class SynonymStore(IServiceScopeFactory scopes, ILogger<SynonymStore> logger) : ISynonymSource, IDisposable
{
    /// <summary>One load at a time, so that an older read never replaces a newer one.</summary>
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Loaded? _loaded;
    private long _checkedAt;
    private int _checking;

    /// <summary>How soon a change saved by another process is applied here.</summary>
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    public SynonymCatalog Current
    {
        get
        {
            var loaded = _loaded ?? LoadFirst();
            if (Stopwatch.GetElapsedTime(Interlocked.Read(ref _checkedAt)) >= RecheckInterval && Interlocked.CompareExchange(ref _checking, 1, 0) == 0)
            {
                _ = Task.Run(CheckAsync);
            }
            return loaded.Catalog;
        }
    }

    /// <summary>Reads the rules again now (after a save, or to see another process's change without waiting).</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var stamp = await StampAsync(db, cancellationToken);
            var lines = await db.SynonymRules.AsNoTracking().Where(r => r.Enabled).OrderBy(r => r.Id).Select(r => r.Line).ToListAsync(cancellationToken);
            Set(new Loaded(SynonymCatalog.FromLines(lines), stamp));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Whether the index was built with other rules of several words than today's (<see cref="SynonymCatalog.IndexStamp"/>):
    /// until it is rebuilt, companies are found by those rules as they were at its last rebuild.
    /// </summary>
    public async Task<bool> NeedsRebuildAsync(ISearchIndex index, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        var state = await index.GetStateAsync(cancellationToken);
        return state.Initialized && state.BuiltWithSynonyms != Current.IndexStamp;
    }

    /// <summary>
    /// The first read waits for the database (SQLite answers in a millisecond). A database that cannot answer (not
    /// migrated yet) gives the rules of <c>Search/synonyms.txt</c> until the next look.
    /// </summary>
    private Loaded LoadFirst()
    {
        _gate.Wait();
        try
        {
            if (_loaded is { } done)
            {
                return done;
            }
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var stamp = StampAsync(db, CancellationToken.None).GetAwaiter().GetResult();
                var lines = db.SynonymRules.AsNoTracking().Where(r => r.Enabled).OrderBy(r => r.Id).Select(r => r.Line).ToList();
                return Set(new Loaded(SynonymCatalog.FromLines(lines), stamp));
            }
            catch (Exception failed) when (failed is DbException or InvalidOperationException)
            {
                LogFallback(failed);
                return Set(new Loaded(SynonymCatalog.Default, Stamp: null));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private Loaded Set(Loaded loaded)
    {
        _loaded = loaded;
        Interlocked.Exchange(ref _checkedAt, Stopwatch.GetTimestamp());
        LogLoaded(loaded.Catalog.GroupCount, loaded.Stamp ?? "synonyms.txt");
        return loaded;
    }

    /// <summary>Reloads the rules if their version stamp changed (what a search starts in the background).</summary>
    public async Task<bool> CheckForChangesAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var stamp = await StampAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), cancellationToken);
        Interlocked.Exchange(ref _checkedAt, Stopwatch.GetTimestamp());
        if (stamp == _loaded?.Stamp)
        {
            return false;
        }
        await ReloadAsync(cancellationToken);
        return true;
    }

    private async Task CheckAsync()
    {
        try
        {
            await CheckForChangesAsync();
        }
        catch (Exception failed) when (failed is DbException or InvalidOperationException)
        {
            // The rules in memory stay; the next search after the interval looks again.
            Interlocked.Exchange(ref _checkedAt, Stopwatch.GetTimestamp());
            LogCheckFailed(failed);
        }
        finally
        {
            Volatile.Write(ref _checking, 0);
        }
    }

    /// <summary>Changes with every change of a rule (each appends a history row) and with the first import.</summary>
    public static Task<string> StampAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        DatabaseStamps.ScalarTextAsync(db, "SELECT CAST((SELECT COUNT(*) FROM \"SynonymRules\") AS TEXT) || '/' || CAST((SELECT COALESCE(MAX(\"Id\"), 0) FROM \"SynonymRuleChanges\") AS TEXT)", cancellationToken);

    private sealed record Loaded(SynonymCatalog Catalog, string? Stamp);

    [LoggerMessage(Level = LogLevel.Information, Message = "Synonyms: {Count} rules loaded (version {Stamp})")]
    private partial void LogLoaded(int count, string stamp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Synonyms: the rules could not be read from the database; the rules of Search/synonyms.txt apply until the next look")]
    private partial void LogFallback(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Synonyms: could not look for changes of the rules; the rules in memory stay")]
    private partial void LogCheckFailed(Exception exception);
}
