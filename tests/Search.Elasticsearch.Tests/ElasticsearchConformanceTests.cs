using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Search.Elasticsearch;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Search.Conformance;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnnuaireFiliere.Search.Elasticsearch.Tests;

/// <summary>
/// A real Elasticsearch holding the conformance companies: the cluster at <c>ELASTICSEARCH_URL</c> (with
/// <c>ELASTICSEARCH_USERNAME</c>/<c>ELASTICSEARCH_PASSWORD</c> if it needs them) or, where Docker runs, a
/// throw-away single-node container of the official image (<c>ELASTICSEARCH_IMAGE</c> to choose another tag).
/// With neither, <see cref="SkipReason"/> says why and every conformance test is skipped with that reason.
/// </summary>
public sealed class ElasticsearchConformanceCluster(Xunit.Sdk.IMessageSink diagnostics) : IAsyncLifetime
{
    public const string DefaultImage = "docker.elastic.co/elasticsearch/elasticsearch:9.5.3";

    private IContainer? _container;
    private ElasticsearchClient? _client;
    private ElasticsearchOptions? _options;

    public ICompanySearch? Search { get; private set; }
    public string? SkipReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var url = Environment.GetEnvironmentVariable("ELASTICSEARCH_URL");
        if (string.IsNullOrWhiteSpace(url))
        {
            if (DockerEndpoint() is not { } docker)
            {
                SkipReason = "Elasticsearch conformance skipped: no ELASTICSEARCH_URL and no Docker engine (DOCKER_HOST unset, no docker.sock). "
                    + "Set ELASTICSEARCH_URL=http://localhost:9200 or run where Docker is available.";
                // Printed once in the run's output at its default verbosity (xunit.runner.json: diagnosticMessages).
                diagnostics.OnMessage(new Xunit.v3.DiagnosticMessage(SkipReason));
                return;
            }
            Console.WriteLine($"Elasticsearch conformance: starting {Image} through Docker at {docker}");
            _container = new ContainerBuilder(Image)
                .WithPortBinding(9200, assignRandomHostPort: true)
                .WithEnvironment("discovery.type", "single-node")
                .WithEnvironment("xpack.security.enabled", "false")     // a throw-away local node
                .WithEnvironment("ingest.geoip.downloader.enabled", "false")
                .WithEnvironment("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
                .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request.ForPort(9200).ForPath("/_cluster/health?wait_for_status=yellow&timeout=60s")))
                .Build();
            await _container.StartAsync(TestContext.Current.CancellationToken);
            url = new UriBuilder(Uri.UriSchemeHttp, _container.Hostname, _container.GetMappedPublicPort(9200)).Uri.ToString();
        }
        _options = new ElasticsearchOptions
        {
            Nodes = [new Uri(url)],
            Username = Environment.GetEnvironmentVariable("ELASTICSEARCH_USERNAME"),
            Password = Environment.GetEnvironmentVariable("ELASTICSEARCH_PASSWORD"),
            IndexPrefix = $"conformance-{Guid.NewGuid():N}-",
            Replicas = 0,
            RequestTimeout = TimeSpan.FromSeconds(30),
        };
        _client = new ElasticsearchClient(_options.ClientSettings());
        var options = Microsoft.Extensions.Options.Options.Create(_options);
        var index = new ElasticsearchIndex(_client, options, TimeProvider.System, NullLogger<ElasticsearchIndex>.Instance);
        await index.RebuildAsync(ConformanceCompanies.Documents(TaxonomyCatalog.Default).ToAsyncEnumerable(), cursor: 0, TestContext.Current.CancellationToken);
        Search = new ElasticsearchCompanySearch(_client, options, TaxonomyCatalog.Default, SynonymCatalog.Default, new ElasticsearchExpensiveQueries(NullLogger<ElasticsearchExpensiveQueries>.Instance));
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null && _options is not null)
        {
            await Cluster.DeleteIndicesAsync(_client, _options.IndexPrefix);
        }
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    private static string Image => Environment.GetEnvironmentVariable("ELASTICSEARCH_IMAGE") is { Length: > 0 } image ? image : DefaultImage;

    /// <summary>
    /// Where a Docker engine would answer, found without connecting (a missing engine must not make tests hang):
    /// <c>DOCKER_HOST</c>, or a Docker socket file that exists.
    /// </summary>
    private static string? DockerEndpoint()
    {
        if (Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host)
        {
            return host;
        }
        string?[] sockets =
        [
            "/var/run/docker.sock",
            Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime ? Path.Combine(runtime, "docker.sock") : null,
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker", "run", "docker.sock"),
        ];
        return sockets.FirstOrDefault(File.Exists);
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
