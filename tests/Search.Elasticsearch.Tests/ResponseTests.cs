using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Search.Elasticsearch;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace AnnuaireFiliere.Search.Elasticsearch.Tests;

/// <summary>
/// Answers of Elasticsearch 9 (typed-key aggregations, suggestions) read into the contract's results, over real
/// HTTP on loopback; and what a search does when the cluster cannot answer.
/// </summary>
public sealed class ResponseTests : IAsyncLifetime
{
    private LoopbackElasticsearch _server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await LoopbackElasticsearch.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private Task<SearchResult> SearchAsync(SearchRequest request) => Cluster.Search(_server.Url).SearchAsync(request, Cancel);

    [Fact]
    public async Task Hits_facets_and_years_are_read_from_typed_keys()
    {
        _server.Script = _ => Answer.Json(CannedResponses.Text("search-filtered"));

        var result = await SearchAsync(new SearchRequest { Text = "sécurité ", Communes = ["98818"], Labels = ["Qualiopi", "Label inconnu"] });

        Assert.Contains(_server.Received, r => r.Path.Contains("typed_keys=true", StringComparison.Ordinal));
        Assert.Equal(2, result.Total);
        var hit = result.Hits[0];
        Assert.Equal(("cyber-lagon", "Cyber Lagon", "Cyber Lagon SAS", 2), (hit.Slug, hit.Name, hit.LegalName, hit.Version));
        Assert.Equal(["A0504", "A0405"], hit.ActivityCodes);
        Assert.Equal(["b2b"], hit.ECommerce);
        Assert.Equal(Guid.Parse("00000000-0000-7000-8000-000000000004"), hit.Id);
        // Snippets: the matched stem marked, the description's markup shown as text.
        Assert.Contains("&lt;b&gt;", hit.SnippetHtml, StringComparison.Ordinal);
        Assert.Null(result.Hits[1].SnippetHtml);
        Assert.Null(result.Hits[1].SizeBandCode);

        var communes = result.Facet(FacetNames.Commune).Values;
        Assert.Equal((3L, true), (communes.Single(c => c.Code == "98818").Count, communes.Single(c => c.Code == "98818").Selected));
        Assert.Equal((1L, false), (communes.Single(c => c.Code == "98811").Count, communes.Single(c => c.Code == "98811").Selected));
        Assert.Equal(3, communes.Count);
        Assert.Equal("Nouméa", communes.Single(c => c.Code == "98818").Label);
        var south = Assert.Single(result.Facet(FacetNames.Province).Values);
        Assert.Equal(["98805", "98818"], south.Children.Select(c => c.Code).Order(StringComparer.Ordinal));
        var software = result.Facet(FacetNames.Sector).Values.Single(s => s.Code == "S04");
        Assert.Equal(["A0405"], software.Children.Select(a => a.Code));
        // Labels by count; a selected label with no company still shows, at zero.
        Assert.Equal([("Qualiopi", 2L), ("ISO 27001", 1L), ("Label inconnu", 0L)], result.Facet(FacetNames.Label).Values.Select(v => (v.Code, v.Count)));
        Assert.Equal((2009, 2019), (result.MinFoundingYear, result.MaxFoundingYear));
    }

    [Fact]
    public async Task Empty_years_are_no_years()
    {
        _server.Script = _ => Answer.Json(CannedResponses.Text("search-empty"));

        var result = await SearchAsync(new SearchRequest { Sectors = ["S01"] });

        Assert.Equal(0, result.Total);
        Assert.Null(result.MinFoundingYear);
        Assert.Equal([true], result.Facet(FacetNames.Sector).Values.Select(v => v.Selected));
    }

    [Fact]
    public async Task Did_you_mean_takes_the_fewest_edits_then_the_most_documents_and_checks_it_finds_something()
    {
        _server.Script = request => request.Body switch
        {
            var body when body.Contains("\"known\"", StringComparison.Ordinal) => Answer.Json(CannedResponses.Text("known-words")),
            var body when body.Contains("\"spelling\"", StringComparison.Ordinal) => Answer.Json(CannedResponses.Text("spelling")),
            var body when body.Contains("\"fibres\"", StringComparison.Ordinal) => Answer.Json(CannedResponses.Text("search-filtered")),
            _ => Answer.Json(CannedResponses.Text("search-empty")),
        };

        var result = await SearchAsync(new SearchRequest { Text = "fbires " });

        Assert.Equal(0, result.Total);
        // "fibres" (2 edits, 1 document) beats "fibre" (3 edits) and "libres" (3 edits, 9 documents).
        Assert.Equal("fibres", result.DidYouMean);
        var spelling = Assert.Single(_server.Received, r => r.Body.Contains("\"spelling\"", StringComparison.Ordinal));
        Assert.Contains("\"suggest_mode\":\"missing\"", spelling.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_word_the_vocabulary_knows_gets_no_typo_expansion_nor_prefix()
    {
        // known-words.json: the first word is unknown, the second known.
        _server.Script = request => request.Body.Contains("\"known\"", StringComparison.Ordinal)
            ? Answer.Json(CannedResponses.Text("known-words"))
            : Answer.Json(CannedResponses.Text("search-empty"));

        await SearchAsync(new SearchRequest { Text = "resau informatique" });

        var search = _server.Received.Last(r => r.Body.Contains("\"post_filter\"", StringComparison.Ordinal) || r.Body.Contains("\"dis_max\"", StringComparison.Ordinal));
        Assert.Contains("\"fuzzy\":{\"spell\":{\"boost\":0.6,\"fuzziness\":1", search.Body, StringComparison.Ordinal);       // resau
        Assert.DoesNotContain("\"value\":\"informatique\"}}},{\"fuzzy", search.Body, StringComparison.Ordinal);
        Assert.Equal(1, search.Body.Split("\"fuzzy\"").Length - 1);
        // "informatique" is being typed but is a long known word: no prefix either (its longer forms are inflections).
        Assert.DoesNotContain("\"prefix\"", search.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suggestions_mix_names_activities_and_skills()
    {
        _server.Script = _ => Answer.Json(CannedResponses.Text("suggest"));

        var suggestions = await Cluster.Search(_server.Url).SuggestAsync("Fl", 10, Cancel);

        Assert.Contains(new Suggestion(SuggestionKind.Company, "Flamboyant Web", "flamboyant-web"), suggestions);
        Assert.Contains(new Suggestion(SuggestionKind.Company, "Fleur de Lys", "fleur-de-lys"), suggestions);
        Assert.Single(suggestions, s => s.Kind == SuggestionKind.Skill);
        Assert.Contains(new Suggestion(SuggestionKind.Skill, "Flutter", null), suggestions);
        Assert.InRange(suggestions.Count, 3, 10);
    }

    [Theory]
    [InlineData(503, """{"error":{"type":"cluster_block_exception","reason":"no master"},"status":503}""")]
    [InlineData(429, """{"error":{"type":"es_rejected_execution_exception","reason":"rejected"},"status":429}""")]
    [InlineData(404, """{"error":{"type":"index_not_found_exception","reason":"no such index [annuaire-companies]"},"status":404}""")]
    [InlineData(200, "<html>proxy error</html>")]
    public async Task A_cluster_that_cannot_answer_makes_search_unavailable(int status, string body)
    {
        _server.Script = _ => new Answer(status, body);

        var unavailable = await Assert.ThrowsAsync<SearchUnavailableException>(() => SearchAsync(new SearchRequest { Text = "web" }));

        Assert.IsType<ElasticsearchRequestException>(unavailable.InnerException);
        await Assert.ThrowsAsync<SearchUnavailableException>(() => Cluster.Search(_server.Url).SuggestAsync("web", 10, Cancel));
    }

    [Fact]
    public async Task A_cluster_that_refuses_expensive_queries_is_searched_without_typos_and_prefixes()
    {
        // search.allow_expensive_queries: false makes the cluster refuse fuzzy and prefix queries with a 400.
        var logs = new CapturingLogger<ElasticsearchExpensiveQueries>();
        var expensive = Cluster.Expensive(logs);
        _server.Script = request => request switch
        {
            _ when FakeCluster.IsKnownWords(request) => FakeCluster.KnownWords(request.Body),
            _ when request.Path.StartsWith("/_cluster/health", StringComparison.Ordinal) => Answer.Json(CannedResponses.Text("health")),
            _ when request.Body.Contains("\"fuzzy\"", StringComparison.Ordinal) || request.Body.Contains("\"prefix\"", StringComparison.Ordinal)
                => new Answer(400, CannedResponses.Text("expensive-queries-refused")),
            _ => Answer.Json(CannedResponses.Text("search-filtered")),
        };
        var search = Cluster.Search(_server.Url, expensive);

        var first = await search.SearchAsync(CannedRequests.Filtered with { Text = "informatique caledonie" }, Cancel);
        var received = _server.Received.Count;
        var second = await search.SearchAsync(CannedRequests.Filtered with { Text = "infromatique" }, Cancel);
        var ids = await search.MatchingIdsAsync("informatiq", Cancel);

        Assert.True(first.Total > 0);
        Assert.Equal(first.Total, second.Total);
        Assert.NotEmpty(ids);
        // Detected once: later searches ask once, without typos, prefixes, or the vocabulary look-up they need.
        Assert.Single(logs.At(LogLevel.Warning), m => m.Contains("search.allow_expensive_queries", StringComparison.Ordinal));
        var later = _server.Received.Skip(received).ToList();
        Assert.Equal(2, later.Count);
        Assert.All(later, r => Assert.DoesNotContain("\"fuzzy\"", r.Body, StringComparison.Ordinal));
        Assert.All(later, r => Assert.DoesNotContain("\"prefix\"", r.Body, StringComparison.Ordinal));
        // And /health/ready says so.
        var health = await Cluster.HealthCheck(_server.Url, expensive).CheckHealthAsync(new HealthCheckContext(), Cancel);
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("search.allow_expensive_queries", health.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_connections_make_search_unavailable()
    {
        var search = Cluster.Search(LoopbackElasticsearch.Refusing());

        var unavailable = await Assert.ThrowsAsync<SearchUnavailableException>(() => search.SearchAsync(new SearchRequest(), Cancel));

        Assert.Null(((ElasticsearchRequestException)unavailable.InnerException!).StatusCode);
    }

    [Fact]
    public async Task A_request_the_cluster_finds_wrong_is_a_bug_not_an_outage()
    {
        _server.Script = _ => new Answer(400, """{"error":{"type":"search_phase_execution_exception","reason":"all shards failed"},"status":400}""");

        var failed = await Assert.ThrowsAsync<ElasticsearchRequestException>(() => SearchAsync(new SearchRequest()));

        Assert.Equal(400, failed.StatusCode);
    }

    [Theory]
    [InlineData("green", HealthStatus.Healthy)]
    [InlineData("yellow", HealthStatus.Degraded)]
    [InlineData("red", HealthStatus.Unhealthy)]
    public async Task The_health_check_reports_the_state_of_this_sites_index(string colour, HealthStatus expected)
    {
        _server.Script = request => request.Path.StartsWith("/_cluster/health", StringComparison.Ordinal)
            ? Answer.Json(CannedResponses.Text("health").Replace("\"green\"", $"\"{colour}\"", StringComparison.Ordinal))
            : new Answer(404, "{}");

        var result = await Cluster.HealthCheck(_server.Url).CheckHealthAsync(new HealthCheckContext(), Cancel);

        Assert.Equal(expected, result.Status);
        Assert.Equal(colour, result.Data["status"].ToString(), ignoreCase: true);
        // The health of this site's alias only: on a shared cluster, another site's yellow index is not ours. No
        // waiting (timeout=0s): without the alias, the cluster would otherwise wait 30 s for it to appear.
        var asked = Assert.Single(_server.Received);
        Assert.StartsWith($"/_cluster/health/{FakeCluster.Alias}?", asked.Path, StringComparison.Ordinal);
        Assert.Contains("timeout=0s", asked.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_health_check_says_when_the_index_is_not_built_yet()
    {
        // What the cluster answers at once for a name that does not exist: red, timed out, no shard.
        _server.Script = _ => Answer.Json(CannedResponses.Text("health-no-index"));

        var result = await Cluster.HealthCheck(_server.Url).CheckHealthAsync(new HealthCheckContext(), Cancel);

        // Degraded, not unhealthy: the site stays up (and compose starts the Indexer, which builds the index).
        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains(FakeCluster.Alias, result.Description, StringComparison.Ordinal);
        Assert.Contains("n'existe pas", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_health_check_is_unhealthy_when_the_cluster_does_not_answer()
    {
        var result = await Cluster.HealthCheck(LoopbackElasticsearch.Refusing()).CheckHealthAsync(new HealthCheckContext(), Cancel);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.IsType<ElasticsearchRequestException>(result.Exception);
    }
}
