using AnnuaireFiliere.Core.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AnnuaireFiliere.Core.Indexing;

/// <summary>
/// Ready when the search index is built and the indexer keeps up: not ready (unhealthy, 503) until the first
/// index is complete or when the index cannot be read, degraded when tasks wait longer than a minute. With a Lucene
/// replica per node, each node answers for its own: its data names the node, its cursor, the tasks it has not
/// indexed yet and how long the oldest of them has waited.
/// </summary>
internal sealed class SearchIndexHealthCheck(ISearchIndex index, IndexingPipeline pipeline, IOptions<NodeOptions> node, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan MaxLag = TimeSpan.FromMinutes(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = await index.GetStateAsync(cancellationToken);
        if (!state.Initialized)
        {
            return HealthCheckResult.Unhealthy("Index de recherche en cours de construction.");
        }
        var (pending, oldest) = await pipeline.BacklogAsync(cancellationToken);
        var lag = oldest is null ? TimeSpan.Zero : clock.GetUtcNow().UtcDateTime - oldest.Value;
        var data = new Dictionary<string, object>
        {
            ["node"] = node.Value.CurrentName,
            ["documents"] = state.Documents,
            ["cursor"] = state.Cursor,
            ["pendingTasks"] = pending,
            ["lagSeconds"] = Math.Round(Math.Max(0, lag.TotalSeconds)),
        };
        return lag > MaxLag
            ? HealthCheckResult.Degraded($"L'indexation a {lag.TotalSeconds:0} s de retard.", data: data)
            : HealthCheckResult.Healthy($"{state.Documents} documents indexés.", data);
    }
}
