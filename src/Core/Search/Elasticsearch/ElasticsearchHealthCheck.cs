using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Cluster;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AnnuaireFiliere.Core.Search.Elasticsearch;

/// <summary>The cluster's own state: green is healthy, yellow (a replica missing) degraded, red or no answer unhealthy.</summary>
internal sealed class ElasticsearchHealthCheck(ElasticsearchClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        HealthResponse health;
        try
        {
            health = ElasticsearchCalls.Ensure(await client.Cluster.HealthAsync(new HealthRequest(), cancellationToken), "GET _cluster/health");
        }
        catch (ElasticsearchRequestException failed)
        {
            return HealthCheckResult.Unhealthy("Elasticsearch ne répond pas.", failed);
        }
        var data = new Dictionary<string, object>
        {
            ["cluster"] = health.ClusterName,
            ["status"] = health.Status.ToString(),
            ["nodes"] = health.NumberOfNodes,
            ["unassignedShards"] = health.UnassignedShards,
        };
        return health.Status switch
        {
            Elastic.Clients.Elasticsearch.HealthStatus.Green => HealthCheckResult.Healthy($"Elasticsearch {health.ClusterName} : vert.", data),
            Elastic.Clients.Elasticsearch.HealthStatus.Yellow => HealthCheckResult.Degraded($"Elasticsearch {health.ClusterName} : jaune (réplicas non alloués).", data: data),
            _ => HealthCheckResult.Unhealthy($"Elasticsearch {health.ClusterName} : rouge.", data: data),
        };
    }
}
