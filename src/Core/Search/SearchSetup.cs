using System.ComponentModel.DataAnnotations;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Indexing;
using AnnuaireFiliere.Core.Search.Lucene;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Configuration;

namespace AnnuaireFiliere.Core.Search;

public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary><c>Lucene</c> (embedded, default) or <c>Elasticsearch</c>.</summary>
    [Required]
    [RegularExpression("^(Lucene|Elasticsearch)$", ErrorMessage = "Search:Provider must be Lucene or Elasticsearch.")]
    public string Provider { get; set; } = "Lucene";
}

public static class SearchSetup
{
    /// <summary>The search engine chosen by <c>Search:Provider</c>, and its index.</summary>
    public static IHostApplicationBuilder AddCompanySearch(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var provider = builder.Configuration[$"{SearchOptions.Section}:{nameof(SearchOptions.Provider)}"] ?? "Lucene";
        if (string.Equals(provider, "Elasticsearch", StringComparison.OrdinalIgnoreCase))
        {
            // Refuse rather than silently fall back to the embedded engine.
            throw new InvalidOperationException("Search:Provider = Elasticsearch is not available in this version yet (issue #4); use Lucene.");
        }
        builder.Services.AddSingleton(SynonymCatalog.Default);
        builder.Services.AddSingleton(services => new LuceneIndex(
            Path.Combine(services.GetRequiredService<DataPaths>().DataDirectory, "index"),
            services.GetRequiredService<ILogger<LuceneIndex>>()));
        builder.Services.AddSingleton<ISearchIndex>(services => services.GetRequiredService<LuceneIndex>());
        builder.Services.AddSingleton<ICompanySearch>(services => new LuceneCompanySearch(
            services.GetRequiredService<LuceneIndex>(), services.GetRequiredService<TaxonomyCatalog>(), services.GetRequiredService<SynonymCatalog>()));
        return builder;
    }

    /// <summary>The indexing pipeline, and its loop in this process when <c>Indexing:RunInProcess</c> (embedded mode).</summary>
    public static IHostApplicationBuilder AddIndexing(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<IndexingOptions>().BindConfiguration(IndexingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IndexingPipeline>();
        builder.Services.AddHealthChecks().AddCheck<SearchIndexHealthCheck>("search", tags: [DatabaseExtensions.ReadyTag]);
        if (builder.Configuration.GetValue($"{IndexingOptions.Section}:{nameof(IndexingOptions.RunInProcess)}", defaultValue: true))
        {
            builder.Services.AddHostedService<IndexingService>();
        }
        return builder;
    }
}
