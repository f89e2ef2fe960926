using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Search.Elasticsearch;
using AnnuaireFiliere.Core.Search.Lucene;
using AnnuaireFiliere.Core.Taxonomy;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnnuaireFiliere.Search.Relevance;

/// <summary>A real Lucene index of a set in a temporary folder, with the engine the site uses on it; deleted on dispose.</summary>
public sealed class LuceneRelevanceIndex : IAsyncDisposable
{
    public const string Engine = "lucene";

    private readonly string _folder;
    private readonly LuceneIndex _index;

    private LuceneRelevanceIndex(string folder, LuceneIndex index, ICompanySearch search)
    {
        _folder = folder;
        _index = index;
        Search = search;
    }

    public ICompanySearch Search { get; }

    public static async Task<LuceneRelevanceIndex> CreateAsync(RelevanceSet set, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        var folder = Path.Combine(Path.GetTempPath(), "annuaire-relevance", Guid.NewGuid().ToString("N"));
        var index = new LuceneIndex(folder, NullLogger<LuceneIndex>.Instance);
        try
        {
            // One batch written by one thread, so documents get the profiles' order (RebuildAsync adds them from one
            // task per core, an order that changes from run to run, and score ties fall back to index order).
            await index.ApplyAsync(set.Documents(TaxonomyCatalog.Default), [], cursor: 1, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            index.Dispose();
            Directory.Delete(folder, recursive: true);
            throw;
        }
        return new LuceneRelevanceIndex(folder, index, new LuceneCompanySearch(index, TaxonomyCatalog.Default, SynonymCatalog.Default));
    }

    /// <summary>Builds the index, measures the set on it, and deletes the index.</summary>
    public static async Task<RelevanceReport> MeasureAsync(RelevanceSet set, CancellationToken cancellationToken = default)
    {
        await using var index = await CreateAsync(set, cancellationToken).ConfigureAwait(false);
        return await RelevanceMeasure.RunAsync(index.Search, set, Engine, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        _index.Dispose();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A set indexed in an Elasticsearch cluster under its own index prefix, with the engine the site uses on it;
/// its indices are deleted on dispose.
/// </summary>
public sealed class ElasticsearchRelevanceIndex : IAsyncDisposable
{
    public const string Engine = "elasticsearch";

    private readonly ElasticsearchClient _client;
    private readonly ElasticsearchOptions _options;

    private ElasticsearchRelevanceIndex(ElasticsearchClient client, ElasticsearchOptions options, ICompanySearch search)
    {
        _client = client;
        _options = options;
        Search = search;
    }

    public ICompanySearch Search { get; }

    /// <summary>Indexes the set with <paramref name="options"/> (give it an <see cref="ElasticsearchOptions.IndexPrefix"/> no one else uses).</summary>
    public static async Task<ElasticsearchRelevanceIndex> CreateAsync(RelevanceSet set, ElasticsearchOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(options);
        var client = new ElasticsearchClient(options.ClientSettings());
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        var index = new ElasticsearchIndex(client, wrapped, TimeProvider.System, NullLogger<ElasticsearchIndex>.Instance);
        var created = new ElasticsearchRelevanceIndex(client, options, new ElasticsearchCompanySearch(client, wrapped, TaxonomyCatalog.Default, SynonymCatalog.Default, new ElasticsearchExpensiveQueries(Microsoft.Extensions.Logging.Abstractions.NullLogger<ElasticsearchExpensiveQueries>.Instance)));
        try
        {
            await index.RebuildAsync(set.Documents(TaxonomyCatalog.Default).ToAsyncEnumerable(), cursor: 1, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await created.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return created;
    }

    /// <summary>The options for the cluster at <c>ELASTICSEARCH_URL</c> (and its user name and password), or null when it is not set.</summary>
    public static ElasticsearchOptions? OptionsFromEnvironment(string indexPrefix)
    {
        var url = Environment.GetEnvironmentVariable("ELASTICSEARCH_URL");
        return string.IsNullOrWhiteSpace(url) ? null : new ElasticsearchOptions
        {
            Nodes = [new Uri(url)],
            Username = Environment.GetEnvironmentVariable("ELASTICSEARCH_USERNAME"),
            Password = Environment.GetEnvironmentVariable("ELASTICSEARCH_PASSWORD"),
            IndexPrefix = indexPrefix,
            Replicas = 0,
            RequestTimeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>A prefix no other run uses: <c>relevance-{set}-{random}-</c>.</summary>
    public static string UniquePrefix(string set) => $"relevance-{set}-{Guid.NewGuid().ToString("N")[..12]}-";

    public async ValueTask DisposeAsync() =>
        await _client.Indices.DeleteAsync(new DeleteIndexRequest((Indices)$"{_options.Alias}-*")).ConfigureAwait(false);
}
