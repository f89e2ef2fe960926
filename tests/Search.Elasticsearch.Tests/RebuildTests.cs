using System.Text.Json.Nodes;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Search.Elasticsearch;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Search.Conformance;
using Microsoft.Extensions.Logging;

namespace AnnuaireFiliere.Search.Elasticsearch.Tests;

/// <summary>A full reindex builds a new index beside the live one and moves the alias only when it is complete.</summary>
public sealed class RebuildTests : IAsyncLifetime
{
    private const string Alias = FakeCluster.Alias;
    private const string OldIndex = "annuaire-companies-20250101-000000-000";
    private const string Orphan = "annuaire-companies-20250102-000000-000";
    private static readonly IReadOnlyList<CompanyDocument> Documents = ConformanceCompanies.Documents(TaxonomyCatalog.Default);
    private readonly StatefulCluster _cluster = new();
    private readonly CapturingLogger<ElasticsearchIndex> _logs = new();
    private LoopbackElasticsearch _server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await LoopbackElasticsearch.StartAsync();
        _server.Script = _cluster.Answer;
        _cluster.Seed(Alias, OldIndex, cursor: 5, new Dictionary<string, long> { ["00000000-0000-7000-8000-0000000000aa"] = 1 });
        _cluster.Seed("other-alias", Orphan, cursor: 0, new Dictionary<string, long>());   // left by an interrupted rebuild
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_alias_moves_in_one_action_once_the_new_index_is_complete_and_the_old_ones_go()
    {
        var index = Cluster.Index(_server.Url, _logs, bulkSize: 20);

        await index.RebuildAsync(Documents.ToAsyncEnumerable(), cursor: 77, Cancel);

        var live = _cluster.AliasTarget(Alias);
        Assert.NotNull(live);
        Assert.StartsWith(Alias + "-", live, StringComparison.Ordinal);
        Assert.NotEqual(OldIndex, live);
        Assert.Equal(Documents.Count, _cluster.Documents(Alias).Count);
        Assert.Equal(77, _cluster.Cursor(Alias));
        Assert.Equal([live], _cluster.Indices);                        // the old index and the orphan are gone
        Assert.Equal(3, _server.To("POST", "/_bulk").Count);           // 50 documents by 20
        Assert.DoesNotContain(_server.Received, r => r.Path.Contains("refresh=", StringComparison.Ordinal));
        var swap = Assert.Single(_server.To("POST", "/_aliases"));
        Golden.Match("alias-swap", swap.Body.Replace(live, Alias + "-{timestamp}", StringComparison.Ordinal));
        var actions = JsonNode.Parse(swap.Body)!["actions"]!.AsArray().Select(a => a!.AsObject().Single().Key).ToList();
        Assert.Equal(["remove", "add"], actions);
        // The old index is removed only after the swap.
        var received = _server.Received.ToList();
        Assert.True(received.FindIndex(r => r.Method == "DELETE" && r.Path.Contains(OldIndex, StringComparison.Ordinal)) > received.IndexOf(swap));
        Assert.Equal(77, (await index.GetStateAsync(Cancel)).Cursor);
        // The older indices are listed by name and aliases only (no settings for the client to read).
        Assert.Contains("features=aliases", Assert.Single(_server.Received, r => r.Method == "GET" && r.Path.Contains("-*", StringComparison.Ordinal)).Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listing_of_older_indices_that_fails_after_the_swap_still_removes_the_replaced_index()
    {
        _cluster.Fault = request => request.Method == "GET" && request.Path.Contains("-*", StringComparison.Ordinal)
            ? new Answer(200, "<html>proxy error</html>")
            : null;

        await Cluster.Index(_server.Url, _logs, bulkSize: 20).RebuildAsync(Documents.ToAsyncEnumerable(), cursor: 77, Cancel);

        var live = _cluster.AliasTarget(Alias);
        Assert.NotEqual(OldIndex, live);
        Assert.Equal([Orphan, live], _cluster.Indices.Order(StringComparer.Ordinal));   // the orphan waits for the next rebuild
        Assert.Contains(_logs.At(LogLevel.Warning), m => m.Contains("Could not list", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Indices_of_another_site_whose_prefix_extends_this_alias_survive_a_rebuild()
    {
        // Prefix "annuaire-companies-test-": its alias and indices start with this site's "annuaire-companies-".
        const string otherAlias = "annuaire-companies-test-companies";
        const string otherLive = otherAlias + "-20250103-000000-000";
        _cluster.Seed(otherAlias, otherLive, cursor: 3, new Dictionary<string, long> { ["00000000-0000-7000-8000-0000000000bb"] = 1 });

        await Cluster.Index(_server.Url, _logs, bulkSize: 20).RebuildAsync(Documents.ToAsyncEnumerable(), cursor: 77, Cancel);

        Assert.Equal([_cluster.AliasTarget(Alias), otherLive], _cluster.Indices.Order(StringComparer.Ordinal));
        Assert.Equal(otherLive, _cluster.AliasTarget(otherAlias));
        Assert.Single(_cluster.Documents(otherAlias));
    }

    [Fact]
    public async Task A_rebuild_that_fails_leaves_the_live_alias_and_its_documents_untouched()
    {
        _cluster.Fault = request => request.Path.Contains("/_bulk", StringComparison.Ordinal) && !request.Path.Contains(OldIndex, StringComparison.Ordinal)
            ? new Answer(503, """{"error":{"type":"unavailable_shards_exception","reason":"primary shard is not active"},"status":503}""")
            : null;

        var failed = await Assert.ThrowsAsync<SearchUnavailableException>(() => Cluster.Index(_server.Url, _logs, bulkSize: 20).RebuildAsync(Documents.ToAsyncEnumerable(), cursor: 77, Cancel));
        Assert.IsType<ElasticsearchRequestException>(failed.InnerException);   // the contract's exception, the engine's inside

        Assert.Equal(OldIndex, _cluster.AliasTarget(Alias));
        Assert.Equal(5, _cluster.Cursor(Alias));
        Assert.Single(_cluster.Documents(Alias));
        Assert.Empty(_server.To("POST", "/_aliases"));
        Assert.Equal([OldIndex, Orphan], _cluster.Indices.Order(StringComparer.Ordinal));   // the half-built index was dropped
    }

    [Fact]
    public async Task A_rebuild_stopped_half_way_leaves_the_live_alias_untouched()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        _cluster.Fault = request =>
        {
            if (request.Path.Contains("/_bulk", StringComparison.Ordinal))
            {
                stop.Cancel();   // the process is asked to stop during the first batch
            }
            return null;
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Cluster.Index(_server.Url, _logs, bulkSize: 20).RebuildAsync(Documents.ToAsyncEnumerable(), cursor: 77, stop.Token));

        Assert.Equal(OldIndex, _cluster.AliasTarget(Alias));
        Assert.Equal(5, _cluster.Cursor(Alias));
        Assert.Empty(_server.To("POST", "/_aliases"));
    }

    [Fact]
    public async Task Versions_are_listed_page_by_page_after_a_refresh()
    {
        var index = Cluster.Index(_server.Url, _logs);
        await index.RebuildAsync(Documents.ToAsyncEnumerable(), cursor: 1, Cancel);

        var versions = await index.ListVersionsAsync(Cancel);

        Assert.Equal(Documents.ToDictionary(d => d.Id, d => d.Version), versions);
        var refresh = _server.Received.ToList().FindLastIndex(r => r.Path.Contains("/_refresh", StringComparison.Ordinal));
        Assert.True(refresh < _server.Received.ToList().FindIndex(r => r.Path.Contains("/_search", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_index_keeps_the_stamp_of_the_synonym_rules_it_was_rebuilt_with_through_later_writes()
    {
        var rules = new SwitchableSynonyms { Current = SynonymCatalog.FromLines(["chose, machin bidule"]) };
        var index = Cluster.Index(_server.Url, _logs, synonyms: rules);
        var before = await index.GetStateAsync(Cancel);

        await index.RebuildAsync(Documents.ToAsyncEnumerable(), cursor: 10, Cancel);
        var built = rules.Current.IndexStamp;
        rules.Current = SynonymCatalog.FromLines(["chose, machin bidule, truc muche"]);
        await index.ApplyAsync([Documents[0]], [], cursor: 11, Cancel);
        // Another process (the site) reads the state from the cluster, not from memory.
        var state = await Cluster.Index(_server.Url, _logs).GetStateAsync(Cancel);

        Assert.Null(before.SynonymStamp);   // an index built before the stamp was kept: the rules of synonyms.txt
        Assert.Equal(SynonymCatalog.Default.IndexStamp, before.BuiltWithSynonyms);
        Assert.Equal(built, _cluster.SynonymStamp(Alias));
        Assert.Equal((11L, built), (state.Cursor, state.SynonymStamp));
        Assert.NotEqual(rules.Current.IndexStamp, state.SynonymStamp);
    }

    private sealed class SwitchableSynonyms : ISynonymSource
    {
        public SynonymCatalog Current { get; set; } = SynonymCatalog.Default;
    }
}
