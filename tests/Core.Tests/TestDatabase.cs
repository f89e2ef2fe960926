using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AnnuaireFiliere.Core.Tests;

/// <summary>
/// A real database, migrated and with the reference data loaded: a SQLite file in a fresh temporary folder, or a
/// database of its own on the PostgreSQL server of <see cref="TestPostgres"/> (the folder still holds the test's files).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string folder)
    {
        Folder = folder;
        File = Path.Combine(folder, "test.db");
        ConnectionString = $"Data Source={File}";
    }

    public string Folder { get; }

    /// <summary>The SQLite file (on PostgreSQL, tests that read the file itself skip: <see cref="TestPostgres.SkipOnPostgres"/>).</summary>
    public string File { get; }

    public DatabaseProvider Provider { get; private init; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; private set; }
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero));

    /// <summary>A fresh database on the provider the tests run on, or on <paramref name="provider"/>.</summary>
    public static async Task<TestDatabase> CreateAsync(bool migrate = true, DatabaseProvider? provider = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "annuaire-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = new TestDatabase(folder) { Provider = provider ?? TestPostgres.Provider };
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            database.ConnectionString = await TestPostgres.AcquireAsync(folder, migrated: migrate);
            return database;
        }
        if (migrate)
        {
            await using var db = database.Context();
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
            await new TaxonomySynchronizer(db, NullLogger<TaxonomySynchronizer>.Instance)
                .SynchronizeAsync(TaxonomyCatalog.LoadEmbedded(), TestContext.Current.CancellationToken);
        }
        return database;
    }

    public AppDbContext Context(params IInterceptor[] interceptors) =>
        AppDatabase.Create(Provider, ConnectionString, Clock, options => options.AddInterceptors(interceptors));

    /// <summary>
    /// A context whose model leaves out the columns that migrations newer than those the migration tests start from
    /// add: it writes rows into a database migrated back to an older schema, then reads them once migrated up.
    /// </summary>
    public AppDbContext ContextAtOlderSchema() =>
        new(new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite($"Data Source={File}")
            .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCustomizer, OlderSchema>()
            // Its model is knowingly behind the migrations: that is the point.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options, Clock);

    private sealed class OlderSchema(Microsoft.EntityFrameworkCore.Infrastructure.ModelCustomizerDependencies dependencies)
        : Microsoft.EntityFrameworkCore.Infrastructure.RelationalModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            // Added after the migrations under test, newest last.
            modelBuilder.Entity<Company>().Ignore(c => c.RequestsOff).Ignore(c => c.NeedsOff); // BuyersAsk
            modelBuilder.Ignore<Core.Buyers.ContactRecipient>();
            modelBuilder.Ignore<Core.Buyers.ContactRequest>();
            modelBuilder.Ignore<Core.Buyers.NeedAnswer>();
            modelBuilder.Ignore<Core.Buyers.NeedMatch>();
            modelBuilder.Ignore<Core.Buyers.NeedChange>();
            modelBuilder.Ignore<Core.Buyers.Need>();
            modelBuilder.Ignore<Core.Buyers.BlockedSender>();
            modelBuilder.Ignore<Core.Buyers.SavedSearch>();
            modelBuilder.Entity<Company>().Ignore(c => c.OpenDataOptOut);   // OpenDataOptOut
            modelBuilder.Ignore<ProfileDailyCount>();                        // ProfileDailyCounts
            modelBuilder.Ignore<Realisation>();                              // Realisations
            modelBuilder.Entity<Company>().Ignore(c => c.ServiceCodes);     // ServicesCatalogue
            modelBuilder.Ignore<Core.Survey.Results.SurveyCommentary>();         // SurveyCommentaries (before the waves it refers to)
            modelBuilder.Ignore<Core.Survey.SurveyInvitation>();                  // SurveyInvitations (before the waves it refers to)
            modelBuilder.Ignore<Core.Survey.SurveyWaveMember>();                  // SurveyWaves
            modelBuilder.Ignore<Core.Survey.SurveyResponse>();
            modelBuilder.Ignore<Core.Survey.SurveyWave>();
        }
    }

    /// <summary>The data folder's paths of this database (its folder and file).</summary>
    public DataPaths Paths() =>
        new(Microsoft.Extensions.Options.Options.Create(new StorageOptions { DataDirectory = Folder, DatabaseFile = Path.GetFileName(File) }), new TestEnvironment(Folder));

    /// <summary>The company life cycle on <paramref name="db"/> and this database's clock; it tells nobody unless given whom.</summary>
    public CompanyLifecycle Lifecycle(AppDbContext db, ICompanyNotifications? notifications = null) =>
        new(db, notifications ?? new NoCompanyNotifications(), new Microsoft.AspNetCore.Identity.UpperInvariantLookupNormalizer(), Clock);

    /// <summary>
    /// The services the demo seeder, statistics snapshots and job leases need, on this database and its clock; as the
    /// node <paramref name="node"/> (a process of its own by default) with leases of <paramref name="leaseDuration"/>.
    /// </summary>
    public ServiceProvider DemoServices(string? node = null, TimeSpan? leaseDuration = null) =>
        new ServiceCollection()
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(new NodeOptions { Name = node }))
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(new JobOptions { LeaseDuration = leaseDuration ?? new JobOptions().LeaseDuration }))
            .AddSingleton<JobLeases>()
            .AddSingleton(TaxonomyCatalog.Default)
            .AddSingleton(Core.Survey.QuestionnaireCatalog.Default)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddScoped(_ => Context())
            .AddTransient<Demo.DemoSeeder>()
            .AddSingleton<Statistics.CompanyFactsSource>()
            .AddScoped<Statistics.SnapshotStore>()
            .AddSingleton<Statistics.MonthlySnapshotService>()
            .BuildServiceProvider();

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await TestPostgres.ReleaseAsync(Folder);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
