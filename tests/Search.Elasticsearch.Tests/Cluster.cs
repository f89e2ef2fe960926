using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Search.Elasticsearch;
using AnnuaireFiliere.Core.Taxonomy;
using Elastic.Clients.Elasticsearch;
using Microsoft.Extensions.Options;

namespace AnnuaireFiliere.Search.Elasticsearch.Tests;

/// <summary>The engine's real classes, configured as in production, against a given node URL.</summary>
internal static class Cluster
{
    public static ElasticsearchOptions Options(Uri node, int bulkSize = 1_000) => new()
    {
        Nodes = [node],
        BulkSize = bulkSize,
        MaxRetries = 3,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    public static ElasticsearchClient Client(Uri node) => new(Options(node).ClientSettings());

    public static ElasticsearchIndex Index(Uri node, CapturingLogger<ElasticsearchIndex> logger, int bulkSize = 1_000, ISynonymSource? synonyms = null) =>
        new(Client(node), Microsoft.Extensions.Options.Options.Create(Options(node, bulkSize)), TimeProvider.System, logger, synonyms);

    public static ElasticsearchHealthCheck HealthCheck(Uri node, ElasticsearchExpensiveQueries? expensive = null) =>
        new(Client(node), Microsoft.Extensions.Options.Options.Create(Options(node)), expensive ?? Expensive());

    public static ElasticsearchCompanySearch Search(Uri node, ElasticsearchExpensiveQueries? expensive = null) =>
        new(Client(node), Microsoft.Extensions.Options.Options.Create(Options(node)), TaxonomyCatalog.Default, SynonymCatalog.Default, expensive ?? Expensive());

    /// <summary>
    /// Removes the indices of a prefix (a test's throw-away ones), by name: a cluster refuses to delete by wildcard
    /// (<c>action.destructive_requires_name</c>, true by default since 8.0).
    /// </summary>
    public static async Task DeleteIndicesAsync(ElasticsearchClient client, string prefix)
    {
        ArgumentNullException.ThrowIfNull(client);
        var indices = await client.Indices.GetAsync(new Elastic.Clients.Elasticsearch.IndexManagement.GetIndexRequest((Indices)$"{prefix}*")
        {
            Features = [Elastic.Clients.Elasticsearch.IndexManagement.Feature.Aliases],
        }, CancellationToken.None);
        if (indices.IsValidResponse && indices.Indices.Count > 0)
        {
            await client.Indices.DeleteAsync(new Elastic.Clients.Elasticsearch.IndexManagement.DeleteIndexRequest((Indices)string.Join(",", indices.Indices.Keys)), CancellationToken.None);
        }
    }

    /// <summary>What the engine knows of the cluster's refusal of expensive queries: nothing yet.</summary>
    public static ElasticsearchExpensiveQueries Expensive(Microsoft.Extensions.Logging.ILogger<ElasticsearchExpensiveQueries>? logger = null) =>
        new(logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<ElasticsearchExpensiveQueries>.Instance);
}
