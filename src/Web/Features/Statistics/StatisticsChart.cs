using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using AnnuaireFiliere.Core.Statistics;

namespace AnnuaireFiliere.Web.Features.Statistics;

/// <summary>
/// A horizontal bar chart of a distribution as SVG (no script, no style attribute: the CSP holds). In the page it
/// is an image named by the table's heading and a note, the exact values being in the data table that follows; as
/// a download it is a standalone file with its title, on a white background.
/// </summary>
public static class StatisticsChart
{
    private const int RowHeight = 26;
    private const int LabelWidth = 340;
    private const double BarWidth = 480;
    private const int TitleHeight = 34;

    /// <summary>The chart inside the page, labelled by the heading <paramref name="headingId"/> and its note.</summary>
    public static string Inline(Distribution distribution, string headingId, Func<Cell, string> shown) =>
        Svg(distribution, shown, $"width=\"100%\" role=\"img\" aria-labelledby=\"{headingId} {headingId}-note\" focusable=\"false\"", title: null);

    /// <summary>The chart as a file of its own, with <paramref name="title"/> written above the bars.</summary>
    public static string Standalone(Distribution distribution, string title, Func<Cell, string> shown) =>
        Svg(distribution, shown, "xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"{height}\" font-family=\"Arial, Helvetica, sans-serif\"", title);

    private static string Svg(Distribution distribution, Func<Cell, string> shown, string attributes, string? title)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        ArgumentNullException.ThrowIfNull(shown);
        var html = HtmlEncoder.Default;
        var max = Math.Max(1, distribution.Rows.Where(r => !r.Cell.Suppressed).Select(r => r.Cell.Count).DefaultIfEmpty(0).Max());
        var top = title is null ? 0 : TitleHeight;
        var height = distribution.Rows.Count * RowHeight + 6 + top;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 900 {height}\" {attributes.Replace("{height}", height.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)}>");
        if (title is not null)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<title>{html.Encode(title)}</title><rect width=\"900\" height=\"{height}\" fill=\"#ffffff\"></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"22\" font-size=\"18\" font-weight=\"bold\" fill=\"#1b2430\">{html.Encode(title)}</text>");
        }
        for (var i = 0; i < distribution.Rows.Count; i++)
        {
            var row = distribution.Rows[i];
            var y = i * RowHeight + 4 + top;
            var label = row.Label.Length > 40 ? row.Label[..39] + "…" : row.Label;
            var width = row.Cell.Suppressed ? 0 : BarWidth * row.Cell.Count / max;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 16}\" font-size=\"14\" fill=\"#1b2430\">{html.Encode(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{width:0.#}\" height=\"20\" rx=\"3\" fill=\"#00607a\"></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + 8 + width:0.#}\" y=\"{y + 16}\" font-size=\"14\" fill=\"#1b2430\">{html.Encode(shown(row.Cell))}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>
    /// A line of values over dates (withheld values break the line), labelled by <paramref name="headingId"/> and its
    /// note; the values are in the table that follows. Empty with fewer than two dates.
    /// </summary>
    public static string Trend(IReadOnlyList<Cell> values, IReadOnlyList<string> dates, string headingId)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(dates);
        if (values.Count < 2)
        {
            return string.Empty;
        }
        const double Width = 820, Height = 200, Left = 60, Top = 10;
        var html = HtmlEncoder.Default;
        var max = Math.Max(1, values.Where(v => !v.Suppressed).Select(v => v.Count).DefaultIfEmpty(0).Max());
        double X(int i) => Left + Width * i / (values.Count - 1);
        double Y(long value) => Top + Height - Height * value / max;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 900 250\" width=\"100%\" role=\"img\" aria-labelledby=\"{headingId} {headingId}-note\" focusable=\"false\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + Height}\" x2=\"{Left + Width}\" y2=\"{Top + Height}\" stroke=\"#5b6b7c\"></line>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{Top + 12}\" font-size=\"13\" fill=\"#1b2430\">{max.ToString("N0", CultureInfo.CurrentCulture)}</text>");
        var points = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i].Suppressed)
            {
                Flush();
                continue;
            }
            points.Add(FormattableString.Invariant($"{X(i):0.#},{Y(values[i].Count):0.#}"));
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(i):0.#}\" cy=\"{Y(values[i].Count):0.#}\" r=\"4\" fill=\"#00607a\"></circle>");
        }
        Flush();
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Top + Height + 30}\" font-size=\"13\" fill=\"#1b2430\">{html.Encode(dates[0])}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + Width}\" y=\"{Top + Height + 30}\" font-size=\"13\" text-anchor=\"end\" fill=\"#1b2430\">{html.Encode(dates[^1])}</text>");
        svg.Append("</svg>");
        return svg.ToString();

        void Flush()
        {
            if (points.Count > 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{string.Join(' ', points)}\" fill=\"none\" stroke=\"#00607a\" stroke-width=\"3\"></polyline>");
            }
            points.Clear();
        }
    }
}
