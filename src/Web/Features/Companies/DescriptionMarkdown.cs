using Ganss.Xss;
using Markdig;
using Markdig.Syntax;

namespace AnnuaireFiliere.Web.Features.Companies;

/// <summary>
/// A company description written in limited Markdown: paragraphs, emphasis, lists, links and small headings.
/// Raw HTML is never let through (Markdig keeps it as text), images are dropped, headings are at most h3, and the
/// HTML is cleaned once more by an allow-list so that only http(s) and mailto links remain, marked nofollow ugc.
/// </summary>
public static partial class DescriptionMarkdown
{
    [System.Text.RegularExpressions.GeneratedRegex("^(https?:|mailto:)", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex AbsoluteLink();

    private const int HighestHeading = 3;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>The description as safe HTML for the profile page.</summary>
    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Max(heading.Level, HighestHeading);
        }
        return Sanitizer.Sanitize(document.ToHtml(Pipeline));
    }

    /// <summary>The description without Markdown markup nor HTML, for meta tags, structured data and snippets.</summary>
    public static string ToPlainText(string markdown) => Core.Companies.DescriptionText.Plain(markdown) ?? string.Empty;

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(["p", "br", "em", "strong", "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "blockquote", "code"], StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href", "rel"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
        };
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link)
            {
                if (link.GetAttribute("href") is not { } href || !AbsoluteLink().IsMatch(href.Trim()))
                {
                    // "[text]()" or "[text](page)" would lead within this site (the sanitizer keeps relative
                    // addresses): a description only links out, so such a link is plain text.
                    link.RemoveAttribute("href");
                    link.RemoveAttribute("rel");
                    return;
                }
                link.SetAttribute("rel", "nofollow ugc noopener");
            }
        };
        return sanitizer;
    }
}
