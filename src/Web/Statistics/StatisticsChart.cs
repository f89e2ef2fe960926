using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using AnnuaireFiliere.Core.Statistics;

namespace AnnuaireFiliere.Web.Statistics;

/// <summary>
/// A horizontal bar chart of a distribution as inline SVG (no script, no style attribute: the CSP holds). It is an
/// image named by the table's heading and a note; the exact values are in the data table that follows it.
/// </summary>
public static class StatisticsChart
{
    private const int RowHeight = 26;
    private const int LabelWidth = 340;
    private const double BarWidth = 480;

    public static string Svg(Distribution distribution, string headingId, Func<Cell, string> shown)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        ArgumentNullException.ThrowIfNull(shown);
        var html = HtmlEncoder.Default;
        var max = Math.Max(1, distribution.Rows.Where(r => !r.Cell.Suppressed).Select(r => r.Cell.Count).DefaultIfEmpty(0).Max());
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 900 {distribution.Rows.Count * RowHeight + 6}\" width=\"100%\" role=\"img\" aria-labelledby=\"{headingId} {headingId}-note\" focusable=\"false\">");
        for (var i = 0; i < distribution.Rows.Count; i++)
        {
            var row = distribution.Rows[i];
            var y = i * RowHeight + 4;
            var label = row.Label.Length > 40 ? row.Label[..39] + "…" : row.Label;
            var width = row.Cell.Suppressed ? 0 : BarWidth * row.Cell.Count / max;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 16}\" font-size=\"14\" fill=\"#1b2430\">{html.Encode(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{width:0.#}\" height=\"20\" rx=\"3\" fill=\"#00607a\"></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + 8 + width:0.#}\" y=\"{y + 16}\" font-size=\"14\" fill=\"#1b2430\">{html.Encode(shown(row.Cell))}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }
}
