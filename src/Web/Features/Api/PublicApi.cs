using System.ComponentModel.DataAnnotations;
using System.Globalization;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Features.Companies;
using AnnuaireFiliere.Web.Features.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using AnnuaireFiliere.Web.Infrastructure;

namespace AnnuaireFiliere.Web.Features.Api;

public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Requests per minute and client address before 429 (with <c>Retry-After</c>).</summary>
    [Range(1, 100_000)]
    public int RequestsPerMinute { get; set; } = 120;
}

/// <summary>
/// The public read-only API, <c>/api/v1</c>: the same search as <c>/recherche</c> (same parameters), profiles,
/// the typology. JSON, CORS for GET, ETags, a rate limit per client address, errors as RFC 9457 problem details
/// in French. Described by <c>/openapi/v1.json</c>.
/// </summary>
public static class PublicApi
{
    public const string RateLimitPolicy = "api";
    public const string CorsPolicy = "api";

    /// <summary>Where the API is (<c>/api/v1</c> and its reference): requests under it answer conditional GETs.</summary>
    public const string Prefix = "/api";

    /// <summary>The browsable reference (Swagger UI, a middleware rather than an endpoint: linked with <c>Url.Content("~" + ReferencePath)</c>).</summary>
    public const string ReferencePath = Prefix + "/reference";

    /// <summary>The name of <c>/api/v1/donnees</c>, for links.</summary>
    public const string OpenDataEndpoint = "Donnees";

    /// <summary>The French descriptions of the API's own parameters in the OpenAPI document (the search's come from <see cref="SearchQueryParameters"/>).</summary>
    private static readonly Dictionary<string, string> ParameterDescriptions = new(StringComparer.Ordinal)
    {
        [Statistics.StatisticsEndpoints.PointsParameter] = "Nombre d'instantanés lus, les plus récents (1 à 36, 12 par défaut), en plus d'aujourd'hui.",
        ["id"] = "Identifiant d'adresse de la fiche (slug) ou numéro RIDET (7 chiffres, avec ou sans établissement).",
    };

    public static IHostApplicationBuilder AddPublicApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi("v1", options =>
        {
            // The document describes the public API only, not the site's own form endpoints.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Annuaire de la filière numérique — API publique";
            document.Info.Version = "v1";
            document.Info.Description = "Recherche, fiches et typologie des entreprises du numérique de Nouvelle-Calédonie. Lecture seule, sans clé ; limite de débit par adresse.";
            return Task.CompletedTask;
        });
            options.AddOperationTransformer(SearchQueryParameters.DescribeAsync);
            options.AddOperationTransformer((operation, _, _) =>
            {
                foreach (var parameter in (operation.Parameters ?? []).OfType<Microsoft.OpenApi.OpenApiParameter>())
                {
                    if (parameter.Name is { } name && ParameterDescriptions.TryGetValue(name, out var description))
                    {
                        parameter.Description = description;
                    }
                }
                return Task.CompletedTask;
            });
        });
        builder.Services.AddCors(options => options.AddPolicy(CorsPolicy, policy => policy
            .AllowAnyOrigin().WithMethods("GET").WithExposedHeaders("ETag", "Retry-After")));
        builder.AddClientAddressPolicy(RateLimitPolicy, services => services.GetRequiredService<IOptions<ApiOptions>>().Value.RequestsPerMinute,
            TimeSpan.FromMinutes(1), postsOnly: false);
        return builder;
    }

    public static void MapPublicApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi("/openapi/{documentName}.json").RequireCors(CorsPolicy);
        // The browsable reference (Swagger UI, served from the package: no CDN, no inline script, so the site's CSP holds).
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = ReferencePath.TrimStart('/');
            // Relative to the reference's page (…/api/reference/index.html), so that it follows a path base.
            options.SwaggerEndpoint("../../openapi/v1.json", "API publique v1");
            options.DocumentTitle = "Référence de l'API publique · Annuaire de la filière numérique";
        });
        var api = app.MapGroup(Prefix + "/v1").RequireRateLimiting(RateLimitPolicy).WithMetadata(new RateLimitAnswerAttribute(RateLimitAnswer.Problem)).RequireCors(CorsPolicy).WithTags("Annuaire");

        api.MapGet("/recherche", SearchAsync)
            .WithName("Rechercher")
            .WithDescription("Recherche plein texte et filtres, comme la page /recherche : résultats paginés, facettes avec leurs effectifs, suggestion « vouliez-vous dire ». Seules les fiches publiées sont trouvées.")
            .WithSummary("Rechercher des entreprises (mêmes paramètres que /recherche)")
            .WithMetadata(new SearchQueryParameters(SearchParameters.Sort, SearchParameters.Page, SearchParameters.PageSize, SearchParameters.AsTyped))
            .Produces<ApiSearchResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/entreprises/{id}", CompanyAsync)
            .WithName("Entreprise")
            .WithDescription("Ne contient jamais la personne de contact (donnée personnelle). 404 si la fiche n'existe pas ou n'est pas publiée.")
            .WithSummary("La fiche publique d'une entreprise, par son identifiant d'adresse (slug) ou son RIDET")
            .Produces<ApiCompany>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/typologie", (TaxonomyCatalog taxonomy) => TypedResults.Ok(taxonomy.ToApi()))
            .WithName("Typologie")
            .WithDescription("Les codes acceptés par les filtres de /api/v1/recherche, avec leurs libellés en français et en anglais.")
            .WithSummary("Secteurs et activités (codes NAF), provinces et communes, tranches d'effectif, formes juridiques, langues, capacités de vente en ligne");

        Statistics.StatisticsEndpoints.MapStatisticsApi(api);
        api.MapGet("/donnees", OpenData.OpenDataEndpoints.ListAsync)
            .WithName(OpenDataEndpoint)
            .WithSummary("Les fichiers de données ouvertes du jour (CSV, JSON, typologie, descripteur Data Package) : adresses, date, tailles")
            .WithDescription("Entreprises publiées sans données personnelles, sous Licence Ouverte / Etalab 2.0, produites chaque jour (heure de Nouméa). bytes : taille du fichier ; gzipBytes : taille envoyée, compressée (Content-Encoding: gzip), à un client dont Accept-Encoding accepte gzip, null pour un extrait écrit sans copie compressée.")
            .Produces<OpenData.ApiOpenData>();
    }

    private static async Task<IResult> SearchAsync(
        HttpContext context, ICompanySearch search, TaxonomyCatalog taxonomy, TimeProvider clock, ProfileAddress profiles, IStringLocalizer<SharedResource> text)
    {
        var parsed = SearchParameters.Parse(context.Request.Query, taxonomy, clock);
        var errors = parsed.Notices
            .GroupBy(n => n.Parameter)
            .ToDictionary(g => g.Key, g => g.Select(n => text["Api.Notice." + n.Kind, n.Parameter, n.Value].Value).ToArray());
        var pageSize = SearchRequest.DefaultPageSize;
        if (context.Request.Query[SearchParameters.PageSize].FirstOrDefault() is { } size && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > SearchRequest.MaxPageSize))
        {
            errors[SearchParameters.PageSize] = [text["Api.BadPageSize", SearchRequest.MaxPageSize].Value];
        }
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: text["Api.BadParameters"], detail: text["Api.BadParametersDetail"]);
        }
        var request = parsed.Request with { PageSize = pageSize };
        try
        {
            var result = await search.SearchAsync(request, context.RequestAborted);
            Moderation.SearchCounting.CountSearch(context, request, result.Total);
            var site = PublicAddress.Of(context);
            return TypedResults.Ok(result.ToApi(request, taxonomy, slug => site + profiles.Path(slug)));
        }
        catch (SearchUnavailableException)
        {
            context.Response.Headers.RetryAfter = "30";
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: text["Error.UnavailableTitle"], detail: text["Api.UnavailableDetail"]);
        }
    }

    private static async Task<IResult> CompanyAsync(HttpContext context, AppDbContext db, TaxonomyCatalog taxonomy, ProfileAddress profiles, IStringLocalizer<SharedResource> text, string id)
    {
        var company = await db.FindPublishedAsync(id, context.RequestAborted)
            ?? (Ridet.TryParse(id, out var ridet) ? await db.FindPublishedAsync(ridet, context.RequestAborted) : null);
        return company is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: text["Api.CompanyNotFound"], detail: text["Api.CompanyNotFoundDetail", id.Length > 80 ? id[..80] : id])
            : TypedResults.Ok(company.ToApi(taxonomy, PublicAddress.Of(context) + profiles.Path(company.Slug)));
    }
}
