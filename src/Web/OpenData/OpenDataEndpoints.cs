using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Api;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AnnuaireFiliere.Web.OpenData;

/// <summary>A file of the newest extract, as <c>/api/v1/donnees</c> lists it.</summary>
public sealed record ApiOpenDataFile(string Name, string Title, string Url, string MediaType, long Bytes, DateTime Modified);

/// <summary>The newest extract: its date, licence and files.</summary>
public sealed record ApiOpenData(string Date, string Licence, string LicenceUrl, string Page, IReadOnlyList<ApiOpenDataFile> Files);

/// <summary>
/// <c>/donnees/{fichier}</c>: the newest daily extract's files, with <c>Last-Modified</c>, an <c>ETag</c> (conditional
/// requests answer 304) and a download name carrying the extract's date; <c>/api/v1/donnees</c> lists them.
/// </summary>
public static class OpenDataEndpoints
{
    public static readonly IReadOnlyList<(string File, string Title, string MediaType)> Files =
    [
        (OpenDataWriter.CompaniesCsv, "Entreprises publiées (CSV)", "text/csv; charset=utf-8"),
        (OpenDataWriter.CompaniesJson, "Entreprises publiées (JSON)", "application/json; charset=utf-8"),
        (OpenDataWriter.TypologyCsv, "Typologie des secteurs et activités (CSV)", "text/csv; charset=utf-8"),
        (OpenDataWriter.Descriptor, "Descripteur Data Package (Table Schema)", "application/json; charset=utf-8"),
    ];

    public static IHostApplicationBuilder AddOpenData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<OpenDataOptions>().BindConfiguration(OpenDataOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(services => new OpenDataWriter(services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<TaxonomyCatalog>(),
            services.GetRequiredService<Hosting.SiteLinks>().ConfiguredRoot));
        builder.Services.AddSingleton(services => new OpenDataStore(
            services.GetRequiredService<OpenDataWriter>(),
            Path.Combine(services.GetRequiredService<DataPaths>().DataDirectory, "donnees"),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<IOptions<OpenDataOptions>>().Value.KeepDays,
            services.GetRequiredService<ILogger<OpenDataStore>>()));
        builder.Services.AddHostedService<OpenDataService>();
        return builder;
    }

    public static void MapOpenData(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var (file, _, mediaType) in Files)
        {
            endpoints.MapMethods("/donnees/" + file, ["GET", "HEAD"], async (OpenDataStore store, CancellationToken cancellationToken) =>
            {
                var set = await store.LatestOrGenerateAsync(cancellationToken);
                var info = new FileInfo(set.PathOf(file));
                var modified = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero);
                var tag = new EntityTagHeaderValue($"\"{set.DateText}-{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}\"");
                var name = $"{Path.GetFileNameWithoutExtension(file)}-{set.DateText}{Path.GetExtension(file)}";
                return TypedResults.PhysicalFile(info.FullName, mediaType, name, modified, tag);
            }).RequireCors(PublicApi.CorsPolicy).ExcludeFromDescription();
        }
    }

    /// <summary><c>GET /api/v1/donnees</c>: the files of the newest extract with their addresses, dates and sizes.</summary>
    internal static async Task<ApiOpenData> ListAsync(HttpContext context, OpenDataStore store)
    {
        var set = await store.LatestOrGenerateAsync(context.RequestAborted);
        var site = Hosting.PublicAddress.Of(context);
        return new ApiOpenData(set.DateText, OpenDataWriter.LicenceTitle, OpenDataWriter.LicenceUrl, site + "/donnees",
            [.. Files.Select(f =>
            {
                var info = new FileInfo(set.PathOf(f.File));
                return new ApiOpenDataFile(f.File, f.Title, $"{site}/donnees/{f.File}", f.MediaType.Split(';')[0], info.Length, info.LastWriteTimeUtc);
            })]);
    }
}
