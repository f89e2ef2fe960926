using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AnnuaireFiliere.Core.Import;

public static class ImportSetup
{
    /// <summary>The import service (used by <c>Indexer import</c> and the moderators' upload page) and its limits.</summary>
    public static IHostApplicationBuilder AddImport(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ImportLimitsOptions>().BindConfiguration(ImportLimitsOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<ImportService>();
        return builder;
    }
}
