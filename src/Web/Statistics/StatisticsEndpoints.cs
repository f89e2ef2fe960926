using System.Globalization;
using AnnuaireFiliere.Core.Statistics;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Hosting;
using AnnuaireFiliere.Web.Search;
using Microsoft.Extensions.Caching.Memory;

namespace AnnuaireFiliere.Web.Statistics;

/// <summary>
/// <c>GET /statistiques/{table}.csv</c>: one table of <c>/statistiques</c> for the same segment. RFC 4180 UTF-8 by
/// default; <c>?format=excel</c> gives the <c>;</c>-separated variant with a byte order mark for French Excel.
/// Withheld cells read <c>&lt;3</c>.
/// </summary>
internal static class StatisticsEndpoints
{
    public const string Withheld = "<3";

    private static readonly string[] DistributionHeader = ["code", "libelle", "entreprises"];
    private static readonly string[] CrossHeader = ["code", "libelle"];

    /// <summary>How long a segment's public figures are reused: counting reads every company of the segment.</summary>
    public static readonly TimeSpan ReportLifetime = TimeSpan.FromMinutes(5);

    /// <summary>A segment's public report, computed at most once per <see cref="ReportLifetime"/> and segment.</summary>
    public static async Task<StatisticsReport> PublicReportAsync(this StatisticsService statistics, IMemoryCache cache, AnnuaireFiliere.Core.Search.SearchRequest segment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(segment);
        var key = ("statistiques", CultureInfo.CurrentUICulture.Name, SearchParameters.ToQueryString(segment with { Text = null, Page = 1, Sort = AnnuaireFiliere.Core.Search.SearchSort.Relevance }));
        return (await cache.GetOrCreateAsync(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = ReportLifetime;
            entry.Size = 1;
            return statistics.ComputeAsync(segment, StatisticsAudience.Public, cancellationToken);
        }))!;
    }

    public static IHostApplicationBuilder AddSectorStatistics(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddStatistics();
        return builder;
    }

    public static void MapStatisticsDownloads(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/statistiques/{table}.csv", async (HttpContext context, string table, StatisticsService statistics, IMemoryCache cache, TaxonomyCatalog taxonomy, TimeProvider clock) =>
        {
            var segment = SearchParameters.Parse(context.Request.Query, taxonomy, clock).Request;
            var report = await statistics.PublicReportAsync(cache, segment, context.RequestAborted);
            var excel = string.Equals(context.Request.Query["format"], "excel", StringComparison.OrdinalIgnoreCase);
            var lines = Lines(report, table);
            if (lines is null)
            {
                return Results.NotFound();
            }
            return Results.File(CsvFile.Write(lines, excel), "text/csv; charset=utf-8", $"statistiques-{table}.csv");
        });

    /// <summary>The table as lines of fields, header first; null when there is no such table.</summary>
    internal static List<string[]>? Lines(StatisticsReport report, string table)
    {
        static string Value(Cell cell) => cell.Suppressed ? Withheld : cell.Count.ToString(CultureInfo.InvariantCulture);
        if (report.Distributions.FirstOrDefault(d => d.Name == table) is { } distribution)
        {
            var lines = new List<string[]> { DistributionHeader };
            lines.AddRange(distribution.Rows.Select(r => new[] { r.Code, r.Label, Value(r.Cell) }));
            return lines;
        }
        if (report.CrossTabs.FirstOrDefault(c => c.Name == table) is { } cross)
        {
            var grid = new List<string[]>();
            grid.Add([.. CrossHeader, .. cross.ColumnKeys.Select(k => k.Code), "total"]);
            grid.AddRange(cross.RowKeys.Select((row, r) => (string[])[row.Code, row.Label, .. cross.Cells[r].Select(Value), Value(cross.RowTotals[r])]));
            grid.Add(["total", "", .. cross.ColumnTotals.Select(Value), cross.Total.ToString(CultureInfo.InvariantCulture)]);
            return grid;
        }
        return null;
    }
}
