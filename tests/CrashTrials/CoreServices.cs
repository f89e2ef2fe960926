using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Indexing;
using AnnuaireFiliere.Core.Search;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AnnuaireFiliere.CrashTrials;

/// <summary>The site's Core services on a data folder, for the workers and for the checks made in the harness's process.</summary>
internal static class CoreServices
{
    /// <summary>
    /// What the site builds for its data (Core's <c>AddAppDatabase</c>, <c>AddCompanySearch</c> on Lucene,
    /// <c>AddIndexing</c>, with the indexing loop in this process when <paramref name="runIndexing"/>: embedded mode),
    /// in a generic host.
    /// </summary>
    public static IHost Host(string data, bool runIndexing)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = data, ApplicationName = "AnnuaireFiliere.CrashTrials" });
        builder.Configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.DataDirectory)}"] = data;
        builder.Configuration[$"{IndexingOptions.Section}:{nameof(IndexingOptions.RunInProcess)}"] = runIndexing ? "true" : "false";
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(options => options.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.AddAppDatabase();
        builder.AddCompanySearch();
        builder.AddIndexing();
        return builder.Build();
    }

    /// <summary>
    /// What <c>Indexer verify</c> does, without starting a process: open the folder as a new process would
    /// (<see cref="DatabaseInitializer"/>, the index and its lock), catch up, compare the index with the published companies.
    /// </summary>
    public static async Task<VerifyReport> VerifyAsync(string data, CancellationToken cancellationToken)
    {
        try
        {
            using var host = Host(data, runIndexing: false);
            await using (var scope = host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
            }
            var pipeline = host.Services.GetRequiredService<IndexingPipeline>();
            await pipeline.CatchUpAsync(cancellationToken);
            return await pipeline.VerifyAsync(repair: false, cancellationToken);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }
}
