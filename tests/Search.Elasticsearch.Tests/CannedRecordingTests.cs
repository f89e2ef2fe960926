using System.Runtime.CompilerServices;
using System.Text;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Search.Elasticsearch;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Search.Conformance;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Cluster;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Transport.Products.Elasticsearch;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnnuaireFiliere.Search.Elasticsearch.Tests;

/// <summary>
/// Recording mode: with <c>RECORD=1</c> and <c>ELASTICSEARCH_URL</c> (and <c>ELASTICSEARCH_USERNAME</c>/<c>PASSWORD</c>
/// if needed), <see cref="CannedRecorder"/> refreshes <c>Canned/*.json</c> from that cluster. Review the diff: scores,
/// timings and ids of nodes change; counts, hits and suggestions should not, or the tests reading them say what
/// did. Elsewhere it is skipped; the recorder itself is checked against a loopback cluster.
/// </summary>
public sealed class CannedRecordingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Canned_answers_are_recorded_from_a_real_cluster()
    {
        var url = Environment.GetEnvironmentVariable("ELASTICSEARCH_URL");
        if (Environment.GetEnvironmentVariable("RECORD") != "1" || string.IsNullOrWhiteSpace(url))
        {
            Assert.Skip("Recording skipped: set RECORD=1 and ELASTICSEARCH_URL=http://localhost:9200 to refresh Canned/*.json from a real cluster.");
        }
        var options = CannedRecorder.Options(new Uri(url), Environment.GetEnvironmentVariable("ELASTICSEARCH_USERNAME"), Environment.GetEnvironmentVariable("ELASTICSEARCH_PASSWORD"));

        var written = await CannedRecorder.RecordAsync(options, CannedFolder(), Cancel);

        Assert.Equal(CannedRecorder.Recorded.Order(StringComparer.Ordinal), written.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_recorder_asks_each_canned_request_and_writes_its_answer_with_the_names_put_back()
    {
        // A loopback cluster: the stateful fake for the index, the canned answers for the searches.
        var cluster = new StatefulCluster();
        cluster.Fault = request => request.Path.Contains("/_search", StringComparison.Ordinal) && !request.Body.Contains("\"version\"", StringComparison.Ordinal)
            ? request.Body switch
            {
                _ when FakeCluster.IsKnownWords(request) => FakeCluster.KnownWords(request.Body),
                var body when body.Contains("\"spelling\"", StringComparison.Ordinal) => Answer.Json(CannedResponses.Text("spelling")),
                var body when body.Contains("\"names\"", StringComparison.Ordinal) => Answer.Json(CannedResponses.Text("suggest")),
                var body when body.Contains("\"fibre\"", StringComparison.Ordinal) => Answer.Json(CannedResponses.Text("search-fibre")),
                var body when body.Contains("fbires", StringComparison.Ordinal) => Answer.Json(CannedResponses.Text("search-empty")),
                _ => Answer.Json(CannedResponses.Text("search-filtered")),
            }
            : null;
        await using var server = await LoopbackElasticsearch.StartAsync();
        server.Script = cluster.Answer;
        var folder = Directory.CreateTempSubdirectory("canned-").FullName;
        try
        {
            var options = CannedRecorder.Options(server.Url, null, null);

            var written = await CannedRecorder.RecordAsync(options, folder, Cancel);

            Assert.Equal(CannedRecorder.Recorded.Order(StringComparer.Ordinal), written.Order(StringComparer.Ordinal));
            Assert.All(written, name => Assert.DoesNotContain(options.IndexPrefix, File.ReadAllText(Path.Combine(folder, name + ".json")), StringComparison.Ordinal));
            Assert.Contains("index_not_found_exception", File.ReadAllText(Path.Combine(folder, "bulk-delete-missing-index.json")), StringComparison.Ordinal);
            Assert.Contains($"\"{FakeCluster.Alias}\"", File.ReadAllText(Path.Combine(folder, "bulk-delete-missing-index.json")), StringComparison.Ordinal);
            Assert.Contains($"\"{FakeCluster.LiveIndex}\"", File.ReadAllText(Path.Combine(folder, "mapping.json")), StringComparison.Ordinal);
            Assert.Contains("\"red\"", File.ReadAllText(Path.Combine(folder, "health-no-index.json")), StringComparison.Ordinal);
            Assert.Empty(cluster.Indices);   // its indices removed
            Assert.Contains(server.Received, r => r.Body.Contains("\"informatique\"", StringComparison.Ordinal) && r.Body.Contains("\"post_filter\"", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string CannedFolder([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Canned");
}

/// <summary>
/// Indexes the conformance companies under a throw-away prefix, asks the cluster each request of
/// <see cref="CannedRequests"/> and writes its answers (index names put back to <c>annuaire-…</c>), then removes its
/// indices. <c>expensive-queries-refused.json</c> is not recorded: it needs <c>search.allow_expensive_queries</c>
/// changed on the cluster, which a test must not do; it is written from Elasticsearch's source.
/// </summary>
internal static class CannedRecorder
{
    public static readonly string[] Recorded =
    [
        "health-no-index", "bulk-delete-missing-index", "mapping", "health", "known-words", "spelling", "suggest",
        .. CannedRequests.Searches.Select(s => s.Name),
    ];

    public static ElasticsearchOptions Options(Uri node, string? username, string? password) => new()
    {
        Nodes = [node],
        Username = username,
        Password = password,
        IndexPrefix = $"record-{Guid.NewGuid():N}-",
        Replicas = 0,
        RequestTimeout = TimeSpan.FromSeconds(30),
    };

    public static async Task<IReadOnlyList<string>> RecordAsync(ElasticsearchOptions options, string folder, CancellationToken cancel)
    {
        // The raw bytes of every answer, as the cluster sent them.
        var client = new ElasticsearchClient(options.ClientSettings().DisableDirectStreaming());
        var alias = options.Alias;
        var names = new List<(string From, string To)> { (alias, FakeCluster.Alias), (options.IndexPrefix, "annuaire-") };
        var written = new List<string>();
        void Record(string name, ElasticsearchResponse response)
        {
            var bytes = response.ApiCallDetails?.ResponseBodyInBytes ?? throw new InvalidOperationException($"{name}: no answer ({response.DebugInformation}).");
            var body = names.Aggregate(Encoding.UTF8.GetString(bytes), (text, rename) => text.Replace(rename.From, rename.To, StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(folder, name + ".json"), Golden.Normalize(body));
            written.Add(name);
        }
        try
        {
            // Before the index exists: what a missing alias answers.
            Record("health-no-index", await client.Cluster.HealthAsync(new HealthRequest(alias) { Timeout = new Duration("0s") }, cancel));
            Record("bulk-delete-missing-index", await client.BulkAsync(new BulkRequest(alias)
            {
                Operations = new BulkOperationsCollection([new BulkDeleteOperation("00000000-0000-7000-8000-0000000000fd")]),
                RequireAlias = true,
            }, cancel));

            var index = new ElasticsearchIndex(client, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<ElasticsearchIndex>.Instance);
            await index.RebuildAsync(ConformanceCompanies.Documents(TaxonomyCatalog.Default).ToAsyncEnumerable(), cursor: 0, cancel);
            names.Insert(0, ((await index.LiveIndexAsync(cancel))!, FakeCluster.LiveIndex));

            Record("mapping", await client.Indices.GetMappingAsync(new GetMappingRequest(alias), cancel));
            Record("health", await client.Cluster.HealthAsync(new HealthRequest(alias) { Timeout = new Duration("0s") }, cancel));
            Record("known-words", await client.SearchAsync<ElasticsearchCompany>(ElasticsearchQueries.KnownWords(alias, CannedRequests.KnownWords), cancel));
            Record("spelling", await client.SearchAsync<ElasticsearchCompany>(ElasticsearchQueries.Spelling(alias, CannedRequests.Misspelt), cancel));
            Record("suggest", await client.SearchAsync<ElasticsearchCompany>(ElasticsearchQueries.Suggest(alias, CannedRequests.SuggestPrefix, SuggestionMix.CommuneCodes(TaxonomyCatalog.Default, CannedRequests.SuggestPrefix)), cancel));
            foreach (var (name, request) in CannedRequests.Searches)
            {
                Record(name, await client.SearchAsync<ElasticsearchCompany>(await SearchRequestAsync(client, alias, request.Normalized(), cancel), cancel));
            }
        }
        finally
        {
            await Cluster.DeleteIndicesAsync(client, options.IndexPrefix);
        }
        return written;
    }

    /// <summary>The search as the engine sends it, after the vocabulary look-up it makes.</summary>
    private static async Task<Elastic.Clients.Elasticsearch.SearchRequest> SearchRequestAsync(ElasticsearchClient client, string alias, Core.Search.SearchRequest request, CancellationToken cancel)
    {
        var plan = TextQueryPlan.Parse(request.Text, SynonymCatalog.Default);
        var words = plan.WordsToLookUp();
        var known = new HashSet<string>(StringComparer.Ordinal);
        if (words.Count > 0)
        {
            var lookUp = await client.SearchAsync<ElasticsearchCompany>(ElasticsearchQueries.KnownWords(alias, words), cancel);
            var buckets = lookUp.Aggregations!.GetFilters(ElasticsearchQueries.KnownAggregation)!.Buckets.ToList();
            known.UnionWith(words.Where((_, i) => buckets[i].DocCount > 0));
        }
        return ElasticsearchQueries.Search(alias, request, plan, new TextMatching(known.Contains, new Dictionary<string, string>(), TyposAndPrefixes: true), TaxonomyCatalog.Default);
    }
}
