using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Data.Files;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Features.Api;
using AnnuaireFiliere.Web.Features.Companies;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using AnnuaireFiliere.Web.Infrastructure;

namespace AnnuaireFiliere.Web.Features.OpenData;

/// <summary>
/// A file of the newest extract, as <c>/api/v1/donnees</c> lists it. <c>GzipBytes</c> is the size sent to a client
/// that accepts gzip (<c>Content-Encoding: gzip</c>); null for an extract written without gzip copies.
/// </summary>
public sealed record ApiOpenDataFile(string Name, string Title, string Url, string MediaType, long Bytes, long? GzipBytes, DateTime Modified);

/// <summary>The newest extract: its date, licence and files.</summary>
public sealed record ApiOpenData(string Date, string Licence, string LicenceUrl, string Page, IReadOnlyList<ApiOpenDataFile> Files);

/// <summary>
/// <c>/donnees/{fichier}</c>: the newest daily extract's files, with <c>Last-Modified</c>, an <c>ETag</c> (conditional
/// requests answer 304), byte ranges and a download name carrying the extract's date; <c>/api/v1/donnees</c> lists
/// them. A client whose <c>Accept-Encoding</c> allows gzip gets the gzip copy written with the extract
/// (<c>Content-Encoding: gzip</c>, its own <c>ETag</c>, ranges over the compressed bytes); the others, and every
/// client of an extract written without gzip copies, get the plain file. Nothing is compressed per request: the
/// response compression middleware leaves these addresses alone (<see cref="IsDownload"/>).
/// </summary>
public static class OpenDataEndpoints
{
    public static readonly IReadOnlyList<(string File, string Title, string MediaType)> Files =
    [
        (OpenDataWriter.CompaniesCsv, "Entreprises publiées (CSV)", "text/csv; charset=utf-8"),
        (OpenDataWriter.CompaniesJson, "Entreprises publiées (JSON)", "application/json; charset=utf-8"),
        (OpenDataWriter.TypologyCsv, "Typologie des secteurs et activités (CSV)", "text/csv; charset=utf-8"),
        (OpenDataWriter.ServicesCsv, "Liste des services (CSV)", "text/csv; charset=utf-8"),
        (OpenDataWriter.SurveysCsv, "Résultats des enquêtes annuelles (CSV)", "text/csv; charset=utf-8"),
        (OpenDataWriter.Descriptor, "Descripteur Data Package (Table Schema)", "application/json; charset=utf-8"),
    ];

    public static IHostApplicationBuilder AddOpenData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<OpenDataOptions>().BindConfiguration(OpenDataOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(services => new OpenDataWriter(services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<TaxonomyCatalog>(),
            services.GetRequiredService<SiteLinks>().ConfiguredRoot, services.GetRequiredService<ProfileAddress>().Path));
        builder.Services.AddSingleton(services => new OpenDataStore(
            services.GetRequiredService<OpenDataWriter>(),
            services.GetRequiredService<IFileStore>(),
            Path.Combine(services.GetRequiredService<DataPaths>().DataDirectory, OpenDataStore.Bucket),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<IOptions<OpenDataOptions>>().Value.KeepDays,
            services.GetRequiredService<ILogger<OpenDataStore>>()));
        builder.Services.AddHostedService<OpenDataService>();
        return builder;
    }

    /// <summary>The name of a file's endpoint, for links (<c>Url.Endpoint(OpenDataEndpoints.Endpoint(file))</c>).</summary>
    public static string Endpoint(string file) => "Donnees." + file;

    public static void MapOpenData(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var (file, _, mediaType) in Files)
        {
            endpoints.MapMethods(Prefix + file, ["GET", "HEAD"], async (HttpContext context, OpenDataStore store, CancellationToken cancellationToken) =>
            {
                var set = await store.LatestOrGenerateAsync(cancellationToken);
                var name = $"{Path.GetFileNameWithoutExtension(file)}-{set.DateText}{Path.GetExtension(file)}";
                if (set.EntryOf(file + OpenDataWriter.GzipSuffix) is not null)
                {
                    context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
                    if (AcceptsGzip(context.Request.Headers.AcceptEncoding)
                        && await store.OpenAsync(set, file + OpenDataWriter.GzipSuffix, cancellationToken) is { } gzip)
                    {
                        context.Response.Headers.ContentEncoding = "gzip";
                        return Send(gzip, mediaType, name, "-gzip");
                    }
                }
                return await store.OpenAsync(set, file, cancellationToken) is { } plain ? Send(plain, mediaType, name, "") : Results.NotFound();
            }).WithName(Endpoint(file)).RequireCors(PublicApi.CorsPolicy).ExcludeFromDescription();
        }
    }

    private const string Prefix = "/donnees/";

    /// <summary>
    /// One representation of a file: its own validators and ranges. The strong <c>ETag</c> is the hash of the bytes
    /// sent (the gzip copy's marked <c>-gzip</c>), so every node of a farm gives the same one for the same extract.
    /// </summary>
    private static Microsoft.AspNetCore.Http.HttpResults.FileStreamHttpResult Send(StoredFileContent stored, string mediaType, string name, string tagSuffix) =>
        // The result writes and then disposes the content.
        TypedResults.File(stored.Content, mediaType, name, new DateTimeOffset(stored.Modified, TimeSpan.Zero),
            new EntityTagHeaderValue($"\"{stored.Sha256}{tagSuffix}\""), enableRangeProcessing: true);

    /// <summary>Whether a request is for one of the files (which the response compression middleware must not compress again).</summary>
    public static bool IsDownload(PathString path) =>
        path.StartsWithSegments(Prefix.TrimEnd('/'), out var rest) && Files.Any(f => rest.Value == "/" + f.File);

    /// <summary>
    /// Whether <c>Accept-Encoding</c> allows gzip (RFC 9110 §12.5.3): <c>gzip</c> (or <c>x-gzip</c>) with a weight
    /// above 0, or, when gzip is not named, <c>*</c> with a weight above 0. No header means no compression.
    /// </summary>
    internal static bool AcceptsGzip(StringValues acceptEncoding)
    {
        if (!StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var codings))
        {
            return false;
        }
        double? gzip = null;
        double? any = null;
        foreach (var coding in codings)
        {
            var weight = coding.Quality ?? 1;
            if (coding.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) || coding.Value.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
            {
                gzip = Math.Max(gzip ?? 0, weight);
            }
            else if (coding.Value.Equals("*", StringComparison.Ordinal))
            {
                any = Math.Max(any ?? 0, weight);
            }
        }
        return (gzip ?? any ?? 0) > 0;
    }

    /// <summary><c>GET /api/v1/donnees</c>: the files of the newest extract with their addresses, dates and sizes.</summary>
    internal static async Task<ApiOpenData> ListAsync(HttpContext context, OpenDataStore store, PageLinks pages, LinkGenerator links)
    {
        var set = await store.LatestOrGenerateAsync(context.RequestAborted);
        var site = PublicAddress.Of(context);
        return new ApiOpenData(set.DateText, OpenDataWriter.LicenceTitle, OpenDataWriter.LicenceUrl, pages.Absolute("/OpenData/Index").AbsoluteUri,
            [.. Files.Select(f =>
            {
                var info = set.EntryOf(f.File);
                var gzip = set.EntryOf(f.File + OpenDataWriter.GzipSuffix);
                return new ApiOpenDataFile(f.File, f.Title, site + links.GetPathByName(Endpoint(f.File), values: null), f.MediaType.Split(';')[0], info?.Length ?? 0,
                    gzip?.Length, info?.Modified ?? default);
            })]);
    }
}
