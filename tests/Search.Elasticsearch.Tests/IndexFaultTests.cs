using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Search.Elasticsearch;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Search.Conformance;
using Microsoft.Extensions.Logging;

namespace AnnuaireFiliere.Search.Elasticsearch.Tests;

/// <summary>
/// Writes against a loopback server that fails the way a cluster does: 429, 503, unreadable answers, refused
/// connections, refused items. Retries happen, the cursor never moves past what was not acknowledged, and the
/// logs say what happened.
/// </summary>
public sealed class IndexFaultTests : IAsyncLifetime
{
    private static readonly IReadOnlyList<CompanyDocument> Documents = [.. ConformanceCompanies.Documents(TaxonomyCatalog.Default).Take(3)];
    private readonly CapturingLogger<ElasticsearchIndex> _logs = new();
    private LoopbackElasticsearch _server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await LoopbackElasticsearch.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private IReadOnlyList<ReceivedRequest> Bulks => _server.To("POST", "/_bulk");

    private IReadOnlyList<long> CursorsWritten => [.. _server.Received.Select(FakeCluster.CursorWritten).OfType<long>()];

    /// <summary>A healthy cluster, except for the bulk requests, answered by <paramref name="bulk"/> (n = 1, 2, … for each try).</summary>
    private void Script(Func<int, ReceivedRequest, Answer> bulk)
    {
        var tries = 0;
        _server.Script = request => request switch
        {
            { Method: "POST" } when request.Path.Contains("/_bulk", StringComparison.Ordinal) => bulk(Interlocked.Increment(ref tries), request),
            { Method: "PUT" } when request.Path.Contains("/_mapping", StringComparison.Ordinal) => FakeCluster.Acknowledged,
            _ => new Answer(404, """{"error":{"type":"index_not_found_exception","reason":"no such index"},"status":404}"""),
        };
    }

    [Fact]
    public async Task A_429_is_retried_and_the_cursor_is_written_after_the_acknowledged_batch()
    {
        Script((n, request) => n == 1
            ? new Answer(429, """{"error":{"type":"es_rejected_execution_exception","reason":"rejected execution"},"status":429}""")
            : FakeCluster.Bulk(request.Body));
        var index = Cluster.Index(_server.Url, _logs);

        await index.ApplyAsync(Documents, [], cursor: 42, Cancel);

        Assert.Equal(2, Bulks.Count);
        Assert.Equal(Bulks[0].Body, Bulks[1].Body);   // the same batch again
        Assert.Equal([42L], CursorsWritten);
        var lastBulk = _server.Received.ToList().FindLastIndex(r => r.Path.Contains("/_bulk", StringComparison.Ordinal));
        Assert.True(_server.Received.ToList().FindIndex(r => FakeCluster.CursorWritten(r) is not null) > lastBulk);
        Assert.Contains(_logs.At(LogLevel.Warning), m => m.Contains("retry 1 of 3", StringComparison.Ordinal) && m.Contains("429", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bulk_requests_use_external_versions_and_no_refresh()
    {
        Script((_, request) => FakeCluster.Bulk(request.Body));
        await Cluster.Index(_server.Url, _logs).ApplyAsync(Documents, [Guid.Parse("00000000-0000-7000-8000-0000000000ff")], cursor: 7, Cancel);

        var bulk = Assert.Single(Bulks);
        Assert.DoesNotContain("refresh", bulk.Path, StringComparison.Ordinal);
        var actions = FakeCluster.Actions(bulk.Body);
        Assert.Equal([.. Documents.Select(d => d.Id.ToString("D")), "00000000-0000-7000-8000-0000000000ff"], actions.Select(a => a.Id));
        Assert.Equal(["index", "index", "index", "delete"], actions.Select(a => a.Operation));
        Assert.Contains($"\"version\":{Documents[0].Version}", bulk.Body, StringComparison.Ordinal);
        Assert.Contains("\"version_type\":\"external_gte\"", bulk.Body, StringComparison.Ordinal);
        Golden.MatchLines("bulk", bulk.Body);
        Golden.Match("cursor", Assert.Single(_server.To("PUT", "/_mapping")).Body);
    }

    [Fact]
    public async Task Writes_through_the_alias_require_it_to_be_an_alias()
    {
        Script((_, request) => FakeCluster.Bulk(request.Body));

        await Cluster.Index(_server.Url, _logs).ApplyAsync(Documents, [], cursor: 7, Cancel);

        // Without require_alias, a bulk to a missing alias creates an index of that name with dynamic mappings.
        Assert.Contains("require_alias=true", Assert.Single(Bulks).Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_company_the_index_never_held_is_not_a_failure()
    {
        // A draft saved then archived was never indexed: Elasticsearch answers 404 "not_found" for the item, no error.
        var absent = "00000000-0000-7000-8000-0000000000fe";
        Script((_, _) => Answer.Json($$$"""
            {"took":2,"errors":false,"items":[{"delete":{"_index":"{{{FakeCluster.LiveIndex}}}","_id":"{{{absent}}}","_version":1,"result":"not_found",
            "_shards":{"total":1,"successful":1,"failed":0},"_seq_no":4,"_primary_term":1,"status":404}}]}
            """.ReplaceLineEndings(string.Empty)));

        await Cluster.Index(_server.Url, _logs).ApplyAsync([], [Guid.Parse(absent)], cursor: 8, Cancel);

        Assert.Single(Bulks);
        Assert.Equal([8L], CursorsWritten);
        Assert.Empty(_logs.At(LogLevel.Warning));
    }

    [Fact]
    public async Task A_delete_through_a_missing_alias_fails_the_batch_and_leaves_the_cursor()
    {
        // require_alias only applies to index, create and update: a delete through a missing alias is refused item
        // by item with index_not_found_exception (also a 404), which is not "already gone" but a missing index.
        Script((_, _) => Answer.Json(CannedResponses.Text("bulk-delete-missing-index")));

        var failed = await Assert.ThrowsAsync<ElasticsearchRequestException>(
            () => Cluster.Index(_server.Url, _logs).ApplyAsync([], [Guid.Parse("00000000-0000-7000-8000-0000000000fd")], cursor: 8, Cancel));

        Assert.Contains("index_not_found_exception", failed.Message, StringComparison.Ordinal);
        Assert.Contains(FakeCluster.Alias, failed.Message, StringComparison.Ordinal);
        Assert.Empty(CursorsWritten);   // the indexing loop logs the failure and tries again (then finds no index: rebuild)
    }

    [Fact]
    public async Task Items_refused_for_load_make_the_whole_batch_retry()
    {
        var refused = Documents[1].Id.ToString("D");
        Script((n, request) => FakeCluster.Bulk(request.Body, id => n == 1 && id == refused ? 429 : 201));

        await Cluster.Index(_server.Url, _logs).ApplyAsync(Documents, [], cursor: 5, Cancel);

        Assert.Equal(2, Bulks.Count);
        Assert.Equal([5L], CursorsWritten);
        Assert.Contains(_logs.At(LogLevel.Warning), m => m.Contains("es_rejected_execution_exception", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cluster_that_keeps_answering_503_leaves_the_cursor_where_it_was()
    {
        Script((_, _) => new Answer(503, """{"error":{"type":"cluster_block_exception","reason":"blocked by: [SERVICE_UNAVAILABLE/2/no master]"},"status":503}"""));

        var unavailable = await Assert.ThrowsAsync<SearchUnavailableException>(() => Cluster.Index(_server.Url, _logs).ApplyAsync(Documents, [], cursor: 9, Cancel));
        var failed = Assert.IsType<ElasticsearchRequestException>(unavailable.InnerException);

        Assert.Equal(503, failed.StatusCode);
        Assert.True(failed.IsTransient);
        Assert.Contains("no master", failed.Message, StringComparison.Ordinal);
        Assert.Equal(4, Bulks.Count);                 // one try and three retries
        Assert.Empty(CursorsWritten);                 // the cursor did not move
        Assert.Equal(3, _logs.At(LogLevel.Warning).Count(m => m.Contains("503", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_unreadable_answer_is_retried()
    {
        Script((n, request) => n == 1 ? new Answer(200, "<html><body>502 Bad Gateway</body></html>") : FakeCluster.Bulk(request.Body));

        await Cluster.Index(_server.Url, _logs).ApplyAsync(Documents, [], cursor: 3, Cancel);

        Assert.Equal(2, Bulks.Count);
        Assert.Equal([3L], CursorsWritten);
        Assert.Single(_logs.At(LogLevel.Warning));
    }

    [Fact]
    public async Task Refused_connections_are_retried_then_reported()
    {
        var index = Cluster.Index(LoopbackElasticsearch.Refusing(), _logs);

        var unavailable = await Assert.ThrowsAsync<SearchUnavailableException>(() => index.ApplyAsync(Documents, [], cursor: 1, Cancel));
        var failed = Assert.IsType<ElasticsearchRequestException>(unavailable.InnerException);

        Assert.Null(failed.StatusCode);
        Assert.True(failed.IsTransient);
        Assert.Equal(3, _logs.At(LogLevel.Warning).Count(m => m.Contains("did not answer", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_stale_version_is_skipped_and_logged_not_failed()
    {
        var stale = Documents[0].Id.ToString("D");
        Script((_, request) => FakeCluster.Bulk(request.Body, id => id == stale ? 409 : 201));

        await Cluster.Index(_server.Url, _logs).ApplyAsync(Documents, [], cursor: 11, Cancel);

        Assert.Single(Bulks);
        Assert.Equal([11L], CursorsWritten);
        Assert.Contains(_logs.At(LogLevel.Warning), m => m.Contains(stale, StringComparison.Ordinal) && m.Contains("newer version", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_document_the_cluster_rejects_fails_the_batch_at_once()
    {
        var bad = Documents[2].Id.ToString("D");
        Script((_, request) => FakeCluster.Bulk(request.Body, id => id == bad ? 400 : 201));

        var failed = await Assert.ThrowsAsync<ElasticsearchRequestException>(() => Cluster.Index(_server.Url, _logs).ApplyAsync(Documents, [], cursor: 13, Cancel));

        Assert.False(failed.IsTransient);
        Assert.Contains("document_parsing_exception", failed.Message, StringComparison.Ordinal);
        Assert.Single(Bulks);                 // not worth retrying
        Assert.Empty(CursorsWritten);
    }

    [Fact]
    public async Task The_state_is_read_from_the_alias_mapping_meta()
    {
        _server.Script = request => request.Path switch
        {
            var p when p.StartsWith("/annuaire-companies/_mapping", StringComparison.Ordinal) => FakeCluster.Mapping(1234),
            var p when p.StartsWith("/annuaire-companies/_count", StringComparison.Ordinal) => FakeCluster.Count(48),
            _ => new Answer(404, "{}"),
        };

        var state = await Cluster.Index(_server.Url, _logs).GetStateAsync(Cancel);

        Assert.Equal(new Core.Indexing.IndexState(1234, Initialized: true, 48), state);
    }

    [Fact]
    public async Task No_alias_means_no_index_built_yet()
    {
        _server.Script = _ => new Answer(404, """{"error":{"type":"index_not_found_exception","reason":"no such index [annuaire-companies]"},"status":404}""");

        var state = await Cluster.Index(_server.Url, _logs).GetStateAsync(Cancel);

        Assert.False(state.Initialized);
        Assert.Equal(0, state.Cursor);
    }

    [Fact]
    public async Task An_index_of_another_schema_counts_as_not_built()
    {
        _server.Script = _ => FakeCluster.Meta(schema: 0, cursor: 99);

        Assert.False((await Cluster.Index(_server.Url, _logs).GetStateAsync(Cancel)).Initialized);
    }
}
