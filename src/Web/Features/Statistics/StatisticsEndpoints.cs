using System.Globalization;
using AnnuaireFiliere.Core.Statistics;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Features.Api;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace AnnuaireFiliere.Web.Features.Statistics;

/// <summary>
/// The downloads of <c>/statistiques</c> for the same segment and date: each table as CSV
/// (<c>/statistiques/{table}.csv</c>, RFC 4180 UTF-8, or <c>?format=excel</c> with <c>;</c> and a byte order mark),
/// each chart as SVG (<c>/statistiques/{table}.svg</c>; the page turns it into PNG in the browser), and the whole view
/// as XLSX or JSON (<c>/statistiques/export.xlsx</c>, <c>.json</c>); and <c>/api/v1/statistiques</c>.
/// </summary>
internal static class StatisticsEndpoints
{
    public static IHostApplicationBuilder AddSectorStatistics(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddStatistics();
        builder.Services.AddScoped<StatisticsReader>();
        builder.Services.AddScoped<KeyFigures.SurveyPublication>();
        return builder;
    }

    /// <summary>How a cell reads in the page and in charts.</summary>
    public static string Shown(Cell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Small ? "< 3" : cell.Secret ? "s" : cell.Count.ToString("N0", CultureInfo.CurrentCulture);
    }

    /// <summary>The endpoints' names, for links (<c>Url.Endpoint(StatisticsEndpoints.Csv, new { table })</c>).</summary>
    public const string Export = "Statistiques.Export";
    public const string Csv = "Statistiques.Csv";
    public const string Svg = "Statistiques.Svg";
    public const string Api = "Statistiques";
    public const string NeedsCsv = "Statistiques.Besoins.Csv";
    public const string NeedsXlsx = "Statistiques.Besoins.Xlsx";
    public const string NeedsApi = "Statistiques.Besoins";

    /// <summary>The query of the needs' figures: the whole directory today (the page's segment does not apply to needs).</summary>
    public static StatisticsQuery NeedsQuery { get; } = new(new Core.Search.SearchRequest(), null, null, StatisticsAudience.Public, []);

    /// <summary>The CSV download's parameter for the French Excel variant.</summary>
    public const string ExcelFormat = "format=excel";

    public static void MapStatisticsDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/statistiques/export.{format:regex(^(xlsx|json)$)}", async (HttpContext context, string format, StatisticsReader reader, IStringLocalizer<SharedResource> text) =>
        {
            var (query, report) = await ReadAsync(context, reader);
            var name = query.FileName(null, report.ComputedAt, format);
            if (format == "xlsx")
            {
                return Results.File(StatisticsExports.Xlsx(report, query, text), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
            }
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(name);
            context.Response.Headers.ContentDisposition = disposition.ToString();
            return Results.Json(StatisticsExports.Json(report, query, text), contentType: "application/json; charset=utf-8");
        }).WithName(Export).DependsOnVisitor();
        endpoints.MapGet("/statistiques/{table}.csv", async (HttpContext context, string table, StatisticsReader reader) =>
        {
            var (query, report) = await ReadAsync(context, reader);
            if (StatisticsExports.Lines(report, table) is null)
            {
                return Results.NotFound();
            }
            var excel = string.Equals(context.Request.Query["format"], "excel", StringComparison.OrdinalIgnoreCase);
            return Results.File(StatisticsExports.Csv(report, table, excel), "text/csv; charset=utf-8", query.FileName(table, report.ComputedAt, "csv"));
        }).WithName(Csv).DependsOnVisitor();
        endpoints.MapGet("/statistiques/{table}.svg", async (HttpContext context, string table, StatisticsReader reader, TaxonomyCatalog taxonomy, IStringLocalizer<SharedResource> text) =>
        {
            var (query, report) = await ReadAsync(context, reader);
            if (report.Distributions.FirstOrDefault(d => d.Name == table) is not { } distribution)
            {
                return Results.NotFound();
            }
            var svg = StatisticsChart.Standalone(distribution, StatisticsView.ChartTexts(table, query, report, taxonomy, text), Shown);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(svg), "image/svg+xml", query.FileName(table, report.ComputedAt, "svg"));
        }).WithName(Svg).DependsOnVisitor();
        endpoints.MapGet("/statistiques/besoins/{table}.csv", async (HttpContext context, string table, Core.Buyers.NeedStatistics needs) =>
        {
            CacheHeaders.Set(context, DownloadMaxAge);
            var report = (await needs.ComputeAsync(context.RequestAborted)).Figures;
            if (!Core.Buyers.NeedStatisticsNames.All.Contains(table))
            {
                return Results.NotFound();
            }
            var excel = string.Equals(context.Request.Query["format"], "excel", StringComparison.OrdinalIgnoreCase);
            return Results.File(StatisticsExports.Csv(report, table, excel), "text/csv; charset=utf-8", NeedsQuery.FileName(table, report.ComputedAt, "csv"));
        }).WithName(NeedsCsv);
        endpoints.MapGet("/statistiques/besoins.xlsx", async (HttpContext context, Core.Buyers.NeedStatistics needs, IStringLocalizer<SharedResource> text) =>
        {
            CacheHeaders.Set(context, DownloadMaxAge);
            var report = (await needs.ComputeAsync(context.RequestAborted)).Figures;
            return Results.File(StatisticsExports.Xlsx(report, NeedsQuery, text), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                NeedsQuery.FileName("besoins", report.ComputedAt, "xlsx"));
        }).WithName(NeedsXlsx);
    }

    /// <summary>The needs' figures in the API's shape.</summary>
    public static ApiNeedStatistics NeedsJson(Core.Buyers.NeedStatisticsReport needs, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(needs);
        return new ApiNeedStatistics(StatisticsExports.Json(needs.Figures, NeedsQuery, text), needs.MedianDaysToFirstAnswer, needs.MedianDaysToFirstAnswer is null);
    }

    /// <summary><c>/api/v1/statistiques</c>: the same parameters as the page; a bad one is a 400 problem naming it.</summary>
    public static void MapStatisticsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/statistiques/instantanes", async (StatisticsReader reader, CancellationToken cancellationToken) =>
                TypedResults.Ok((await reader.SnapshotsAsync(cancellationToken))
                    .Select(s => new ApiSnapshot(s.Id.ToString("N"), s.TakenAt, s.Kind == SnapshotKind.Monthly ? "mensuel" : "a-la-demande", s.Label, s.Published))
                    .ToList()))
            .WithName("Instantanés")
            .Described("Api.Doc.Snapshots")
            .Produces<List<ApiSnapshot>>();
        api.MapGet("/statistiques", async (HttpContext context, StatisticsReader reader, IStringLocalizer<SharedResource> text) =>
        {
            var query = await reader.ParseAsync(context, context.RequestAborted);
            if (Problem(query.Notices.Select(n => (n.Parameter, text["Api.Notice." + n.Kind, n.Parameter, n.Value].Value)), text) is { } problem)
            {
                return problem;
            }
            var report = await reader.ReportAsync(query, query.Snapshot, context.RequestAborted);
            return TypedResults.Ok(StatisticsExports.Json(report, query, text));
        })
        .WithName(Api)
        .DependsOnVisitor()
        .Described("Api.Doc.Statistics", example: "secteur=S05&province=sud")
        .WithMetadata(new SearchQueryParameters(StatisticsQuery.SnapshotParameter))
        .Produces<ApiStatistics>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/statistiques/besoins", async (HttpContext context, Core.Buyers.NeedStatistics needs, IStringLocalizer<SharedResource> text) =>
                TypedResults.Ok(NeedsJson(await needs.ComputeAsync(context.RequestAborted), text)))
            .WithName(NeedsApi)
            .Described("Api.Doc.NeedStatistics")
            .Produces<ApiNeedStatistics>()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/statistiques/evolution", async (
            HttpContext context, StatisticsReader reader, IStringLocalizer<SharedResource> text,
            [FromQuery(Name = PointsParameter)] string? points) =>
        {
            var query = await reader.ParseAsync(context, context.RequestAborted);
            var notices = query.Notices.Select(n => (n.Parameter, text["Api.Notice." + n.Kind, n.Parameter, n.Value].Value)).ToList();
            var count = DefaultPoints;
            if (points is not null && !(int.TryParse(points, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count is >= 1 and <= SnapshotStore.MaxSeriesPoints))
            {
                notices.Add((PointsParameter, text["Api.Notice.BadPoints", PointsParameter, points, SnapshotStore.MaxSeriesPoints].Value));
            }
            if (query.Segment.Text is not null)
            {
                notices.Add(("q", text["Api.Notice.TextInSeries", "q"].Value));
            }
            if (query.Snapshot is not null)
            {
                notices.Add((StatisticsQuery.SnapshotParameter, text["Api.Notice.SnapshotInSeries", StatisticsQuery.SnapshotParameter].Value));
            }
            if (Problem(notices, text) is { } problem)
            {
                return problem;
            }
            var series = await reader.SeriesAsync(query, count, context.RequestAborted);
            return TypedResults.Ok(StatisticsExports.Json(series, query, text));
        })
        .WithName("Évolution")
        .DependsOnVisitor()
        .Described("Api.Doc.Evolution", example: "province=nord&points=6")
        .WithMetadata(new SearchQueryParameters(StatisticsQuery.SnapshotParameter))
        .Produces<ApiTimeSeries>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>The number of snapshots <c>/api/v1/statistiques/evolution</c> reads (besides today).</summary>
    public const string PointsParameter = "points";

    private const int DefaultPoints = 12;

    /// <summary>A 400 problem naming each bad parameter, in French; null when there is none.</summary>
    private static IResult? Problem(IEnumerable<(string Parameter, string Message)> notices, IStringLocalizer text)
    {
        var errors = notices.GroupBy(n => n.Parameter).ToDictionary(g => g.Key, g => g.Select(n => n.Message).ToArray());
        return errors.Count == 0 ? null : Results.ValidationProblem(errors, title: text["Api.BadParameters"], detail: text["Api.BadParametersDetail"]);
    }

    private static readonly TimeSpan DownloadMaxAge = TimeSpan.FromSeconds(60);

    private static async Task<(StatisticsQuery Query, StatisticsReport Report)> ReadAsync(HttpContext context, StatisticsReader reader)
    {
        // The downloads hold the analysts' exact counts when they ask: kept by their browser only.
        CacheHeaders.Set(context, DownloadMaxAge);
        var query = await reader.ParseAsync(context, context.RequestAborted);
        return (query, await reader.ReportAsync(query, query.Snapshot, context.RequestAborted));
    }
}
