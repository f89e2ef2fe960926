using System.ComponentModel.DataAnnotations;
using System.Diagnostics.Metrics;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Indexing;
using AnnuaireFiliere.Core.Search.Elasticsearch;
using AnnuaireFiliere.Core.Search.Lucene;
using Elastic.Clients.Elasticsearch;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AnnuaireFiliere.Core.Search;

public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary><c>Lucene</c> (embedded, default) or <c>Elasticsearch</c>.</summary>
    [Required]
    [RegularExpression("^(?i:lucene|elasticsearch)$", ErrorMessage = "Search:Provider must be Lucene or Elasticsearch.")]
    public string Provider { get; set; } = "Lucene";

    public bool IsElasticsearch => string.Equals(Provider, "Elasticsearch", StringComparison.OrdinalIgnoreCase);
}

public static class SearchSetup
{
    /// <summary>
    /// The search engine chosen by <c>Search:Provider</c>, and its index: with Lucene, this node's own folder
    /// (<see cref="LuceneOptions"/>).
    /// </summary>
    public static IHostApplicationBuilder AddCompanySearch(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The moderators' synonym rules, read for every search and every document indexed.
        builder.Services.AddSingleton<SynonymStore>();
        builder.Services.AddSingleton<ISynonymSource>(services => services.GetRequiredService<SynonymStore>());
        builder.Services.AddScoped<SynonymRules>();
        var options = new SearchOptions();
        builder.Configuration.GetSection(SearchOptions.Section).Bind(options);
        if (options.IsElasticsearch)
        {
            return builder.AddElasticsearchSearch();
        }
        builder.Services.AddOptions<LuceneOptions>().BindConfiguration(LuceneOptions.Section);
        builder.Services.AddSingleton(services => new LuceneIndex(
            services.GetRequiredService<IOptions<LuceneOptions>>().Value.IndexFolder(
                services.GetRequiredService<DataPaths>(), services.GetRequiredService<IOptions<NodeOptions>>().Value),
            services.GetRequiredService<ILogger<LuceneIndex>>(),
            services.GetRequiredService<ISynonymSource>()));
        builder.Services.AddSingleton<ISearchIndex>(services => services.GetRequiredService<LuceneIndex>());
        builder.Services.AddSingleton<ICompanySearch>(services => new InstrumentedSearch(
            new LuceneCompanySearch(services.GetRequiredService<LuceneIndex>(), services.GetRequiredService<TaxonomyCatalog>(), services.GetRequiredService<ISynonymSource>()),
            "lucene", services.GetRequiredService<IMeterFactory>()));
        return builder;
    }

    /// <summary>
    /// The query log (<see cref="QueryLog"/>): searches counted in memory, written every <c>QueryLog:FlushInterval</c>
    /// and at shutdown, days older than <c>QueryLog:KeepMonths</c> months deleted daily.
    /// </summary>
    public static IHostApplicationBuilder AddQueryLog(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<QueryLogOptions>().BindConfiguration(QueryLogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<QueryLog>();
        builder.Services.AddHostedService<QueryLogService>();
        return builder;
    }

    /// <summary>
    /// Elasticsearch (scaled mode): the client from <c>Search:Elasticsearch</c>, the index behind its alias, the
    /// search, and the cluster's state in <c>/health/ready</c>.
    /// </summary>
    private static IHostApplicationBuilder AddElasticsearchSearch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ElasticsearchOptions>().BindConfiguration(ElasticsearchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(services => new ElasticsearchClient(services.GetRequiredService<IOptions<ElasticsearchOptions>>().Value.ClientSettings()));
        builder.Services.AddSingleton<ElasticsearchExpensiveQueries>();
        builder.Services.AddSingleton<ElasticsearchIndex>();
        builder.Services.AddSingleton<ISearchIndex>(services => services.GetRequiredService<ElasticsearchIndex>());
        builder.Services.AddSingleton<ElasticsearchCompanySearch>();
        builder.Services.AddSingleton<ICompanySearch>(services => new InstrumentedSearch(
            services.GetRequiredService<ElasticsearchCompanySearch>(), "elasticsearch", services.GetRequiredService<IMeterFactory>()));
        builder.Services.AddHealthChecks().AddCheck<ElasticsearchHealthCheck>("elasticsearch", failureStatus: null, tags: [DataSetup.ReadyTag], timeout: TimeSpan.FromSeconds(5));
        return builder;
    }

    /// <summary>
    /// The indexing pipeline, rebuilds started from a page (<see cref="IndexRebuild"/>), and the indexing loop in this
    /// process when <c>Indexing:RunInProcess</c> (embedded mode).
    /// </summary>
    public static IHostApplicationBuilder AddIndexing(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<IndexingOptions>().BindConfiguration(IndexingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IndexingPipeline>();
        builder.Services.AddSingleton<IndexRebuild>();
        builder.Services.AddSingleton<IndexingMetrics>();
        builder.Services.AddHealthChecks().AddCheck<SearchIndexHealthCheck>("search", tags: [DataSetup.ReadyTag]);
        if (builder.Configuration.GetValue($"{IndexingOptions.Section}:{nameof(IndexingOptions.RunInProcess)}", defaultValue: true))
        {
            builder.Services.AddHostedService<IndexingService>();
        }
        return builder;
    }
}
