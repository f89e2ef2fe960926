using System.Text.Json;
using AnnuaireFiliere.Core.Companies;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>The company description: limited Markdown on the profile, plain text in the structured data.</summary>
public sealed class DescriptionTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> ProfileWithDescriptionAsync(string description)
    {
        var company = await TestCompanies.PublishedAsync(site.Factory, (c, _) => c.DescriptionFr = description);
        return await DirectoryWebFactory.ParseAsync(await site.Factory.CreateClient().GetAsync($"/entreprises/{company.Slug}", Cancel));
    }

    [Fact]
    public async Task The_search_indexes_and_quotes_the_description_without_its_markup()
    {
        var company = await TestCompanies.AddAsync(site.Factory, "Markdown Maré", PublicationStatus.Published, (c, _) =>
            c.DescriptionFr = "Nous développons des **applications cartographiques** pour [les îles](https://exemple.nc).");
        // Added through the builder, which returns once the index holds it.
        var hit = (await site.SearchAsync(new Core.Search.SearchRequest { Text = "cartographiques" })).Hits.FirstOrDefault(h => h.Id == company.Id);

        Assert.NotNull(hit);
        Assert.Contains("<mark>cartographiques</mark>", hit.SnippetHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("**", hit.SnippetHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("](", hit.SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paragraphs_emphasis_lists_and_links_are_kept_and_links_are_marked_as_user_content()
    {
        var page = await ProfileWithDescriptionAsync("Nous faisons du **développement** *sur mesure*.\n\n- Web\n- Mobile\n\n# Titre\n\nVoir [notre site](https://exemple.nc) ou [écrire](mailto:contact@exemple.nc).");

        var description = page.QuerySelector(".description")!;
        Assert.Equal("développement", description.QuerySelector("strong")!.TextContent);
        Assert.Equal("sur mesure", description.QuerySelector("em")!.TextContent);
        Assert.Equal(["Web", "Mobile"], description.QuerySelectorAll("ul li").Select(li => li.TextContent));
        Assert.Null(description.QuerySelector("h1, h2"));
        Assert.Equal("Titre", description.QuerySelector("h3")!.TextContent);
        var link = description.QuerySelector("a[href='https://exemple.nc']")!;
        Assert.Equal("nofollow ugc noopener", link.GetAttribute("rel"));
        Assert.NotNull(description.QuerySelector("a[href='mailto:contact@exemple.nc']"));
    }

    [Fact]
    public async Task Scripts_event_handlers_images_and_javascript_links_are_stripped()
    {
        var page = await ProfileWithDescriptionAsync("<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n![image](https://exemple.nc/a.png)\n\n[piège](javascript:alert(3)) et [autre](JaVaScRiPt:alert(4))\n\n<a href=\"https://exemple.nc\" onclick=\"alert(5)\">lien</a>");

        var description = page.QuerySelector(".description")!;
        Assert.Empty(description.QuerySelectorAll("script, img, [onerror], [onclick], [src]"));
        Assert.All(description.QuerySelectorAll("a"), a => Assert.StartsWith("http", a.GetAttribute("href") ?? "http", StringComparison.Ordinal));
        Assert.DoesNotContain("javascript:", description.InnerHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", description.InnerHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_structured_data_and_open_graph_description_are_plain_text()
    {
        var page = await ProfileWithDescriptionAsync("Nous faisons du **développement** *sur mesure*.\n\n- Web\n- Mobile\n\nVoir [notre site](https://exemple.nc).");

        using var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var text = json.RootElement.GetProperty("description").GetString()!;
        var summary = page.QuerySelector("meta[property='og:description']")!.GetAttribute("content")!;
        foreach (var plain in new[] { text, summary })
        {
            Assert.Contains("Nous faisons du développement sur mesure.", plain, StringComparison.Ordinal);
            Assert.Contains("notre site", plain, StringComparison.Ordinal);
            foreach (var markup in new[] { "**", "](", "<", "- Web" })
            {
                Assert.DoesNotContain(markup, plain, StringComparison.Ordinal);
            }
        }
    }
}
