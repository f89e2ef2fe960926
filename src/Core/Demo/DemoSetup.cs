using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AnnuaireFiliere.Core.Demo;

public static class DemoSetup
{
    /// <summary>Demo data options and the seeder (used at start in Development and by <c>Indexer seed</c>).</summary>
    public static IHostApplicationBuilder AddDemoData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DemoDataOptions>()
            .BindConfiguration(DemoDataOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(Survey.QuestionnaireCatalog.Default);
        builder.Services.AddTransient<DemoSeeder>();
        return builder;
    }
}
