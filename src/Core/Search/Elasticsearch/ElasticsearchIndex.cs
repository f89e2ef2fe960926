using System.Globalization;
using System.Text.Json;
using AnnuaireFiliere.Core.Indexing;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using EsSearchRequest = Elastic.Clients.Elasticsearch.SearchRequest;
using IndexState = AnnuaireFiliere.Core.Indexing.IndexState;

namespace AnnuaireFiliere.Core.Search.Elasticsearch;

/// <summary>
/// The writing side on Elasticsearch. Searches and writes go through an alias; a full rebuild fills a new
/// timestamped index and swaps the alias in one atomic action, then removes the old index. The task-log cursor is
/// the index's mapping <c>_meta</c>, written after the batch it follows was acknowledged: a crash in between
/// replays the batch, which is harmless because documents carry the company version as external version. The
/// <c>_meta</c> also holds the stamp of the synonym rules the index was rebuilt with; since a mapping update replaces
/// the whole <c>_meta</c>, the stamp read last is written again with each cursor.
/// </summary>
public sealed partial class ElasticsearchIndex : ISearchIndex
{
    private readonly ElasticsearchClient _client;
    private readonly ElasticsearchOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<ElasticsearchIndex> _logger;
    private readonly ResiliencePipeline _retries;
    private readonly ISynonymSource _synonyms;
    private volatile KnownStamp? _synonymStamp;

    /// <param name="synonyms">Where documents read the synonym rules (<see cref="SynonymCatalog.Default"/> when not given).</param>
    public ElasticsearchIndex(ElasticsearchClient client, IOptions<ElasticsearchOptions> options, TimeProvider clock, ILogger<ElasticsearchIndex> logger, ISynonymSource? synonyms = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _synonyms = synonyms ?? SynonymCatalog.Default;
        _client = client;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _retries = ElasticsearchCalls.WriteRetries(_options, logger);
    }

    public string Alias => _options.Alias;

    public Task<IndexState> GetStateAsync(CancellationToken cancellationToken = default) => Contract(() => ReadStateAsync(cancellationToken), "the index state");

    public Task ApplyAsync(IReadOnlyList<CompanyDocument> upserts, IReadOnlyList<Guid> deletes, long cursor, CancellationToken cancellationToken = default) =>
        Contract(async () => { await WriteBatchAsync(upserts, deletes, cursor, cancellationToken); return true; }, "the batch");

    public Task RebuildAsync(IAsyncEnumerable<CompanyDocument> documents, long cursor, CancellationToken cancellationToken = default) =>
        Contract(async () => { await BuildAsync(documents, cursor, cancellationToken); return true; }, "the rebuild");

    public Task<IReadOnlyDictionary<Guid, int>> ListVersionsAsync(CancellationToken cancellationToken = default) => Contract(() => ReadVersionsAsync(cancellationToken), "the versions");

    public async Task<string> DescribeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return $"Elasticsearch ({Alias} → {await LiveIndexAsync(cancellationToken) ?? "-"})";
        }
        catch (ElasticsearchRequestException unavailable) when (unavailable.IsTransient)
        {
            return $"Elasticsearch ({Alias} → ?)";
        }
    }

    /// <summary>
    /// The contract's view of a failure: a cluster that cannot answer now (after the retries) is
    /// <see cref="SearchUnavailableException"/>, whatever the engine; a request the cluster refuses stays what it is.
    /// </summary>
    private static async Task<T> Contract<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return await call();
        }
        catch (ElasticsearchRequestException failed) when (failed.IsTransient)
        {
            throw new SearchUnavailableException($"Elasticsearch could not answer for {what}: {failed.Message}", failed);
        }
    }

    private async Task<IndexState> ReadStateAsync(CancellationToken cancellationToken)
    {
        var mapping = await _client.Indices.GetMappingAsync(new GetMappingRequest(Alias), cancellationToken);
        if (mapping.ApiCallDetails?.HttpStatusCode == 404)
        {
            _synonymStamp = new KnownStamp(null);
            return new IndexState(0, Initialized: false, 0);
        }
        ElasticsearchCalls.Ensure(mapping, $"GET {Alias}/_mapping");
        var meta = mapping.Mappings.Values.FirstOrDefault()?.Mappings?.Meta;
        if (Number(meta, ElasticsearchMapping.SchemaKey) != ElasticsearchMapping.SchemaVersion)
        {
            _synonymStamp = new KnownStamp(null);
            return new IndexState(0, Initialized: false, 0);
        }
        var stamp = Text(meta, ElasticsearchMapping.SynonymsKey);
        _synonymStamp = new KnownStamp(stamp);
        var count = ElasticsearchCalls.Ensure(await _client.CountAsync(new CountRequest(Alias), cancellationToken), $"GET {Alias}/_count");
        return new IndexState(Number(meta, ElasticsearchMapping.CursorKey) ?? 0, Initialized: true, count.Count) { SynonymStamp = stamp };
    }

    /// <summary>The concrete index behind the alias, or null when there is none.</summary>
    public async Task<string?> LiveIndexAsync(CancellationToken cancellationToken = default) =>
        await IndicesOfAliasAsync(cancellationToken) is [var live, ..] ? live : null;

    private async Task WriteBatchAsync(IReadOnlyList<CompanyDocument> upserts, IReadOnlyList<Guid> deletes, long cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        ArgumentNullException.ThrowIfNull(deletes);
        if (upserts.Count + deletes.Count > 0)
        {
            // Through the alias only: were it missing (an index deleted by hand), the bulk would otherwise create an
            // index of that name with dynamic mappings, which no alias could then take (rebuilds would fail forever).
            var synonyms = _synonyms.Current;
            await BulkAsync(Alias, [.. upserts.Select(u => Index(u, synonyms)), .. deletes.Select(id => new BulkDeleteOperation(id.ToString("D")))], cancellationToken, requireAlias: true);
        }
        // The rebuild's stamp stays (documents written now have the current rules' tokens, the others keep theirs);
        // the indexing loop has just read it with the state, anyone else reads it once here.
        if (_synonymStamp is null)
        {
            await GetStateAsync(cancellationToken);
        }
        await SetCursorAsync(Alias, cursor, _synonymStamp?.Value, cancellationToken);
    }

    private async Task BuildAsync(IAsyncEnumerable<CompanyDocument> documents, long cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var name = $"{Alias}-{_clock.GetUtcNow():yyyyMMdd-HHmmss-fff}";
        // One catalog for the whole rebuild, whose stamp the new index keeps.
        var synonyms = _synonyms.Current;
        LogRebuilding(name);
        await WriteAsync(c => c.Indices.CreateAsync(ElasticsearchMapping.CreateIndex(name, replicas: 0, cursor: 0, synonyms.IndexStamp), cancellationToken), $"PUT {name}", cancellationToken);
        try
        {
            var batch = new List<IBulkOperation>(_options.BulkSize);
            await foreach (var document in documents.WithCancellation(cancellationToken))
            {
                batch.Add(Index(document, synonyms));
                if (batch.Count == _options.BulkSize)
                {
                    await BulkAsync(name, batch, cancellationToken);
                    batch = new List<IBulkOperation>(_options.BulkSize);
                }
            }
            if (batch.Count > 0)
            {
                await BulkAsync(name, batch, cancellationToken);
            }
            await WriteAsync(c => c.Indices.PutSettingsAsync(new PutIndicesSettingsRequest(name, ElasticsearchMapping.Live(_options.Replicas)), cancellationToken), $"PUT {name}/_settings", cancellationToken);
            await WriteAsync(c => c.Indices.RefreshAsync(new RefreshRequest(name), cancellationToken), $"POST {name}/_refresh", cancellationToken);
            await SetCursorAsync(name, cursor, synonyms.IndexStamp, cancellationToken);
        }
        catch
        {
            // The live alias was not touched: searches go on with the old index. The half-built one is dropped.
            await DropAsync([name]);
            throw;
        }
        await SwapAliasAsync(name, cancellationToken);
        _synonymStamp = new KnownStamp(synonyms.IndexStamp);
    }

    private async Task<IReadOnlyDictionary<Guid, int>> ReadVersionsAsync(CancellationToken cancellationToken)
    {
        // Writes are visible to searches after a refresh (about a second); verification must see them all.
        await WriteAsync(c => c.Indices.RefreshAsync(new RefreshRequest(Alias), cancellationToken), $"POST {Alias}/_refresh", cancellationToken);
        var versions = new Dictionary<Guid, int>();
        ICollection<FieldValue>? after = null;
        while (true)
        {
            var request = new EsSearchRequest(Alias)
            {
                Size = 5_000,
                Sort = [new FieldSort(ElasticsearchMapping.Id) { Order = SortOrder.Asc }],
                SearchAfter = after,
                Source = new SourceConfig(new SourceFilter { Includes = Fields.FromStrings(["id", "version"]) }),
                TrackTotalHits = new TrackHits(false),
            };
            var page = ElasticsearchCalls.Ensure(await _client.SearchAsync<ElasticsearchCompany>(request, cancellationToken), $"GET {Alias}/_search");
            foreach (var hit in page.Hits.Where(h => h.Source is not null))
            {
                versions[Guid.Parse(hit.Source!.Id)] = hit.Source.Version;
            }
            if (page.Hits.Count < request.Size)
            {
                return versions;
            }
            after = [.. page.Hits.Last().Sort!];
        }
    }

    /// <summary>The external version is the company version: a write older than what the index holds is refused (409).</summary>
    private static BulkIndexOperation<ElasticsearchCompany> Index(CompanyDocument document, SynonymCatalog synonyms) => new(ElasticsearchMapping.ToSource(document, synonyms))
    {
        Id = document.Id.ToString("D"),
        Version = document.Version,
        // "external_gte": the same version again (a replay after a crash) is accepted; an older one is not.
        VersionType = VersionType.ExternalGte,
    };

    /// <summary>
    /// One bulk request, retried as a whole on transient failures (its writes are idempotent). Items refused as
    /// stale (409) and deletes of documents already gone are expected; items refused for being too many (429)
    /// make the batch retry; any other item error fails the batch, so that the cursor stays before it.
    /// </summary>
    private Task BulkAsync(string index, List<IBulkOperation> operations, CancellationToken cancellationToken, bool requireAlias = false) =>
        _retries.ExecuteAsync(async token =>
        {
            var what = $"POST {index}/_bulk ({operations.Count} operation(s))";
            var response = await ElasticsearchCalls.CallAsync(
                () => _client.BulkAsync(new BulkRequest(index) { Operations = new BulkOperationsCollection(operations), RequireAlias = requireAlias ? true : null }, token), what,
                accept: bulk => bulk.ApiCallDetails?.HttpStatusCode == 200 && bulk.Items?.Count == operations.Count);
            var failed = response.Items.Where(i => i.Status >= 300 && !IsAlreadyGone(i)).ToList();
            foreach (var stale in failed.Where(i => i.Status == 409))
            {
                LogStaleSkipped(stale.Id, stale.Error?.Reason);
            }
            var errors = failed.Where(i => i.Status != 409).ToList();
            if (errors.Count > 0)
            {
                var first = errors[0];
                throw new ElasticsearchRequestException(
                    $"Elasticsearch refused {errors.Count} of {operations.Count} operation(s) of {what}; first: {first.Status} {first.Error?.Type}: {first.Error?.Reason}",
                    first.Status, isTransient: errors.All(e => e.Status == 429 || e.Status >= 500), null);
            }
        }, cancellationToken).AsTask();

    /// <summary>
    /// A delete of a document the index does not hold: 404 with the result <c>not_found</c> and no error. Any other
    /// 404 of a delete is <c>index_not_found_exception</c>: the alias is missing (<c>require_alias</c> does not apply
    /// to deletes), and the batch fails like any refused item, so that the cursor stays before it.
    /// </summary>
    private static bool IsAlreadyGone(ResponseItem item) =>
        item.Operation == "delete" && item.Status == 404 && item.Error is null && item.Result == "not_found";

    /// <summary>The cursor, written only after the documents before it were acknowledged.</summary>
    private Task SetCursorAsync(string index, long cursor, string? synonymStamp, CancellationToken cancellationToken) =>
        WriteAsync(c => c.Indices.PutMappingAsync(new PutMappingRequest(index) { Meta = ElasticsearchMapping.Meta(cursor, synonymStamp) }, cancellationToken),
            $"PUT {index}/_mapping (cursor {cursor})", cancellationToken);

    /// <summary>The alias moves to the new index in one atomic action; the indices it leaves are then removed.</summary>
    private async Task SwapAliasAsync(string name, CancellationToken cancellationToken)
    {
        var previous = await IndicesOfAliasAsync(cancellationToken);
        var actions = new List<IndexUpdateAliasesAction>();
        actions.AddRange(previous.Select(old => (IndexUpdateAliasesAction)new RemoveAction { Index = old, Alias = Alias }));
        actions.Add(new AddAction { Index = name, Alias = Alias });
        await WriteAsync(c => c.Indices.UpdateAliasesAsync(new UpdateAliasesRequest { Actions = actions }, cancellationToken), $"POST _aliases ({Alias} → {name})", cancellationToken);
        LogSwapped(Alias, name);
        // Older indices of this alias: the one just replaced, and any left by an interrupted rebuild.
        await DropAsync(await LeftoversAsync(name, previous, cancellationToken));
    }

    /// <summary>
    /// The indices this alias built before <paramref name="live"/>: only names this class gives
    /// (<c>{alias}-yyyyMMdd-HHmmss-fff</c>), since another site's prefix may extend this alias ("annuaire-" and
    /// "annuaire-companies-test-" share the pattern) and its indices are not ours to remove. Only the aliases are
    /// asked for (<c>features=aliases</c>): the settings come back as strings the client has failed to read before,
    /// and the swap is done by now; if the listing fails, the indices the alias left are removed all the same.
    /// </summary>
    private async Task<IReadOnlyList<string>> LeftoversAsync(string live, IReadOnlyList<string> previous, CancellationToken cancellationToken)
    {
        try
        {
            var what = $"GET {Alias}-*?features=aliases";
            var indices = await ElasticsearchCalls.CallAsync(
                () => _client.Indices.GetAsync(new GetIndexRequest((Indices)$"{Alias}-*") { Features = [Feature.Aliases] }, cancellationToken), what);
            return [.. indices.Indices.Keys.Where(i => i != live && IsBuiltByThisAlias(i))];
        }
        catch (ElasticsearchRequestException failed)
        {
            LogListingFailed(Alias, failed.Message);
            return [.. previous.Where(i => i != live)];
        }
    }

    private bool IsBuiltByThisAlias(string index) =>
        index.Length == Alias.Length + 20 && index.StartsWith(Alias + "-", StringComparison.Ordinal)
        && DateTime.TryParseExact(index[(Alias.Length + 1)..], "yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private async Task<IReadOnlyList<string>> IndicesOfAliasAsync(CancellationToken cancellationToken)
    {
        var aliases = await _client.Indices.GetAliasAsync(new GetAliasRequest((Names)Alias), cancellationToken);
        return aliases.ApiCallDetails?.HttpStatusCode == 404 ? [] : [.. ElasticsearchCalls.Ensure(aliases, $"GET _alias/{Alias}").Aliases?.Keys ?? []];
    }

    /// <summary>Removes indices; a failure is logged, not thrown (a leftover index is removed by the next rebuild).</summary>
    private async Task DropAsync(IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            try
            {
                var deleted = await _client.Indices.DeleteAsync(new DeleteIndexRequest(name), CancellationToken.None);
                if (!deleted.IsValidResponse && deleted.ApiCallDetails?.HttpStatusCode != 404)
                {
                    LogDropFailed(name, deleted.DebugInformation);
                }
                else
                {
                    LogDropped(name);
                }
            }
            catch (Exception exception) when (ElasticsearchCalls.IsTransient(exception))
            {
                LogDropFailed(name, exception.Message);
            }
        }
    }

    private Task WriteAsync<T>(Func<ElasticsearchClient, Task<T>> call, string what, CancellationToken cancellationToken)
        where T : Elastic.Transport.Products.Elasticsearch.ElasticsearchResponse =>
        _retries.ExecuteAsync(async token => { await ElasticsearchCalls.CallAsync(() => call(_client), what); }, cancellationToken).AsTask();

    private static long? Number(IDictionary<string, object>? meta, string key) =>
        meta is not null && meta.TryGetValue(key, out var value) ? value switch
        {
            JsonElement { ValueKind: JsonValueKind.Number } json => json.GetInt64(),
            JsonElement { ValueKind: JsonValueKind.String } json => long.Parse(json.GetString()!, CultureInfo.InvariantCulture),
            IConvertible convertible => convertible.ToInt64(CultureInfo.InvariantCulture),
            _ => null,
        } : null;

    private static string? Text(IDictionary<string, object>? meta, string key) =>
        meta is not null && meta.TryGetValue(key, out var value) ? value switch
        {
            JsonElement { ValueKind: JsonValueKind.String } json => json.GetString(),
            string text => text,
            _ => null,
        } : null;

    /// <summary>The stamp read from the index (null when it has none), once it was read.</summary>
    private sealed record KnownStamp(string? Value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Company {CompanyId} not indexed: the index already has a newer version ({Reason})")]
    private partial void LogStaleSkipped(string? companyId, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Building the new index {Index}")]
    private partial void LogRebuilding(string index);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alias {Alias} now points to {Index}")]
    private partial void LogSwapped(string alias, string index);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed index {Index}")]
    private partial void LogDropped(string index);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not list the older indices of {Alias} (removing only those it pointed to): {Reason}")]
    private partial void LogListingFailed(string alias, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove index {Index}: {Reason}")]
    private partial void LogDropFailed(string index, string reason);
}
