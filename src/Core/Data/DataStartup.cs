using AnnuaireFiliere.Core.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AnnuaireFiliere.Core.Data;

public static class DataStartup
{
    /// <summary>Demo data options and the seeder (used at start in Development and by <c>Indexer seed</c>).</summary>
    public static IHostApplicationBuilder AddDemoData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DemoDataOptions>()
            .BindConfiguration(DemoDataOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddTransient<DemoSeeder>();
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
