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
        // search-filtered.json answers CannedRequests.Filtered on the conformance companies: "informatique" in
        // twelve companies, six of them in Nouméa.
        _server.Script = request => FakeCluster.IsKnownWords(request) ? FakeCluster.KnownWords(request.Body) : Answer.Json(CannedResponses.Text("search-filtered"));

        var result = await SearchAsync(CannedRequests.Filtered);

        Assert.Contains(_server.Received, r => r.Path.Contains("typed_keys=true", StringComparison.Ordinal));
        Assert.Equal(6, result.Total);
        Assert.Equal(6, result.Hits.Count);
        var hit = result.Hits.Single(h => h.Slug == "informatique-caledonienne");
        Assert.Equal(("L'Informatique Calédonienne", "L'Informatique Calédonienne", 3), (hit.Name, hit.LegalName, hit.Version));
        Assert.Equal(["A0504"], hit.ActivityCodes);
        Assert.Equal(("98818", "11"), (hit.CommuneCode, hit.SizeBandCode));
        Assert.Equal(Guid.Parse("00000000-0000-7000-8000-000000000002"), hit.Id);
        Assert.Empty(hit.ECommerce);
        // Snippets: the matched stem marked in the description that came back in _source.
        Assert.Contains("<mark>informatique</mark>", hit.SnippetHtml, StringComparison.Ordinal);
        var shop = result.Hits.Single(h => h.Slug == "boutique-niaouli");
        Assert.Equal(("Boutique Niaouli", "DUPONT Marie"), (shop.Name, shop.LegalName));
        Assert.Contains("livraison-iles", shop.ECommerce);
        Assert.Null(result.Hits.Single(h => h.Slug == "sans-annee").SizeBandCode);

        // Each facet counts without its own selection: the communes of all twelve, the rest of the six.
        var communes = result.Facet(FacetNames.Commune).Values;
        Assert.Equal([("98818", 6L, true), ("98805", 3L, false), ("98821", 2L, false), ("98812", 1L, false)],
            communes.Select(c => (c.Code, c.Count, c.Selected)).OrderByDescending(c => c.Count));
        Assert.Equal("Nouméa", communes.Single(c => c.Code == "98818").Label);
        var south = Assert.Single(result.Facet(FacetNames.Province).Values);
        Assert.Equal(("sud", 6L), (south.Code, south.Count));
        var services = result.Facet(FacetNames.Sector).Values.Single(s => s.Code == "S05");
        Assert.Equal(4, services.Count);
        Assert.Equal(["A0501", "A0503", "A0504"], services.Children.Select(a => a.Code).Order(StringComparer.Ordinal));
        Assert.Equal([("ISO 27001", 2L), ("ISO 9001", 2L)], result.Facet(FacetNames.Label).Values.Select(v => (v.Code, v.Count)));
        Assert.Equal((1997, 2020), (result.MinFoundingYear, result.MaxFoundingYear));
    }

    [Fact]
    public async Task The_mapping_a_cluster_returns_is_read_field_by_field_and_is_the_one_created()
    {
        // mapping.json: GET {alias}/_mapping as the cluster returns it (defaults of the completion field included);
        // the client reads every property, not only _meta, and they are those CreateIndex sends.
        var client = new Elastic.Clients.Elasticsearch.ElasticsearchClient(new Elastic.Clients.Elasticsearch.ElasticsearchClientSettings(CannedResponses.Invoker("mapping")));

        var response = await client.Indices.GetMappingAsync(new Elastic.Clients.Elasticsearch.IndexManagement.GetMappingRequest(FakeCluster.Alias), Cancel);

        Assert.True(response.IsValidResponse, response.DebugInformation);
        var mapping = Assert.Single(response.Mappings).Value.Mappings;
        var created = ElasticsearchMapping.CreateIndex("x", replicas: 0, cursor: 0).Mappings!;
        Assert.Equal(created.Properties!.Select(p => p.Key.Name).Order(StringComparer.Ordinal), mapping.Properties!.Select(p => p.Key.Name).Order(StringComparer.Ordinal));
        Assert.All(created.Properties!, p => Assert.Equal(p.Value.Type, mapping.Properties![p.Key].Type));
        var completion = Assert.IsType<Elastic.Clients.Elasticsearch.Mapping.CompletionProperty>(mapping.Properties![ElasticsearchMapping.SuggestName]);
        Assert.Equal((ElasticsearchMapping.FoldedKeyword, Core.Companies.CompanyValidator.NameMaxLength, true), (completion.Analyzer, completion.MaxInputLength, completion.PreserveSeparators));
        Assert.Equal(0, Assert.IsType<Elastic.Clients.Elasticsearch.Mapping.TextProperty>(mapping.Properties![SearchFields.Names]).PositionIncrementGap);
        Assert.Equal(ElasticsearchMapping.SchemaVersion, ((System.Text.Json.JsonElement)mapping.Meta![ElasticsearchMapping.SchemaKey]).GetInt32());
    }

    [Fact]
    public async Task Empty_years_are_no_years()
    {
        // search-empty.json: a word no company has (every aggregation empty, whatever the filters).
        _server.Script = request => FakeCluster.IsKnownWords(request) ? FakeCluster.KnownWords(request.Body) : Answer.Json(CannedResponses.Text("search-empty"));

        var result = await SearchAsync(CannedRequests.Empty with { Sectors = ["S01"] });

        Assert.Equal(0, result.Total);
        Assert.Null(result.MinFoundingYear);
        Assert.Equal([true], result.Facet(FacetNames.Sector).Values.Select(v => v.Selected));
    }

    [Fact]
    public async Task Did_you_mean_proposes_a_correction_that_finds_something()
    {
        _server.Script = request => request.Body switch
        {
            _ when FakeCluster.IsKnownWords(request) => FakeCluster.KnownWords(request.Body),
            var body when body.Contains("\"spelling\"", StringComparison.Ordinal) => Answer.Json(CannedResponses.Text("spelling")),
            var body when body.Contains("\"fibre\"", StringComparison.Ordinal) => Answer.Json(CannedResponses.Text("search-fibre")),
            _ => Answer.Json(CannedResponses.Text("search-empty")),
        };

        // Searched as typed (no correction), a word no company has finds nothing, and "did you mean" proposes one.
        var result = await SearchAsync(CannedRequests.Empty with { ExactSpelling = true });

        Assert.Equal(0, result.Total);
        // The term suggester's only candidate: "fibre", two edits away with the first letter kept (a candidate two
        // edits away must keep it; "libres" could never come back). The correction is searched before it is proposed.
        Assert.Equal("fibre", result.DidYouMean);
        var spelling = Assert.Single(_server.Received, r => r.Body.Contains("\"spelling\"", StringComparison.Ordinal));
        Assert.Contains("\"suggest_mode\":\"missing\"", spelling.Body, StringComparison.Ordinal);
        Assert.Contains(_server.Received, r => r.Body.Contains("\"fibre\"", StringComparison.Ordinal) && r.Body.Contains("\"size\":1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_misspelt_word_is_searched_as_its_closest_spelling_and_the_correction_said()
    {
        _server.Script = request => request.Body switch
        {
            _ when FakeCluster.IsKnownWords(request) => FakeCluster.KnownWords(request.Body),
            var body when body.Contains("\"spelling\"", StringComparison.Ordinal) => Answer.Json(CannedResponses.Text("spelling")),
            var body when body.Contains("\"fibr\"", StringComparison.Ordinal) => Answer.Json(CannedResponses.Text("search-fibre")),   // the correction's stem
            _ => Answer.Json(CannedResponses.Text("search-empty")),
        };

        var result = await SearchAsync(CannedRequests.Empty);

        Assert.Equal(1, result.Total);
        Assert.Equal([new SpellingCorrection("fbires", "fibre")], result.Corrections);
        Assert.Null(result.DidYouMean);
        Assert.Single(_server.Received, r => r.Body.Contains("\"spelling\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_word_the_vocabulary_knows_gets_no_typo_expansion_nor_prefix()
    {
        // known-words.json: the first word is unknown, the second known.
        _server.Script = request => request.Body.Contains("\"known\"", StringComparison.Ordinal)
            ? Answer.Json(CannedResponses.Text("known-words"))
            : Answer.Json(CannedResponses.Text("search-empty"));

        await SearchAsync(new SearchRequest { Text = string.Join(' ', CannedRequests.KnownWords) });

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
        // suggest.json: "fi" on the conformance companies ("films" of Ouen Toro Films; skills Fibre optique, Figma).
        _server.Script = _ => Answer.Json(CannedResponses.Text("suggest"));

        var suggestions = await Cluster.Search(_server.Url).SuggestAsync(CannedRequests.SuggestPrefix.ToUpperInvariant(), 10, Cancel);

        Assert.Contains(new Suggestion(SuggestionKind.Company, "Ouen Toro Films", "ouen-toro-films") { Detail = "98818" }, suggestions);
        Assert.Equal(["Fibre optique", "Figma"], suggestions.Where(s => s.Kind == SuggestionKind.Skill).Select(s => s.Text));
        Assert.Contains(suggestions, s => s.Kind == SuggestionKind.Activity);   // from the taxonomy, in memory
        Assert.InRange(suggestions.Count, 4, 10);
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
        // Detected once: later searches ask without typos, prefixes, corrections, or the vocabulary look-up they need
        // (the search, the counts of its words as it finds few, the matching ids).
        Assert.Single(logs.At(LogLevel.Warning), m => m.Contains("search.allow_expensive_queries", StringComparison.Ordinal));
        var later = _server.Received.Skip(received).ToList();
        Assert.Equal(3, later.Count);
        Assert.DoesNotContain(later, r => FakeCluster.IsKnownWords(r) || r.Body.Contains("\"spelling\"", StringComparison.Ordinal));
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
