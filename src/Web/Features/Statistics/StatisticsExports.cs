using System.Globalization;
using AnnuaireFiliere.Core.Statistics;
using AnnuaireFiliere.Web.Features.Api;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace AnnuaireFiliere.Web.Features.Statistics;

/// <summary>
/// A statistics view in the formats people reuse: each table as CSV, every table as an XLSX workbook (a sheet per
/// table and an "about" sheet with the date, the segment and the definitions, named in the reader's language) or as
/// JSON (the API's shape).
/// Withheld cells are "&lt;3" (0 to 2 companies) or "s" (withheld to protect another) in CSV and XLSX, and have no count
/// but a reason in JSON: a withheld value is never written.
/// </summary>
public static class StatisticsExports
{
    public const string Withheld = "<3";
    public const string Secret = "s";

    /// <summary>The longest sheet name Excel opens.</summary>
    public const int SheetNameMaxLength = 31;
    public const string Licence = "Licence Ouverte / Open Licence 2.0 (Etalab) — https://www.etalab.gouv.fr/licence-ouverte-open-licence/";

    private static readonly string[] DistributionHeader = ["code", "libelle", "entreprises"];

    /// <summary>The needs' tables count needs, not companies (<see cref="Core.Buyers.NeedStatisticsNames"/>).</summary>
    private static readonly string[] NeedsHeader = ["code", "libelle", "besoins"];
    private static readonly string[] CrossHeader = ["code", "libelle"];

    /// <summary>The table as lines of fields, header first; null when there is no such table.</summary>
    public static List<string[]>? Lines(StatisticsReport report, string table)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Distributions.FirstOrDefault(d => d.Name == table) is { } distribution)
        {
            var lines = new List<string[]> { Core.Buyers.NeedStatisticsNames.All.Contains(table) ? NeedsHeader : DistributionHeader };
            lines.AddRange(distribution.Rows.Select(r => new[] { r.Code, r.Label, Value(r.Cell) }));
            return lines;
        }
        if (report.CrossTabs.FirstOrDefault(c => c.Name == table) is { } cross)
        {
            var grid = new List<string[]>();
            grid.Add([.. CrossHeader, .. cross.ColumnKeys.Select(k => k.Code), "total"]);
            grid.AddRange(cross.RowKeys.Select((row, r) => (string[])[row.Code, row.Label, .. cross.Cells[r].Select(Value), Value(cross.RowTotals[r])]));
            grid.Add(["total", "", .. cross.ColumnTotals.Select(Value), Value(new Cell(cross.Total))]);
            return grid;
        }
        return null;
    }

    public static byte[] Csv(StatisticsReport report, string table, bool excel) =>
        Lines(report, table) is { } lines ? CsvFile.Write(lines, excel) : throw new ArgumentException($"No table {table}.", nameof(table));

    /// <summary>
    /// Every table of the report in one workbook, a sheet each named in the reader's language after an "about" sheet;
    /// counts are numbers, withheld cells the text "&lt;3" or "s".
    /// </summary>
    public static byte[] Xlsx(StatisticsReport report, StatisticsQuery query, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(text);
        var sheets = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        sheets[SheetName(text["Stats.ShortName.about"], sheets.Keys)] = About(report, query, text);
        foreach (var name in report.Distributions.Select(d => d.Name).Concat(report.CrossTabs.Select(c => c.Name)))
        {
            var lines = Lines(report, name)!;
            sheets[SheetName(text["Stats.ShortName." + name], sheets.Keys)] = lines.Skip(1).Select(line => (IDictionary<string, object>)lines[0]
                .Select((column, i) => (column, value: (object)(long.TryParse(line[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && i >= CrossHeader.Length ? n : line[i])))
                .ToDictionary(c => c.column, c => c.value)).ToList();
        }
        using var output = new MemoryStream();
        MiniExcel.SaveAs(output, sheets, excelType: ExcelType.XLSX);
        return output.ToArray();
    }

    /// <summary>The report in the API's shape.</summary>
    public static ApiStatistics Json(StatisticsReport report, StatisticsQuery query, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(text);
        var @public = report.Audience == StatisticsAudience.Public;
        return new ApiStatistics(
            report.ComputedAt,
            query.Snapshot?.Id.ToString("N"),
            @public ? "public" : "analyst",
            query.QueryString(withCompare: false),
            Cell(new Cell(report.Total)),
            [.. report.Distributions.Select(d => new ApiStatisticsTable(d.Name, text["Stats.Table." + d.Name], Cell(new Cell(d.Total)),
                [.. d.Rows.Select(r => new ApiStatisticsRow(r.Code, r.Label, r.Cell.Suppressed ? null : r.Cell.Count, r.Cell.Suppressed, Reason(r.Cell)))]))],
            [.. report.CrossTabs.Select(c => new ApiCrossTab(c.Name, text["Stats.Table." + c.Name],
                [.. c.ColumnKeys.Select(k => new CodeLabel(k.Code, k.Label))],
                [.. c.RowKeys.Select((k, r) => new ApiCrossRow(k.Code, k.Label, [.. c.Cells[r].Select(Cell)], Cell(c.RowTotals[r])))],
                [.. c.ColumnTotals.Select(Cell)], Cell(new Cell(c.Total))))],
            Licence,
            text["Stats.Disclosure"]);
    }

    /// <summary>A time series in the API's shape.</summary>
    public static ApiTimeSeries Json(TimeSeries series, StatisticsQuery query, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(text);
        return new ApiTimeSeries(
            query.Audience == StatisticsAudience.Public ? "public" : "analyst",
            query.QueryString(withCompare: false),
            series.Dates,
            [.. series.Rows.Select(r => new ApiSeries(r.Code, r.Code == "total" ? text["Stats.Series.Total"] : r.Label, [.. r.Values.Select(Cell)]))],
            Licence,
            text["Stats.Disclosure"]);
    }

    /// <summary>
    /// <paramref name="wanted"/> as a sheet name Excel opens: none of <c>[]:*?/\</c>, no apostrophe at either end, at
    /// most <see cref="SheetNameMaxLength"/> characters, and unlike every name <paramref name="taken"/> (case aside).
    /// </summary>
    public static string SheetName(string wanted, IEnumerable<string> taken)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(taken);
        var name = new string([.. wanted.Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' || char.IsControl(c) ? '-' : c)]).Trim().Trim('\'').Trim();
        name = name.Length == 0 ? "-" : name;
        var used = taken.ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var n = 1; ; n++)
        {
            var suffix = n == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $" ({n})");
            var room = SheetNameMaxLength - suffix.Length;
            var cut = name.Length <= room ? name : name[..(char.IsHighSurrogate(name[room - 1]) ? room - 1 : room)].TrimEnd().TrimEnd('\'');
            if (used.Add(cut + suffix))
            {
                return cut + suffix;
            }
        }
    }

    private static ApiStatisticsCell Cell(Cell cell) => new(cell.Suppressed ? null : cell.Count, cell.Suppressed, Reason(cell));

    private static string? Reason(Cell cell) => cell.Small ? ApiStatisticsCell.Small : cell.Secret ? ApiStatisticsCell.Secret : null;

    private static string Value(Cell cell) => cell.Small ? Withheld : cell.Secret ? Secret : cell.Count.ToString(CultureInfo.InvariantCulture);

    private static List<Dictionary<string, object>> About(StatisticsReport report, StatisticsQuery query, IStringLocalizer text)
    {
        var rows = new List<(string, string)>
        {
            (text["Stats.About.Date"], report.ComputedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)),
            (text["Stats.About.Source"], query.Snapshot is null ? text["Stats.About.Today"] : text["Stats.About.Snapshot", query.Snapshot.TakenAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]),
            (text["Stats.About.Segment"], query.QueryString(withCompare: false) is { Length: > 0 } segment ? segment : text["Stats.About.Everything"]),
            (text["Stats.About.Audience"], report.Audience == StatisticsAudience.Public ? text["Stats.About.Public"] : text["Stats.About.Analyst"]),
            (text["Stats.About.Disclosure"], text["Stats.Disclosure"]),
            (text["Stats.About.Licence"], Licence),
        };
        rows.AddRange(report.Distributions.Select(d => d.Name).Concat(report.CrossTabs.Select(c => c.Name))
            .Select(name => (name, text["Stats.Table." + name].Value)));
        return [.. rows.Select(r => new Dictionary<string, object> { ["rubrique"] = r.Item1, ["valeur"] = r.Item2 })];
    }
}
