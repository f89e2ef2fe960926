using Markdig;

namespace AnnuaireFiliere.Core.Companies;

/// <summary>
/// A company description (limited Markdown, see the site's <c>DescriptionMarkdown</c>) as plain text: what the
/// search indexes and quotes in its snippets, and what meta tags and structured data show.
/// </summary>
public static class DescriptionText
{
    /// <summary>HTML is parsed as HTML so that it is left out rather than shown as text.</summary>
    private static readonly MarkdownPipeline WithoutHtml = new MarkdownPipelineBuilder().Build();

    /// <summary>HTML typed in a description stays text, as the profile shows it (the search escapes it in snippets).</summary>
    private static readonly MarkdownPipeline HtmlAsText = new MarkdownPipelineBuilder().DisableHtml().Build();

    /// <summary>
    /// The plain text of a description: Markdown markup removed; HTML left out, or kept as the literal text it is on
    /// the profile when <paramref name="htmlAsText"/> (what the search indexes).
    /// </summary>
    public static string? Plain(string? markdown, bool htmlAsText = false)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return markdown;
        }
        var text = Markdown.ToPlainText(markdown, htmlAsText ? HtmlAsText : WithoutHtml);
        return string.Join("\n\n", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
