using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Infrastructure;

/// <summary>
/// <c>&lt;scroll-table labelled-by="heading-id"&gt;&lt;table&gt;…&lt;/scroll-table&gt;</c>: a table that may be wider
/// than a phone scrolls inside its own box instead of the page. The box is a named region reachable by keyboard (the
/// arrows scroll it), with shadows at its edges and a written hint, shown only while the table overflows
/// (<c>site.js</c>; always without JavaScript). One markup for every wide table of the site.
/// </summary>
[HtmlTargetElement("scroll-table")]
public sealed class ScrollTableTagHelper(IStringLocalizer<SharedResource> text) : TagHelper
{
    /// <summary>The id of the heading that names the table (the region takes its name).</summary>
    [HtmlAttributeName("labelled-by")]
    public string? LabelledBy { get; set; }

    /// <summary>The region's name when no heading names it.</summary>
    [HtmlAttributeName("label")]
    public string? Label { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var hint = (LabelledBy ?? "table-" + context.UniqueId) + "-scroll";
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "table-scroll");
        output.Attributes.SetAttribute("tabindex", "0");
        output.Attributes.SetAttribute("role", "region");
        if (LabelledBy is not null)
        {
            output.Attributes.SetAttribute("aria-labelledby", LabelledBy);
        }
        else
        {
            output.Attributes.SetAttribute("aria-label", Label ?? string.Empty);
        }
        output.Attributes.SetAttribute("aria-describedby", hint);
        output.Attributes.SetAttribute("data-scroll-hint", hint);
        output.PreElement.AppendHtml("<p class=\"hint scroll-hint\" id=\"").Append(hint).AppendHtml("\">").Append(text["Table.ScrollHint"]).AppendHtml("</p>");
    }
}
