using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Demo;
using AnnuaireFiliere.Core.Indexing;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Search.Elasticsearch;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AnnuaireFiliere.Search.Elasticsearch.Tests;

/// <summary>
/// The real indexing pipeline (SQLite task log, services wired by <c>AddCompanySearch</c>/<c>AddIndexing</c> with
/// <c>Search:Provider=Elasticsearch</c>) against an in-memory cluster on loopback that fails when told to.
/// </summary>
public sealed class PipelineTests : IAsyncLifetime
{
    private const string Alias = FakeCluster.Alias;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "annuaire-es-tests", Guid.NewGuid().ToString("N"));
    private readonly StatefulCluster _cluster = new();
    private LoopbackElasticsearch _server = null!;
    private IHost _host = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private IndexingPipeline Pipeline => _host.Services.GetRequiredService<IndexingPipeline>();

    public async ValueTask InitializeAsync()
    {
        _server = await LoopbackElasticsearch.StartAsync();
        _server.Script = _cluster.Answer;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = _folder,
            ["Search:Provider"] = "Elasticsearch",
            ["Search:Elasticsearch:Nodes:0"] = _server.Url.ToString(),
            ["Search:Elasticsearch:MaxRetries"] = "2",
            ["Search:Elasticsearch:RetryDelay"] = "00:00:00.010",
            ["Indexing:RunInProcess"] = "false",
            ["Indexing:BatchSize"] = "25",
        });
        builder.Logging.ClearProviders();
        builder.AddAppDatabase();
        builder.AddDemoData();
        builder.AddCompanySearch();
        builder.AddIndexing();
        _host = builder.Build();
        await using var scope = _host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(Cancel);
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(60, 2014, cancellationToken: Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        await _server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<(Dictionary<string, long> Published, long LastTask)> DatabaseAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var published = await db.Companies.Where(c => c.Status == PublicationStatus.Published).ToDictionaryAsync(c => c.Id.ToString("D"), c => (long)c.Version, Cancel);
        return (published, await db.IndexingTasks.MaxAsync(t => t.Id, Cancel));
    }

    [Fact]
    public void Elasticsearch_is_the_engine_the_configuration_chose()
    {
        Assert.IsType<ElasticsearchIndex>(_host.Services.GetRequiredService<ISearchIndex>());
        Assert.NotNull(_host.Services.GetService<ElasticsearchCompanySearch>());   // behind the instrumented contract
        Assert.Null(_host.Services.GetService<Core.Search.Lucene.LuceneIndex>());
    }

    [Fact]
    public async Task Readiness_reads_the_health_of_this_sites_index_not_of_the_cluster()
    {
        var health = _host.Services.GetRequiredService<HealthCheckService>();

        var before = await health.CheckHealthAsync(check => check.Name == "elasticsearch", Cancel);
        await Pipeline.CatchUpAsync(Cancel);
        var after = await health.CheckHealthAsync(check => check.Name == "elasticsearch", Cancel);

        Assert.Equal(HealthStatus.Degraded, before.Status);   // no index built yet
        Assert.Equal(HealthStatus.Healthy, after.Status);
        Assert.All(_server.To("GET", "/_cluster/health"), r => Assert.StartsWith($"/_cluster/health/{Alias}?", r.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_first_run_builds_the_index_then_follows_the_task_log()
    {
        await Pipeline.CatchUpAsync(Cancel);

        var (published, lastTask) = await DatabaseAsync();
        Assert.Equal(published, _cluster.Documents(Alias));
        Assert.Equal(lastTask, _cluster.Cursor(Alias));
        Assert.True((await Pipeline.VerifyAsync(repair: false, Cancel)).InSync);
    }

    [Fact]
    public async Task Nothing_is_lost_while_the_cluster_fails_and_the_cursor_waits()
    {
        _cluster.Seed(Alias, FakeCluster.LiveIndex, cursor: 0, new Dictionary<string, long>());
        _cluster.Fault = r => r.Path.Contains("/_bulk", StringComparison.Ordinal) ? new Answer(503, """{"error":{"type":"cluster_block_exception","reason":"no master"},"status":503}""") : null;

        await Assert.ThrowsAsync<SearchUnavailableException>(() => Pipeline.RunOnceAsync(Cancel));
        Assert.Equal(0, _cluster.Cursor(Alias));
        Assert.True((await Pipeline.BacklogAsync(Cancel)).Pending > 0);   // the tasks wait for the cluster

        _cluster.Fault = _ => null;   // the cluster is back
        await Pipeline.CatchUpAsync(Cancel);

        var (published, lastTask) = await DatabaseAsync();
        Assert.Equal(published, _cluster.Documents(Alias));
        Assert.Equal(lastTask, _cluster.Cursor(Alias));
    }

    [Fact]
    public async Task A_crash_between_the_documents_and_the_cursor_replays_the_batch_harmlessly()
    {
        _cluster.Seed(Alias, FakeCluster.LiveIndex, cursor: 0, new Dictionary<string, long>());
        // The documents are written, then the process dies before the cursor is (every cursor write fails).
        _cluster.Fault = r => FakeCluster.CursorWritten(r) is not null ? new Answer(503, """{"error":{"type":"process_died","reason":"gone"},"status":503}""") : null;
        await Assert.ThrowsAsync<SearchUnavailableException>(() => Pipeline.RunOnceAsync(Cancel));
        Assert.Equal(25, _cluster.Documents(Alias).Count);
        Assert.Equal(0, _cluster.Cursor(Alias));

        _cluster.Fault = _ => null;
        await Pipeline.CatchUpAsync(Cancel);

        var (published, lastTask) = await DatabaseAsync();
        Assert.Equal(published, _cluster.Documents(Alias));     // the replayed batch wrote the same versions again
        Assert.Equal(lastTask, _cluster.Cursor(Alias));
    }

    [Fact]
    public async Task Unpublishing_deletes_and_verify_repairs_what_drifted()
    {
        await Pipeline.CatchUpAsync(Cancel);
        Guid unpublished;
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var company = await db.Companies.FirstAsync(c => c.Status == PublicationStatus.Published, Cancel);
            company.Status = PublicationStatus.Archived;
            await db.SaveChangesAsync(Cancel);
            unpublished = company.Id;
        }
        await Pipeline.CatchUpAsync(Cancel);
        Assert.DoesNotContain(unpublished.ToString("D"), _cluster.Documents(Alias).Keys);

        var (published, _) = await DatabaseAsync();
        var lost = published.Keys.First();
        _cluster.Remove(Alias, lost);   // behind the indexer's back
        var report = await Pipeline.VerifyAsync(repair: false, Cancel);
        Assert.Equal([Guid.Parse(lost)], report.Missing);

        Assert.True((await Pipeline.VerifyAsync(repair: true, Cancel)).Repaired);
        Assert.True((await Pipeline.VerifyAsync(repair: false, Cancel)).InSync);
    }
}
