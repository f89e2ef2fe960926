using Markdig;

namespace AnnuaireFiliere.Core.Companies;

/// <summary>
/// A company description (limited Markdown, see the site's <c>DescriptionMarkdown</c>) as plain text: what the
/// search indexes and quotes in its snippets, and what meta tags and structured data show.
/// </summary>
public static class DescriptionText
{
    /// <summary>HTML is parsed as HTML so that it is left out rather than shown as text.</summary>
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Build();

    public static string? Plain(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return markdown;
        }
        var text = Markdown.ToPlainText(markdown, Pipeline);
        return string.Join("\n\n", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
