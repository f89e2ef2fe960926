using AnnuaireFiliere.Core.Demo;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Indexing;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AnnuaireFiliere.Core.Data;

public static class DataSetup
{
    /// <summary>Tag of the health checks that say whether the application can serve (<c>/health/ready</c>).</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// The database (SQLite under the data folder, or PostgreSQL: <see cref="DatabaseOptions"/>), the taxonomy catalogue, the clock, the company rules and the
    /// company life cycle (which tells nobody unless the host registers its own <see cref="ICompanyNotifications"/>,
    /// as the site does to mail). Shared by Web and Indexer.
    /// </summary>
    public static IHostApplicationBuilder AddAppDatabase(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(TaxonomyCatalog.Default);
        builder.Services.TryAddSingleton(Survey.QuestionnaireCatalog.Default);
        builder.Services.TryAddScoped<Survey.SurveyWaves>();
        builder.Services.TryAddScoped<Survey.Results.SurveyResultsService>();
        builder.Services.TryAddScoped<Survey.Results.SurveyCommentaries>();
        builder.Services.TryAddScoped<Buyers.BuyerGuard>();
        builder.Services.TryAddScoped<Buyers.NeedStatistics>();
        builder.Services.TryAddScoped<Buyers.NeedMatching>();
        builder.Services.TryAddScoped<Buyers.Needs>();
        builder.Services.TryAddSingleton<Buyers.ContactRequestLimits>();
        builder.Services.TryAddScoped<Buyers.ContactRequests>();
        builder.Services.TryAddSingleton<CompanyValidator>();
        builder.Services.TryAddSingleton<ILookupNormalizer, UpperInvariantLookupNormalizer>();
        builder.Services.TryAddSingleton<ICompanyNotifications, NoCompanyNotifications>();
        builder.Services.AddScoped<CompanyLifecycle>();
        builder.Services.AddScoped<ProfileAudience>();
        builder.Services.AddSingleton<DataPaths>();
        builder.Services.TryAddSingleton<IndexingSignal>();
        // The provider decides the context type (each has its migration set), so it is read before the host is built;
        // the same values are validated at start with the other options.
        var database = DatabaseOptions.From(builder.Configuration);
        builder.Services.AddOptions<DatabaseOptions>()
            .Configure(options => DatabaseOptions.Bind(builder.Configuration, options))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        void Configure(IServiceProvider services, DbContextOptionsBuilder options) =>
            options.Use(database.Provider, database.Provider == DatabaseProvider.PostgreSql
                    ? database.ConnectionString ?? string.Empty
                    : services.GetRequiredService<DataPaths>().ConnectionString)
                .AddInterceptors(new IndexingSignalInterceptor(services.GetRequiredService<IndexingSignal>()));
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            builder.Services.AddDbContext<AppDbContext, PostgreSqlDbContext>(Configure);
        }
        else
        {
            builder.Services.AddDbContext<AppDbContext>(Configure);
        }
        builder.Services.AddTransient<DatabaseInitializer>();
        builder.AddJobLeases();
        // Logos, réalisations' images, open-data extracts: Storage:Files, by default following the database.
        builder.Services.AddSingleton<Files.IFileStore>(services =>
            services.GetRequiredService<IOptions<StorageOptions>>().Value.FilesOn(database.Provider) == FileStorage.Database
                ? new Files.DatabaseFileStore(services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<TimeProvider>())
                : new Files.FileSystemFileStore(services.GetRequiredService<DataPaths>().DataDirectory));
        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>
    /// Embedded mode start-up: creates and migrates the database, synchronizes the reference data, and fills an
    /// empty database with demo companies when <c>DemoData:SeedWhenEmpty</c> is on.
    /// </summary>
    public static async Task PrepareDataAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        var demo = scope.ServiceProvider.GetRequiredService<IOptions<DemoDataOptions>>().Value;
        if (demo.SeedWhenEmpty && !await scope.ServiceProvider.GetRequiredService<AppDbContext>().Companies.AnyAsync(cancellationToken))
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(demo.Count, demo.Seed, cancellationToken: cancellationToken);
            if (scope.ServiceProvider.GetService<Statistics.SnapshotStore>() is { } snapshots)
            {
                await snapshots.ReconstructHistoryAsync(DemoDataOptions.HistoryMonths, cancellationToken);
            }
        }
    }
}

/// <summary>The resolved locations of the data folder and the database file.</summary>
public sealed class DataPaths
{
    public DataPaths(IOptions<StorageOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        DataDirectory = Path.GetFullPath(options.Value.DataDirectory, environment.ContentRootPath);
        DatabaseFile = Path.Combine(DataDirectory, options.Value.DatabaseFile);
        ConnectionString = AppDatabase.SqliteConnectionString(DatabaseFile);
        LogosDirectory = Path.Combine(DataDirectory, "logos");
        RealisationsDirectory = Path.Combine(DataDirectory, "realisations");
    }

    public string DataDirectory { get; }
    public string DatabaseFile { get; }
    public string ConnectionString { get; }

    /// <summary>
    /// The companies' logos (WebP files), beside the database: both are what a backup holds. With
    /// <c>Storage:Files=Database</c> they are rows of the database instead (<see cref="Files.IFileStore"/>).
    /// </summary>
    public string LogosDirectory { get; }

    /// <summary>The images of the companies' réalisations (WebP files, docs/adr/0026).</summary>
    public string RealisationsDirectory { get; }
}
