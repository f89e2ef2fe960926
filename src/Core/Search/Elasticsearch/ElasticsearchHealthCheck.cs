using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Cluster;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ClusterHealth = Elastic.Clients.Elasticsearch.HealthStatus;

namespace AnnuaireFiliere.Core.Search.Elasticsearch;

/// <summary>
/// The state of this site's index (the alias), not of the whole cluster: on a shared cluster, another site's yellow
/// index is not ours. Green is healthy, yellow (a replica missing) or no index yet degraded, red or no answer unhealthy.
/// </summary>
internal sealed class ElasticsearchHealthCheck(ElasticsearchClient client, IOptions<ElasticsearchOptions> options, ElasticsearchExpensiveQueries expensive)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var alias = options.Value.Alias;
        HealthResponse health;
        try
        {
            // timeout=0s: answer at once. For a name that does not exist the cluster would otherwise wait 30 s for it.
            var request = new HealthRequest(alias) { Timeout = new Duration("0s") };
            health = ElasticsearchCalls.Ensure(await client.Cluster.HealthAsync(request, cancellationToken), $"GET _cluster/health/{alias}");
        }
        catch (ElasticsearchRequestException failed)
        {
            return HealthCheckResult.Unhealthy("Elasticsearch ne répond pas.", failed);
        }
        var data = new Dictionary<string, object>
        {
            ["cluster"] = health.ClusterName,
            ["index"] = alias,
            ["status"] = health.Status.ToString(),
            ["nodes"] = health.NumberOfNodes,
            ["unassignedShards"] = health.UnassignedShards,
        };
        if (health.TimedOut)
        {
            // With no condition to wait for, only a missing alias leaves the request unfulfilled (reported red). The
            // cluster answers: degraded, as the search check says while the Indexer builds the first index (the site
            // must stay "ready enough" for compose to start the Indexer after it).
            return HealthCheckResult.Degraded($"Elasticsearch {health.ClusterName} : l'index {alias} n'existe pas encore.", data: data);
        }
        var state = health.Status switch
        {
            ClusterHealth.Green => HealthCheckResult.Healthy($"Elasticsearch {health.ClusterName}, {alias} : vert.", data),
            ClusterHealth.Yellow => HealthCheckResult.Degraded($"Elasticsearch {health.ClusterName}, {alias} : jaune (réplicas non alloués).", data: data),
            _ => HealthCheckResult.Unhealthy($"Elasticsearch {health.ClusterName}, {alias} : rouge.", data: data),
        };
        if (expensive.Allowed)
        {
            return state;
        }
        data["expensiveQueries"] = "refused";
        var notice = $"{state.Description} Recherche sans tolérance aux fautes de frappe ni préfixes : le cluster refuse les requêtes coûteuses ({ElasticsearchExpensiveQueries.Setting}: false).";
        return state.Status == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy ? HealthCheckResult.Unhealthy(notice, data: data) : HealthCheckResult.Degraded(notice, data: data);
    }
}
