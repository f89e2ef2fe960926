using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Search.Elasticsearch;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Search.Conformance;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnnuaireFiliere.Search.Elasticsearch.Tests;

/// <summary>
/// A real Elasticsearch holding the conformance companies (the node: see <see cref="ElasticsearchNodeFixture"/>).
/// Without a node, every conformance test is skipped with <see cref="ElasticsearchNodeFixture.SkipReason"/>.
/// </summary>
public sealed class ElasticsearchConformanceCluster(Xunit.Sdk.IMessageSink diagnostics) : ElasticsearchNodeFixture(diagnostics, "conformance")
{
    private ElasticsearchClient? _client;
    private ElasticsearchOptions? _options;

    public ICompanySearch? Search { get; private set; }

    protected override async Task LoadAsync(Func<string, ElasticsearchOptions> options, CancellationToken cancellationToken)
    {
        _options = options($"conformance-{Guid.NewGuid():N}-");
        _client = new ElasticsearchClient(_options.ClientSettings());
        var wrapped = Microsoft.Extensions.Options.Options.Create(_options);
        var index = new ElasticsearchIndex(_client, wrapped, TimeProvider.System, NullLogger<ElasticsearchIndex>.Instance);
        await index.RebuildAsync(ConformanceCompanies.Documents(TaxonomyCatalog.Default).ToAsyncEnumerable(), cursor: 0, cancellationToken);
        Search = new ElasticsearchCompanySearch(_client, wrapped, TaxonomyCatalog.Default, SynonymCatalog.Default, new ElasticsearchExpensiveQueries(NullLogger<ElasticsearchExpensiveQueries>.Instance));
    }

    protected override async Task UnloadAsync()
    {
        if (_client is not null && _options is not null)
        {
            await Cluster.DeleteIndicesAsync(_client, _options.IndexPrefix);
        }
    }
}

/// <summary>The search contract's conformance suite, on Elasticsearch.</summary>
public sealed class ElasticsearchConformanceTests(ElasticsearchConformanceCluster cluster) : SearchConformanceTests, IClassFixture<ElasticsearchConformanceCluster>
{
    protected override ICompanySearch Search
    {
        get
        {
            if (cluster.Search is null)
            {
                Assert.Skip(cluster.SkipReason ?? "Elasticsearch is not available.");
            }
            return cluster.Search;
        }
    }
}
