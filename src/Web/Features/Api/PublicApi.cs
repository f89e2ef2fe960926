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
/// in French. Described by <c>/openapi/v1.json</c> and the reference page <c>/api/reference</c>, in the visitor's
/// language (<see cref="ApiTexts"/>).
/// </summary>
public static class PublicApi
{
    public const string RateLimitPolicy = "api";
    public const string CorsPolicy = "api";

    /// <summary>Where the API is (<c>/api/v1</c> and its reference): requests under it answer conditional GETs.</summary>
    public const string Prefix = "/api";

    /// <summary>The API itself: its answers are JSON, cached briefly and answer conditional GETs.</summary>
    public const string VersionPrefix = Prefix + "/v1";

    /// <summary>The reference page (<c>Features/Api/Reference.cshtml</c>), in the site's layout and language.</summary>
    public const string ReferencePath = Prefix + "/reference";

    /// <summary>The name of <c>/api/v1/donnees</c>, for links.</summary>
    public const string OpenDataEndpoint = "Donnees";

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
                document.Info.Version = "v1";
                return Task.CompletedTask;
            });
            // The search's parameters first, then every word in the visitor's language (ApiTexts).
            options.AddOperationTransformer(SearchQueryParameters.DescribeAsync);
            options.AddApiTexts();
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
        // The reference's former address (Swagger UI's page) leads to the page that replaced it.
        app.MapGet(ReferencePath + "/index.html", () => Results.LocalRedirect("~" + ReferencePath, permanent: true)).ExcludeFromDescription();
        var api = app.MapGroup(VersionPrefix).RequireRateLimiting(RateLimitPolicy).WithMetadata(new RateLimitAnswerAttribute(RateLimitAnswer.Problem)).RequireCors(CorsPolicy).WithTags("Annuaire");

        api.MapGet("/recherche", SearchAsync)
            .WithName("Rechercher")
            .Described("Api.Doc.Search", example: "q=site internet&province=sud&par_page=5")
            .WithMetadata(new SearchQueryParameters(SearchParameters.Near, SearchParameters.Radius, SearchParameters.Sort, SearchParameters.Page, SearchParameters.PageSize, SearchParameters.AsTyped))
            .Produces<ApiSearchResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/entreprises/{id}", CompanyAsync)
            .WithName("Entreprise")
            .Described("Api.Doc.Company")
            .Produces<ApiCompany>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/typologie", (TaxonomyCatalog taxonomy) => TypedResults.Ok(taxonomy.ToApi()))
            .WithName("Typologie")
            .Described("Api.Doc.Typology");

        Statistics.StatisticsEndpoints.MapStatisticsApi(api);
        KeyFigures.SurveyApi.MapSurveyApi(api);
        api.MapGet("/donnees", OpenData.OpenDataEndpoints.ListAsync)
            .WithName(OpenDataEndpoint)
            .Described("Api.Doc.OpenData")
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
