using System.Globalization;
using System.Text.Json.Nodes;

namespace AnnuaireFiliere.Search.Elasticsearch.Tests;

/// <summary>
/// Just enough of a cluster, in memory, for the writing side: indices with documents and external versions,
/// mapping <c>_meta</c>, aliases, bulk, count, refresh, delete and a search that lists ids and versions in id
/// order. <see cref="Fault"/> answers instead when it returns an answer (to fail some requests).
/// </summary>
internal sealed class StatefulCluster
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, IndexData> _indices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);

    public Func<ReceivedRequest, Answer?> Fault { get; set; } = _ => null;

    public IReadOnlyCollection<string> Indices { get { lock (_lock) { return [.. _indices.Keys]; } } }

    public string? AliasTarget(string alias) { lock (_lock) { return _aliases.GetValueOrDefault(alias); } }

    public long? Cursor(string alias) { lock (_lock) { return Resolve(alias) is { } index ? _indices[index].Cursor : null; } }

    public string? SynonymStamp(string alias) { lock (_lock) { return Resolve(alias) is { } index ? _indices[index].Synonyms : null; } }

    public IReadOnlyDictionary<string, long> Documents(string alias)
    {
        lock (_lock)
        {
            return Resolve(alias) is { } index ? _indices[index].Versions.ToDictionary(d => d.Key, d => d.Value) : new Dictionary<string, long>();
        }
    }

    /// <summary>Removes a document behind the indexer's back.</summary>
    public void Remove(string alias, string id)
    {
        lock (_lock)
        {
            _indices[Resolve(alias)!].Versions.Remove(id);
        }
    }

    /// <summary>An index that already holds documents at a cursor, behind an alias.</summary>
    public void Seed(string alias, string index, long cursor, IReadOnlyDictionary<string, long> versions)
    {
        lock (_lock)
        {
            _indices[index] = new IndexData { Cursor = cursor, Schema = Core.Search.Elasticsearch.ElasticsearchMapping.SchemaVersion };
            foreach (var (id, version) in versions)
            {
                _indices[index].Versions[id] = version;
            }
            _aliases[alias] = index;
        }
    }

    public Answer Answer(ReceivedRequest request)
    {
        if (Fault(request) is { } fault)
        {
            return fault;
        }
        var path = request.Path.Split('?')[0].Trim('/');
        var parts = path.Split('/');
        lock (_lock)
        {
            return (request.Method, parts) switch
            {
                ("POST", ["_aliases"]) => UpdateAliases(request.Body),
                ("GET", ["_alias", var alias]) => _aliases.TryGetValue(alias, out var target)
                    ? Ok(new JsonObject { [target] = new JsonObject { ["aliases"] = new JsonObject { [alias] = new JsonObject() } } })
                    : AliasMissing(alias),
                ("GET", ["_cluster", "health", var name]) => new Answer(200, CannedResponses.Text(Resolve(name) is null ? "health-no-index" : "health")),
                ("PUT", [var name]) => Create(name, request.Body),
                // Wildcards are refused, as action.destructive_requires_name (true by default since 8.0) does.
                ("DELETE", [var name]) when name.Contains('*', StringComparison.Ordinal) => new Answer(400,
                    """{"error":{"type":"illegal_argument_exception","reason":"Wildcard expressions or all indices are not allowed"},"status":400}"""),
                ("DELETE", [var names]) => names.Split(',').All(_indices.ContainsKey)
                    ? Ok(new JsonObject { ["acknowledged"] = names.Split(',').All(_indices.Remove) })
                    : NotFound(names.Split(',').First(n => !_indices.ContainsKey(n))),
                ("GET", [var pattern]) when pattern.EndsWith('*') => Ok(new JsonObject(_indices.Keys
                    .Where(k => k.StartsWith(pattern.TrimEnd('*'), StringComparison.Ordinal))
                    .Select(k => KeyValuePair.Create(k, (JsonNode?)(request.Path.Contains("features=aliases", StringComparison.Ordinal)
                        ? new JsonObject { ["aliases"] = new JsonObject() }
                        : new JsonObject { ["aliases"] = new JsonObject(), ["mappings"] = new JsonObject(), ["settings"] = new JsonObject() }))))),
                (_, [var name, "_bulk"]) => Bulk(name, Resolve(name) is { } index ? _indices[index] : null, request.Body),
                ("PUT", [var name, "_mapping"]) => Resolve(name) is { } index ? PutMeta(_indices[index], request.Body) : NotFound(name),
                ("GET", [var name, "_mapping"]) => Resolve(name) is { } index
                    ? Ok(FakeCluster.MappingOf(index, _indices[index].Schema, _indices[index].Cursor, _indices[index].Synonyms))
                    : NotFound(name),
                (_, [var name, "_count"]) => Resolve(name) is { } index ? Ok(new JsonObject { ["count"] = _indices[index].Versions.Count }) : NotFound(name),
                ("PUT", [var name, "_settings"]) => Resolve(name) is not null ? Ok(new JsonObject { ["acknowledged"] = true }) : NotFound(name),
                ("POST", [var name, "_refresh"]) => Resolve(name) is not null ? Ok(new JsonObject { ["_shards"] = new JsonObject { ["total"] = 1, ["successful"] = 1, ["failed"] = 0 } }) : NotFound(name),
                (_, [var name, "_search"]) => Resolve(name) is { } index ? ListIds(_indices[index], request.Body) : NotFound(name),
                _ => new Answer(400, $$"""{"error":{"type":"illegal_argument_exception","reason":"fake cluster: {{request.Method}} {{path}} not supported"},"status":400}"""),
            };
        }
    }

    private string? Resolve(string name) => _indices.ContainsKey(name) ? name : _aliases.GetValueOrDefault(name);

    private Answer Create(string name, string body)
    {
        if (_indices.ContainsKey(name))
        {
            return new Answer(400, """{"error":{"type":"resource_already_exists_exception","reason":"exists"},"status":400}""");
        }
        _indices[name] = new IndexData
        {
            Schema = Core.Search.Elasticsearch.ElasticsearchMapping.SchemaVersion,
            Synonyms = JsonNode.Parse(body)?["mappings"]?["_meta"]?["synonyms"]?.GetValue<string>(),
        };
        return Ok(new JsonObject { ["acknowledged"] = true, ["index"] = name });
    }

    private static Answer PutMeta(IndexData index, string body)
    {
        var meta = JsonNode.Parse(body)!["_meta"]!;
        index.Cursor = meta["cursor"]!.GetValue<long>();
        index.Schema = meta["schema"]!.GetValue<int>();
        // A mapping update replaces the whole _meta, as Elasticsearch does.
        index.Synonyms = meta["synonyms"]?.GetValue<string>();
        return Ok(new JsonObject { ["acknowledged"] = true });
    }

    private Answer UpdateAliases(string body)
    {
        foreach (var action in JsonNode.Parse(body)!["actions"]!.AsArray())
        {
            var (kind, spec) = action!.AsObject().Single();
            var alias = spec!["alias"]!.GetValue<string>();
            var index = spec["index"]!.GetValue<string>();
            if (kind == "add")
            {
                _aliases[alias] = index;
            }
            else if (kind == "remove" && _aliases.GetValueOrDefault(alias) == index)
            {
                _aliases.Remove(alias);
            }
        }
        return Ok(new JsonObject { ["acknowledged"] = true });
    }

    /// <summary>
    /// A bulk answer as Elasticsearch gives it: one item per action, with its result (<c>created</c>, <c>updated</c>,
    /// <c>deleted</c>, <c>not_found</c>) or its error. Without an index behind <paramref name="name"/>, every item is
    /// refused with <c>index_not_found_exception</c> (writes carry require_alias; deletes never create an index).
    /// </summary>
    private static Answer Bulk(string name, IndexData? index, string body)
    {
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var items = new JsonArray();
        for (var i = 0; i < lines.Length; i++)
        {
            var (operation, spec) = JsonNode.Parse(lines[i])!.AsObject().Single();
            var id = spec!["_id"]!.GetValue<string>();
            var version = spec["version"]?.GetValue<long>() ?? 1;
            if (operation != "delete")
            {
                i++;   // the document line
            }
            var item = new JsonObject { ["_index"] = name, ["_id"] = id };
            if (index is null)
            {
                item["status"] = 404;
                item["error"] = IndexNotFound(name);
            }
            else if (operation == "delete")
            {
                var found = index.Versions.Remove(id);
                item["_version"] = version;
                item["result"] = found ? "deleted" : "not_found";
                item["status"] = found ? 200 : 404;
            }
            else if (index.Versions.TryGetValue(id, out var current) && current > version)
            {
                item["status"] = 409;
                item["error"] = new JsonObject
                {
                    ["type"] = "version_conflict_engine_exception",
                    ["reason"] = $"[{id}]: version conflict, current version [{current}] is higher than the one provided [{version}]",
                };
            }
            else
            {
                var created = !index.Versions.ContainsKey(id);
                index.Versions[id] = version;
                item["_version"] = version;
                item["result"] = created ? "created" : "updated";
                item["status"] = created ? 201 : 200;
            }
            items.Add(new JsonObject { [operation] = item });
        }
        var errors = items.Any(i => i!.AsObject().Single().Value!["error"] is not null);
        return Ok(new JsonObject { ["errors"] = errors, ["took"] = 1, ["items"] = items });
    }

    private static Answer ListIds(IndexData index, string body)
    {
        var request = JsonNode.Parse(body)!;
        var size = request["size"]?.GetValue<int>() ?? 10;
        var after = request["search_after"]?[0]?.GetValue<string>();
        var hits = new JsonArray();
        foreach (var (id, version) in index.Versions.OrderBy(d => d.Key, StringComparer.Ordinal)
            .Where(d => after is null || string.CompareOrdinal(d.Key, after) > 0).Take(size))
        {
            hits.Add(new JsonObject
            {
                ["_id"] = id,
                ["_source"] = new JsonObject { ["id"] = id, ["version"] = version },
                ["sort"] = new JsonArray(id),
            });
        }
        return Ok(new JsonObject { ["took"] = 1, ["timed_out"] = false, ["hits"] = new JsonObject { ["hits"] = hits } });
    }

    private static Answer Ok(JsonNode body) => new(200, body.ToJsonString());

    /// <summary>What Elasticsearch answers to <c>GET _alias/{name}</c> for a missing alias: a 404 whose error is a string.</summary>
    private static Answer AliasMissing(string alias) => new(404, $$"""{"error":"alias [{{alias}}] missing","status":404}""");

    private static Answer NotFound(string name) =>
        new(404, new JsonObject { ["error"] = IndexNotFound(name), ["status"] = 404 }.ToJsonString());

    private static JsonObject IndexNotFound(string name) => new()
    {
        ["type"] = "index_not_found_exception",
        ["reason"] = $"no such index [{name}]",
        ["resource.type"] = "index_or_alias",
        ["resource.id"] = name,
        ["index_uuid"] = "_na_",
        ["index"] = name,
    };

    private sealed class IndexData
    {
        public Dictionary<string, long> Versions { get; } = new(StringComparer.Ordinal);
        public long Cursor { get; set; }
        public int Schema { get; set; }
        public string? Synonyms { get; set; }
    }
}
