using System.Text;

namespace AnnuaireFiliere.Core.Search;

/// <summary>
/// An extract of a text around the first word a search matched, with the matched words in <c>&lt;mark&gt;</c>
/// and everything else HTML-encoded: a description containing markup is shown as text.
/// </summary>
public static class Snippets
{
    public static string Build(string text, IReadOnlySet<string> matchedTerms, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(matchedTerms);
        var marks = matchedTerms.Count == 0
            ? []
            : FrenchTextAnalyzer.Stemming.WithOffsets(text).Where(t => matchedTerms.Contains(t.Term)).Select(t => (t.Start, t.End)).ToList();
        var from = 0;
        if (marks.Count > 0 && marks[0].End > length)
        {
            from = WordStart(text, marks[0].Start - (length / 4));
        }
        var to = Math.Min(text.Length, from + length);
        if (to < text.Length)
        {
            to = WordEnd(text, to);
        }

        var html = new StringBuilder(length + 64);
        if (from > 0)
        {
            html.Append('…');
        }
        var cursor = from;
        foreach (var (start, end) in marks.Where(m => m.Start >= cursor && m.End <= to))
        {
            Encode(html, text.AsSpan(cursor, start - cursor));
            html.Append("<mark>");
            Encode(html, text.AsSpan(start, end - start));
            html.Append("</mark>");
            cursor = end;
        }
        Encode(html, text.AsSpan(cursor, to - cursor));
        if (to < text.Length)
        {
            html.Append('…');
        }
        return html.ToString();
    }

    /// <summary>Escapes the characters that mean something in HTML, and nothing else (accents stay readable).</summary>
    public static void Encode(StringBuilder html, ReadOnlySpan<char> text)
    {
        ArgumentNullException.ThrowIfNull(html);
        foreach (var c in text)
        {
            html.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            } ?? c.ToString());
        }
    }

    private static int WordStart(string text, int index)
    {
        index = Math.Clamp(index, 0, text.Length);
        while (index > 0 && !char.IsWhiteSpace(text[index - 1]))
        {
            index--;
        }
        return index;
    }

    private static int WordEnd(string text, int index)
    {
        var limit = Math.Min(text.Length, index + 20);
        while (index < limit && !char.IsWhiteSpace(text[index]))
        {
            index++;
        }
        return index;
    }
}
