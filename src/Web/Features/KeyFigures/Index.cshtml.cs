using System.Globalization;
using AnnuaireFiliere.Core.Statistics;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Core.Survey.Results;
using AnnuaireFiliere.Web.Features.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace AnnuaireFiliere.Web.Features.KeyFigures;

/// <summary>
/// <c>/chiffres-cles</c> (the latest closed wave) and <c>/chiffres-cles/{id}</c>: the census's key figures for the
/// white paper — each indicator with its chart, its table, its definition, its change since the previous wave and a
/// stable anchor to cite; printable on A4 and downloadable as a workbook (<c>?handler=Xlsx</c>). Protected figures
/// only (docs/adr/0030), each with the analysts' commentary once a moderator approved it.
/// </summary>
public sealed class KeyFiguresModel(SurveyPublication publication, SurveyCommentaries commentaries, IStringLocalizer<SharedResource> text) : PageModel
{
    public PublishedWave? Published { get; private set; }

    /// <summary>The wave's approved commentaries (Markdown) by question id.</summary>
    public IReadOnlyDictionary<string, string> Commentaries { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyList<SurveyWave> Waves { get; private set; } = [];
    public SurveyPublication Publication => publication;

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        Waves = await publication.ClosedAsync(cancellationToken);
        Published = await publication.ReadAsync(id, StatisticsAudience.Public, Calibration.SectorAndSize, cancellationToken);
        if (id is not null && Published is null)
        {
            return NotFound();
        }
        if (Published is not null)
        {
            Commentaries = await commentaries.PublishedAsync(Published.Current.Wave.Id, cancellationToken);
        }
        return Page();
    }

    /// <summary>Every table of the wave in a workbook: an "à propos" sheet, then a sheet per question.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(Guid? id, CancellationToken cancellationToken)
    {
        var published = await publication.ReadAsync(id, StatisticsAudience.Public, Calibration.SectorAndSize, cancellationToken);
        if (published?.Current is not { State: ResultsState.Ready } results)
        {
            return NotFound();
        }
        var file = Workbook(publication, results, text, CultureInfo.CurrentUICulture);
        return File(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"chiffres-cles-{Slug(results.Wave)}.xlsx");
    }

    /// <summary>The workbook of a wave's results (for the public or analysts, as <paramref name="results"/> were read).</summary>
    public static byte[] Workbook(SurveyPublication publication, WaveResults results, IStringLocalizer text, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(publication);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(text);
        var sheets = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        sheets[StatisticsExports.SheetName(text["KeyFigures.About"], sheets.Keys)] = About(results, text, culture);
        foreach (var question in results.Questions)
        {
            var lines = publication.Lines(results, question, culture, text["KeyFigures.All"]);
            // The columns this question fills (a number has no options, a choice no total).
            var used = Enumerable.Range(0, lines[0].Length).Where(i => i < 3 || lines.Skip(1).Any(l => l[i] is not null)).ToList();
            sheets[StatisticsExports.SheetName(question.Question.Id, sheets.Keys)] = lines.Skip(1)
                .Select(line => (IDictionary<string, object?>)used.ToDictionary(i => lines[0][i]!, i => Value(line[i], i)))
                .ToList();
        }
        using var output = new MemoryStream();
        MiniExcel.SaveAs(output, sheets, excelType: ExcelType.XLSX);
        return output.ToArray();
    }

    /// <summary>Numbers as numbers (after the code and label columns), "s" and words as text.</summary>
    private static object? Value(string? field, int column) =>
        column >= 2 && double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : field;

    private static List<Dictionary<string, object?>> About(WaveResults results, IStringLocalizer text, CultureInfo culture)
    {
        var weighting = results.Weighting;
        var rows = new List<(string Key, string Value)>
        {
            (text["KeyFigures.About.Wave"], results.Wave.Title),
            (text["KeyFigures.About.Questionnaire"], $"{results.Questionnaire.Title.In(culture)} (version {results.Wave.QuestionnaireVersion})"),
            (text["KeyFigures.About.Dates"], $"{Infrastructure.Display.Date(results.Wave.OpensAt)} – {Infrastructure.Display.Date(results.Wave.ClosesAt.AddDays(-1))}"),
            (text["KeyFigures.About.Population"], results.Population.ToString("N0", culture)),
            (text["KeyFigures.About.Respondents"], results.Respondents.ToString("N0", culture)),
            (text["KeyFigures.About.Rate"], results.ResponseRate.ToString("P0", culture)),
            (text["KeyFigures.About.Weighting"], weighting is { Calibrated: true } ? text["KeyFigures.Method.Weighted", weighting.Iterations] : text["KeyFigures.Method.Unweighted"]),
            (text["KeyFigures.About.Margins"], text["KeyFigures.Method.Margins"]),
            (text["KeyFigures.About.Disclosure"], text["KeyFigures.Method.Disclosure"]),
            (text["KeyFigures.About.Computed"], Infrastructure.Display.DateTime(results.ComputedAt)),
            (text["KeyFigures.About.Licence"], StatisticsExports.Licence),
        };
        return [.. rows.Select(r => new Dictionary<string, object?> { [text["KeyFigures.About.Item"]] = r.Key, [text["KeyFigures.About.Value"]] = r.Value })];
    }

    public static string Slug(SurveyWave wave) => Core.Companies.Slugs.From(wave?.Title ?? "vague");

    /// <summary>A share as the page writes it: "42 %".</summary>
    public static string Percent(double? share) => share is { } value ? (value * 100).ToString("0", CultureInfo.CurrentCulture) + " %" : SurveyPublication.Withheld;

    /// <summary>A margin of error: "± 6 pts".</summary>
    public static string Margin(double? margin) => margin is { } value ? "± " + (value * 100).ToString("0.#", CultureInfo.CurrentCulture) : "";

    /// <summary>A change in points: "+3 pts", "−2 pts", "=".</summary>
    public static string Points(double? change, string unit) => change switch
    {
        null => "—",
        { } c when Math.Abs(c) < 0.5 => "=",
        { } c => (c > 0 ? "+" : "−") + Math.Abs(c).ToString("0", CultureInfo.CurrentCulture) + " " + unit,
    };

    public static string Number(double? value, string format = "N0") => value is { } v ? v.ToString(format, CultureInfo.CurrentCulture) : SurveyPublication.Withheld;

    /// <summary>An option's share as a bar chart's cell: thousandths, withheld when the share is.</summary>
    public static Distribution Chart(Question question, GroupResult group, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(group);
        var rows = group.Options.Select(o => new Row(o.Code, SurveyPublication.OptionLabel(question, o.Code, culture),
            new Cell(o.Share is { } s ? (long)Math.Round(s * 1000) : 0, o.Share is null))).ToList();
        return new Distribution(question.Id, rows, 1000);
    }

    public static string ChartValue(Cell cell) =>
        cell?.Suppressed != false ? SurveyPublication.Withheld : (cell.Count / 10.0).ToString("0", CultureInfo.CurrentCulture) + " %";
}
