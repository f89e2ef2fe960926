using AnnuaireFiliere.Core.Search.Elasticsearch;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace AnnuaireFiliere.Search.Elasticsearch.Tests;

/// <summary>
/// A real Elasticsearch node for a fixture's indices: the cluster at <c>ELASTICSEARCH_URL</c> (with
/// <c>ELASTICSEARCH_USERNAME</c>/<c>ELASTICSEARCH_PASSWORD</c> if it needs them) or, where Docker runs, a
/// throw-away single-node container of the official image (<c>ELASTICSEARCH_IMAGE</c> to choose another tag).
/// With neither, <see cref="SkipReason"/> says why, printed once in the run's output, and the fixture's tests skip
/// with it. A derived fixture loads its own indices in <see cref="LoadAsync"/> and removes them in <see cref="UnloadAsync"/>.
/// </summary>
public abstract class ElasticsearchNodeFixture(Xunit.Sdk.IMessageSink diagnostics, string purpose) : IAsyncLifetime
{
    public const string DefaultImage = "docker.elastic.co/elasticsearch/elasticsearch:9.5.3";

    private IContainer? _container;

    public string? SkipReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var url = Environment.GetEnvironmentVariable("ELASTICSEARCH_URL");
        if (string.IsNullOrWhiteSpace(url))
        {
            if (DockerEndpoint() is not { } docker)
            {
                SkipReason = $"Elasticsearch {purpose} skipped: no ELASTICSEARCH_URL and no Docker engine (DOCKER_HOST unset, no docker.sock). "
                    + "Set ELASTICSEARCH_URL=http://localhost:9200 or run where Docker is available.";
                // Printed once in the run's output at its default verbosity (xunit.runner.json: diagnosticMessages).
                diagnostics.OnMessage(new Xunit.v3.DiagnosticMessage(SkipReason));
                return;
            }
            Console.WriteLine($"Elasticsearch {purpose}: starting {Image} through Docker at {docker}");
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
        var node = new Uri(url);
        await LoadAsync(prefix => new ElasticsearchOptions
        {
            Nodes = [node],
            Username = Environment.GetEnvironmentVariable("ELASTICSEARCH_USERNAME"),
            Password = Environment.GetEnvironmentVariable("ELASTICSEARCH_PASSWORD"),
            IndexPrefix = prefix,
            Replicas = 0,
            RequestTimeout = TimeSpan.FromSeconds(30),
        }, TestContext.Current.CancellationToken);
    }

    /// <summary>Creates the fixture's indices; <paramref name="options"/> gives the node's options for an index prefix.</summary>
    protected abstract Task LoadAsync(Func<string, ElasticsearchOptions> options, CancellationToken cancellationToken);

    /// <summary>Deletes what <see cref="LoadAsync"/> created (not called when the node was unavailable).</summary>
    protected abstract Task UnloadAsync();

    public async ValueTask DisposeAsync()
    {
        if (SkipReason is null)
        {
            await UnloadAsync();
        }
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
        GC.SuppressFinalize(this);
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
