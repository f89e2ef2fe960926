using System.Diagnostics.Metrics;
using AnnuaireFiliere.Core.Diagnostics;

namespace AnnuaireFiliere.Core.Indexing;

/// <summary>
/// The indexer's metrics: how far behind the index is (<c>annuaire.indexing.lag</c>, seconds since the oldest
/// change not indexed yet; 0 when up to date) and what it writes (<c>annuaire.indexing.documents</c>). The lag is
/// known without a query: the pipeline notes the oldest task of each batch it reads and clears it once caught up,
/// so a failing engine shows as a lag that grows.
/// </summary>
public sealed class IndexingMetrics
{
    private readonly TimeProvider _clock;
    private readonly Counter<long> _documents;
    private long _oldestPendingTicks;

    public IndexingMetrics(IMeterFactory meters, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _clock = clock;
        var meter = meters.Create(DirectoryTelemetry.Name);
        meter.CreateObservableGauge("annuaire.indexing.lag", () => LagSeconds, unit: "s", description: "Age of the oldest company change not indexed yet.");
        _documents = meter.CreateCounter<long>("annuaire.indexing.documents", unit: "{document}", description: "Documents written to or deleted from the search index.");
    }

    /// <summary>Seconds since the oldest change the index does not hold yet (0 when it holds them all).</summary>
    public double LagSeconds
    {
        get
        {
            var oldest = Interlocked.Read(ref _oldestPendingTicks);
            return oldest == 0 ? 0 : Math.Max(0, (_clock.GetUtcNow().UtcDateTime - new DateTime(oldest, DateTimeKind.Utc)).TotalSeconds);
        }
    }

    internal void Pending(DateTime oldestUtc) => Interlocked.CompareExchange(ref _oldestPendingTicks, oldestUtc.Ticks, 0);

    internal void CaughtUp() => Interlocked.Exchange(ref _oldestPendingTicks, 0);

    internal void Written(int upserts, int deletes)
    {
        _documents.Add(upserts, new KeyValuePair<string, object?>("operation", "upsert"));
        _documents.Add(deletes, new KeyValuePair<string, object?>("operation", "delete"));
    }
}
