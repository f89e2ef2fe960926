using System.Globalization;
using System.Text.Json.Nodes;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Search.Conformance;

namespace AnnuaireFiliere.Search.Elasticsearch.Tests;

/// <summary>Answers of a healthy single-node cluster, for the requests the index makes; tests override some of them.</summary>
internal static class FakeCluster
{
    public const string Alias = "annuaire-companies";
    public const string LiveIndex = "annuaire-companies-20261101-000000-000";

    public static Answer Acknowledged => Answer.Json("""{"acknowledged":true}""");

    public static Answer Mapping(long cursor) => Meta(Core.Search.Elasticsearch.ElasticsearchMapping.SchemaVersion, cursor);

    /// <summary>
    /// GET {alias}/_mapping: the mapping a real cluster returns for the index (Canned/mapping.json: every field,
    /// the completion field's defaults, position_increment_gap), with the given <c>_meta</c>.
    /// </summary>
    public static Answer Meta(int schema, long cursor) => Answer.Json(MappingOf(LiveIndex, schema, cursor).ToJsonString());

    /// <summary>The canned mapping answer for an index, with its <c>_meta</c>.</summary>
    public static JsonObject MappingOf(string index, int schema, long cursor, string? synonyms = null)
    {
        var mappings = JsonNode.Parse(CannedResponses.Text("mapping"))!.AsObject().Single().Value!["mappings"]!.DeepClone().AsObject();
        mappings["_meta"] = new JsonObject { ["schema"] = schema, ["cursor"] = cursor };
        if (synonyms is not null)
        {
            mappings["_meta"]!["synonyms"] = synonyms;
        }
        return new JsonObject { [index] = new JsonObject { ["mappings"] = mappings } };
    }

    public static Answer Count(long count) =>
        Answer.Json($$$"""{"count":{{{count.ToString(CultureInfo.InvariantCulture)}}},"_shards":{"total":1,"successful":1,"skipped":0,"failed":0}}""");

    public static Answer Aliases => Answer.Json("{\"" + LiveIndex + "\":{\"aliases\":{\"" + Alias + "\":{}}}}");

    /// <summary>A bulk answer with one item per action of the request, each with the given status.</summary>
    public static Answer Bulk(string body, Func<string, int>? statusOfId = null)
    {
        var items = new JsonArray();
        var errors = false;
        foreach (var line in Actions(body))
        {
            var (operation, id) = line;
            var status = statusOfId?.Invoke(id) ?? (operation == "delete" ? 200 : 201);
            errors |= status >= 300;
            var item = new JsonObject { ["_index"] = LiveIndex, ["_id"] = id, ["status"] = status };
            if (status >= 300)
            {
                item["error"] = new JsonObject
                {
                    ["type"] = status switch { 409 => "version_conflict_engine_exception", 429 => "es_rejected_execution_exception", _ => "document_parsing_exception" },
                    ["reason"] = status switch { 409 => $"[{id}]: version conflict, current version [9] is higher than the one provided [2]", 429 => "rejected execution of coordinating operation", _ => "failed to parse field [year] of type [integer]" },
                };
            }
            else
            {
                item["_version"] = 1;
                item["result"] = operation == "delete" ? "deleted" : "created";
            }
            items.Add(new JsonObject { [operation] = item });
        }
        return Answer.Json(new JsonObject { ["took"] = 3, ["errors"] = errors, ["items"] = items }.ToJsonString());
    }

    /// <summary>The operations of a bulk body (NDJSON): each action line and the id it names.</summary>
    public static IReadOnlyList<(string Operation, string Id)> Actions(string body)
    {
        var actions = new List<(string, string)>();
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var node = JsonNode.Parse(line)!.AsObject();
            if (node.Count == 1 && node.First() is { Key: "index" or "delete" or "create" or "update" } action && action.Value?["_id"] is { } id)
            {
                actions.Add((action.Key, id.GetValue<string>()));
            }
        }
        return actions;
    }

    /// <summary>
    /// The answer to a vocabulary look-up (<c>ElasticsearchQueries.KnownWords</c>): one bucket per word asked, in
    /// order, counting the conformance companies whose <c>spell</c> field holds the word (the same analysis builds
    /// that field's terms), as a cluster holding them answers. Canned/known-words.json is a recorded one.
    /// </summary>
    public static Answer KnownWords(string body)
    {
        // Each filter asks the word in the folded vocabulary first (then its stem in the weighted fields).
        var words = JsonNode.Parse(body)!["aggregations"]!["known"]!["filters"]!["filters"]!.AsArray()
            .Select(filter => filter!["bool"]!["should"]![0]!["term"]!["spell"]!["value"]!.GetValue<string>());
        var buckets = new JsonArray([.. words.Select(word => (JsonNode)new JsonObject { ["doc_count"] = SpellVocabulary.Value.GetValueOrDefault(word) })]);
        return Answer.Json(new JsonObject
        {
            ["took"] = 1,
            ["timed_out"] = false,
            ["_shards"] = new JsonObject { ["total"] = 1, ["successful"] = 1, ["skipped"] = 0, ["failed"] = 0 },
            ["hits"] = new JsonObject { ["total"] = new JsonObject { ["value"] = ConformanceCompanies.All.Count, ["relation"] = "eq" }, ["max_score"] = null, ["hits"] = new JsonArray() },
            ["aggregations"] = new JsonObject { ["filters#known"] = new JsonObject { ["buckets"] = buckets } },
        }.ToJsonString());
    }

    /// <summary>Whether a request is a vocabulary look-up.</summary>
    public static bool IsKnownWords(ReceivedRequest request) => request.Body.Contains("\"known\"", StringComparison.Ordinal);

    private static readonly Lazy<Dictionary<string, int>> SpellVocabulary = new(() =>
        ConformanceCompanies.Documents(TaxonomyCatalog.Default)
            .SelectMany(company => FrenchTextAnalyzer.Folding.Terms(SearchFields.SpellText(company)).Distinct(StringComparer.Ordinal))
            .GroupBy(term => term, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));

    /// <summary>The cursor a mapping update writes, if it is one.</summary>
    public static long? CursorWritten(ReceivedRequest request) =>
        request.Method == "PUT" && request.Path.Contains("/_mapping", StringComparison.Ordinal)
            ? JsonNode.Parse(request.Body)?["_meta"]?["cursor"]?.GetValue<long>()
            : null;
}
