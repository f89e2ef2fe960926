using AngleSharp.Html.Parser;
using AnnuaireFiliere.Web.Features.Companies;
using CsCheck;

namespace AnnuaireFiliere.Web.Tests.Properties;

/// <summary>
/// A company's description is written by its members and shown on its public profile: whatever Markdown (and HTML,
/// and tricks) it holds, the HTML produced has no script, no event handler, no style, no frame or form, and no link
/// other than http(s) or mailto.
/// </summary>
public sealed class DescriptionMarkdownProperties
{
    private static readonly string[] Pieces =
    [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\">x</a>", "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))", "[x](java\tscript:alert(1))", "[x](&#106;avascript:alert(1))", "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox(1))", "![i](javascript:alert(1))", "<svg onload=alert(1)>", "<iframe src=//evil.example>", "<style>*{}</style>",
        "<form action=//evil.example><input></form>", "<div style=\"background:url(javascript:alert(1))\">", "\"><script>", "<!--", "-->",
        "[ok](https://example.nc)", "<https://example.nc>", "[m](mailto:a@b.nc)", "**gras**", "_it_", "# titre", "> citation", "- point",
        "1. un", "`code`", "```\n<script>\n```", "\n\n", " ", "[", "](", ")", "<", ">", "\"", "'", "&", "\\", "*", "_", "javascript:",
        "on", "error=", "href=", "<a ", "<b onclick=alert(1)>x</b>", "<math><mi xlink:href=\"javascript:alert(1)\">", "<object data=x>",
        "<embed src=x>", "<base href=//evil.example>", "<meta http-equiv=refresh content=0;url=//evil.example>", "<link rel=import href=x>",
    ];

    private static readonly Gen<string> Description = Gen.OneOf(Gen.OneOf(Pieces), Gen.String[0, 6]).Array[0, 12].Select(parts => string.Concat(parts));

    private static readonly HashSet<string> Forbidden =
        ["script", "style", "iframe", "frame", "object", "embed", "form", "input", "img", "svg", "math", "base", "meta", "link"];

    [Fact]
    public void No_script_handler_or_foreign_link_survives_whatever_the_description_holds() =>
        Description.Sample(markdown =>
        {
            var html = DescriptionMarkdown.ToHtml(markdown);
            var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");
            foreach (var element in document.Body!.QuerySelectorAll("*"))
            {
                Assert.DoesNotContain(element.LocalName, Forbidden);
                Assert.All(element.Attributes, attribute =>
                {
                    Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{attribute.Name} in {html}");
                    Assert.NotEqual("style", attribute.Name, StringComparer.OrdinalIgnoreCase);
                });
                if (element.GetAttribute("href") is { } href)
                {
                    Assert.Matches("^(https?:|mailto:)", href.Trim().ToLowerInvariant());
                    Assert.Equal("nofollow ugc noopener", element.GetAttribute("rel"));
                }
            }
        }, iter: 5_000);
}
