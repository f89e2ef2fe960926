using AnnuaireFiliere.Core.Indexing;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Search.Elasticsearch;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Search.Conformance;
using Elastic.Clients.Elasticsearch;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnnuaireFiliere.Search.Elasticsearch.Tests;

/// <summary>
/// The writing side's contract on Elasticsearch's real classes against the in-memory cluster of
/// <see cref="StatefulCluster"/> (behind a loopback HTTP server): runs everywhere, without a node. The fake cluster
/// does not search, so what is written is checked through the versions and the state.
/// </summary>
public sealed class FakeClusterIndexContractTests : SearchIndexContractTests
{
    private readonly StatefulCluster _cluster = new();
    private LoopbackElasticsearch? _server;

    protected override string Engine => "Elasticsearch";

    protected override async Task<ISearchIndex> OpenAsync()
    {
        if (_server is null)
        {
            _server = await LoopbackElasticsearch.StartAsync();
            _server.Script = _cluster.Answer;
        }
        return Cluster.Index(_server.Url, new CapturingLogger<ElasticsearchIndex>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>The node and the options of the write-contract tests: each test gets an index prefix of its own.</summary>
public sealed class ElasticsearchWriteCluster(Xunit.Sdk.IMessageSink diagnostics) : ElasticsearchNodeFixture(diagnostics, "write contract")
{
    private readonly string _prefix = $"wc-{Guid.NewGuid():N}"[..11] + "-";
    private Func<string, ElasticsearchOptions>? _options;
    private int _tests;

    /// <summary>Options for a prefix no other test uses; null without a node.</summary>
    public ElasticsearchOptions? NewOptions() => _options?.Invoke($"{_prefix}{Interlocked.Increment(ref _tests)}-");

    protected override Task LoadAsync(Func<string, ElasticsearchOptions> options, CancellationToken cancellationToken)
    {
        _options = options;
        return Task.CompletedTask;
    }

    protected override async Task UnloadAsync()
    {
        if (NewOptions() is { } options)
        {
            await Cluster.DeleteIndicesAsync(new ElasticsearchClient(options.ClientSettings()), _prefix);
        }
    }
}

/// <summary>
/// The writing side's contract on a real Elasticsearch (the node: see <see cref="ElasticsearchNodeFixture"/>), with
/// searches. Without a node, every test is skipped with <see cref="ElasticsearchNodeFixture.SkipReason"/>.
/// </summary>
public sealed class ElasticsearchIndexContractTests(ElasticsearchWriteCluster cluster) : SearchIndexContractTests, IClassFixture<ElasticsearchWriteCluster>
{
    private ElasticsearchClient? _client;
    private ElasticsearchOptions? _options;
    private ElasticsearchCompanySearch? _search;

    protected override string Engine => "Elasticsearch";

    protected override ICompanySearch? Search => _search;

    protected override Task<ISearchIndex> OpenAsync()
    {
        if (_options is null)
        {
            _options = cluster.NewOptions();
            if (_options is null)
            {
                Assert.Skip(cluster.SkipReason ?? "Elasticsearch is not available.");
            }
            _client = new ElasticsearchClient(_options.ClientSettings());
        }
        var wrapped = Microsoft.Extensions.Options.Options.Create(_options);
        _search = new ElasticsearchCompanySearch(_client!, wrapped, TaxonomyCatalog.Default, SynonymCatalog.Default, Cluster.Expensive());
        return Task.FromResult<ISearchIndex>(new ElasticsearchIndex(_client!, wrapped, TimeProvider.System, NullLogger<ElasticsearchIndex>.Instance));
    }

    /// <summary>Writes are visible to searches after a refresh (about a second by default): the test asks for one.</summary>
    protected override async Task RefreshAsync() =>
        await _client!.Indices.RefreshAsync(new Elastic.Clients.Elasticsearch.IndexManagement.RefreshRequest(_options!.Alias), TestContext.Current.CancellationToken);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_client is not null && _options is not null)
        {
            await Cluster.DeleteIndicesAsync(_client, _options.IndexPrefix);
        }
    }
}
