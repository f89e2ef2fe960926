using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using AnnuaireFiliere.Core.Statistics;

namespace AnnuaireFiliere.Web.Features.Statistics;

/// <summary>
/// A horizontal bar chart of a distribution as SVG (no script, no style attribute: the CSP holds). In the page it
/// is an image named by the table's heading and a note, the exact values being in the data table that follows; as
/// a download (and the PNG the page draws from it) it is a file of its own on a white background, with a margin, its
/// title and segment above the bars, and below them the source with its date and what the marks of withheld values
/// mean (only those it shows). Labels are never cut: a long one takes several lines.
/// </summary>
public static class StatisticsChart
{
    /// <summary>The texts around a downloaded chart, in the reader's language.</summary>
    /// <param name="Title">The table's title.</param>
    /// <param name="Segment">Which companies are counted.</param>
    /// <param name="Source">Where the figures come from, and their date.</param>
    /// <param name="SmallMark">What "&lt; 3" means, written below the bars when a bar is so marked.</param>
    /// <param name="SecretMark">What "s" means, written below the bars when a bar is so marked.</param>
    public sealed record Texts(string Title, string Segment, string Source, string SmallMark, string SecretMark);

    private const int ViewWidth = 900, NarrowWidth = 360;
    private const int Margin = 24;
    private const int LabelWidth = 340;
    private const double BarWidth = 440;
    private const int BarHeight = 20;
    private const int LineHeight = 17;

    /// <summary>Characters per line of a bar's label (14 px text in the label column), of the title (18 px bold) and of the notes (13 px).</summary>
    private const int LabelCharacters = 42, TitleCharacters = 70, NoteCharacters = 100;

    private const string Ink = "#1b2430", Muted = "#4a5565", Bar = "#00607a";

    /// <summary>
    /// The chart inside the page, labelled by the heading <paramref name="headingId"/> and its note: twice, labels beside
    /// the bars for a wide screen and above them for a phone (where the wide one's text would be a few pixels high);
    /// the page's styles show one.
    /// </summary>
    public static string Inline(Distribution distribution, string headingId, Func<Cell, string> shown)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        ArgumentNullException.ThrowIfNull(shown);
        var wide = new StringBuilder();
        var wideHeight = Bars(wide, distribution, shown, left: 0, top: 4) + 2;
        var narrow = new StringBuilder();
        var narrowHeight = StackedBars(narrow, distribution, shown);
        var named = $"width=\"100%\" role=\"img\" aria-labelledby=\"{headingId} {headingId}-note\" focusable=\"false\"";
        return string.Create(CultureInfo.InvariantCulture,
            $"<svg class=\"chart-wide\" viewBox=\"0 0 {ViewWidth} {wideHeight}\" {named}>{wide}</svg><svg class=\"chart-narrow\" viewBox=\"0 0 {NarrowWidth} {narrowHeight}\" {named}>{narrow}</svg>");
    }

    /// <summary>The chart as a file of its own, with its <paramref name="texts"/> around the bars.</summary>
    public static string Standalone(Distribution distribution, Texts texts, Func<Cell, string> shown)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(shown);
        var html = HtmlEncoder.Default;
        var body = new StringBuilder();
        var y = Margin;
        foreach (var line in Wrap(texts.Title, TitleCharacters))
        {
            y += 22;
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin}\" y=\"{y}\" font-size=\"18\" font-weight=\"bold\" fill=\"{Ink}\">{html.Encode(line)}</text>");
        }
        y = Notes(body, Wrap(texts.Segment, NoteCharacters), y + 4, Muted);
        y = Bars(body, distribution, shown, Margin, y + 14);
        var notes = Wrap(texts.Source, NoteCharacters).ToList();
        if (distribution.Rows.Any(r => r.Cell.Small))
        {
            notes.AddRange(Wrap(texts.SmallMark, NoteCharacters));
        }
        if (distribution.Rows.Any(r => r.Cell.Secret))
        {
            notes.AddRange(Wrap(texts.SecretMark, NoteCharacters));
        }
        var height = Notes(body, notes, y + 10, Muted) + Margin;
        return new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {ViewWidth} {height}\" width=\"{ViewWidth}\" height=\"{height}\" font-family=\"Arial, Helvetica, sans-serif\">")
            .Append(CultureInfo.InvariantCulture, $"<title>{html.Encode(texts.Title)}</title><rect width=\"{ViewWidth}\" height=\"{height}\" fill=\"#ffffff\"></rect>")
            .Append(body)
            .Append("</svg>")
            .ToString();
    }

    /// <summary>Writes a bar per row from <paramref name="top"/>, each label on as many lines as it needs; returns where the bars end.</summary>
    private static int Bars(StringBuilder svg, Distribution distribution, Func<Cell, string> shown, int left, int top)
    {
        var html = HtmlEncoder.Default;
        var max = Largest(distribution);
        var y = top;
        foreach (var row in distribution.Rows)
        {
            var lines = Wrap(row.Label, LabelCharacters);
            var width = row.Cell.Suppressed ? 0 : BarWidth * row.Cell.Count / max;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{y + 15}\" font-size=\"14\" fill=\"{Ink}\">");
            for (var i = 0; i < lines.Count; i++)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<tspan x=\"{left}\" dy=\"{(i == 0 ? 0 : LineHeight)}\">{html.Encode(lines[i])}</tspan>");
            }
            svg.Append("</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left + LabelWidth}\" y=\"{y}\" width=\"{width:0.#}\" height=\"{BarHeight}\" rx=\"3\" fill=\"{Bar}\"></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + LabelWidth + 8 + width:0.#}\" y=\"{y + 15}\" font-size=\"14\" fill=\"{Ink}\">{html.Encode(shown(row.Cell))}</text>");
            y += Math.Max(BarHeight, lines.Count * LineHeight) + 6;
        }
        return y;
    }

    /// <summary>Writes each row's label (on as many lines as it needs) above its bar, for a phone; returns where the bars end.</summary>
    private static int StackedBars(StringBuilder svg, Distribution distribution, Func<Cell, string> shown)
    {
        const int Characters = 42, FontSize = 15, Line = 18, Thickness = 12;
        const double Longest = NarrowWidth - 60;
        var html = HtmlEncoder.Default;
        var max = Largest(distribution);
        var y = 0;
        foreach (var row in distribution.Rows)
        {
            foreach (var line in Wrap(row.Label, Characters))
            {
                y += Line;
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y}\" font-size=\"{FontSize}\" fill=\"{Ink}\">{html.Encode(line)}</text>");
            }
            y += 5;
            var width = row.Cell.Suppressed ? 0 : Longest * row.Cell.Count / max;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"{y}\" width=\"{width:0.#}\" height=\"{Thickness}\" rx=\"2\" fill=\"{Bar}\"></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width + 6:0.#}\" y=\"{y + Thickness}\" font-size=\"{FontSize}\" fill=\"{Ink}\">{html.Encode(shown(row.Cell))}</text>");
            y += Thickness + 12;
        }
        return y;
    }

    /// <summary>The largest count shown (at least 1): the longest bar.</summary>
    private static long Largest(Distribution distribution) =>
        Math.Max(1, distribution.Rows.Where(r => !r.Cell.Suppressed).Select(r => r.Cell.Count).DefaultIfEmpty(0).Max());

    /// <summary>Writes lines of small text from <paramref name="top"/>; returns where they end.</summary>
    private static int Notes(StringBuilder svg, IEnumerable<string> lines, int top, string colour)
    {
        var y = top;
        foreach (var line in lines)
        {
            y += LineHeight;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin}\" y=\"{y}\" font-size=\"13\" fill=\"{colour}\">{HtmlEncoder.Default.Encode(line)}</text>");
        }
        return y;
    }

    /// <summary>The text cut into lines of at most <paramref name="characters"/> between words (a longer word is cut).</summary>
    internal static List<string> Wrap(string text, int characters)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            while (rest.Length > characters)
            {
                Flush();
                lines.Add(rest[..characters]);
                rest = rest[characters..];
            }
            if (line.Length > 0 && line.Length + 1 + rest.Length > characters)
            {
                Flush();
            }
            line.Append(line.Length > 0 ? " " : "").Append(rest);
        }
        Flush();
        return lines;

        void Flush()
        {
            if (line.Length > 0)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
        }
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
