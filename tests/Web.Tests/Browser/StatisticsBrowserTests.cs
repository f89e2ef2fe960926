using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>
/// What a visitor does with <c>/statistiques</c> in a real browser: read it on a phone through its contents, take a
/// chart away as an image.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class StatisticsBrowserTests(BrowserSite site)
{
    [Fact]
    public async Task A_chart_downloads_as_a_png_drawn_from_its_svg()
    {
        var page = await site.OpenAsync("/statistiques?province=sud");
        var button = page.Locator("#stat-sector ~ .downloads [data-png]");
        await Assertions.Expect(button).ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => button.ClickAsync());

        Assert.Matches(@"^statistiques-sector-province-sud-\d{4}-\d{2}-\d{2}\.png$", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!, TestContext.Current.CancellationToken);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        var width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
        Assert.Equal(1800, width); // the 900-unit chart at twice the size
    }

    [Fact]
    public async Task Without_javascript_the_png_button_is_not_offered_and_the_svg_link_works()
    {
        var page = await site.OpenAsync("/statistiques", javaScript: false);

        await Assertions.Expect(page.Locator("#stat-sector ~ .downloads [data-png]")).ToBeHiddenAsync();
        var svg = page.Locator("#stat-sector ~ .downloads a", new() { HasText = "SVG" });
        Assert.StartsWith("/statistiques/sector.svg", await svg.GetAttributeAsync("href"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/statistiques?secteur=S05&province=sud&comparer={instantane}", null, "fr")]
    [InlineData("/statistiques?province=nord&taille=1-9", "en", "en")]
    public async Task On_a_phone_the_statistics_do_not_scroll_sideways_and_their_contents_lead_to_each_section(string path, string? language, string name)
    {
        if (path.Contains("{instantane}", StringComparison.Ordinal))
        {
            path = path.Replace("{instantane}", await site.OldestSnapshotAsync(), StringComparison.Ordinal);
        }
        var page = await site.OpenAsync(path, width: 360, height: 740, language: language);

        await BrowserDefaults.AssertNoSidewaysScrollAsync(page);
        // The evolution table is wider than a phone: it scrolls in its box, which says so.
        var series = page.Locator("#stat-series ~ .table-scroll");
        Assert.True(await series.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"));
        await Assertions.Expect(page.Locator("#stat-series-scroll")).ToBeVisibleAsync();

        // The charts put their labels above the bars on a phone, in text one can read.
        await Assertions.Expect(page.Locator("#stat-sector ~ .chart svg.chart-wide")).ToBeHiddenAsync();
        var label = await page.Locator("#stat-sector ~ .chart svg.chart-narrow text").First.BoundingBoxAsync();
        Assert.True(label!.Height >= 12, $"chart labels {label.Height:0.#} px high on a phone");

        await page.Locator("nav#sommaire a[href='#stat-sector-province']").ClickAsync();

        await Assertions.Expect(page.Locator("#stat-sector-province")).ToBeInViewportAsync();
        Assert.EndsWith("#stat-sector-province", page.Url, StringComparison.Ordinal);
        await page.Locator("#stat-sector-province ~ .back-to-contents a").ClickAsync();
        await Assertions.Expect(page.Locator("nav#sommaire")).ToBeInViewportAsync();

        // The buyers' needs (issue #19) are a section of the contents too, readable on a phone.
        await page.Locator("nav#sommaire a[href='#stat-besoins']").ClickAsync();
        await Assertions.Expect(page.Locator("#stat-besoins")).ToBeInViewportAsync();

        await BrowserDefaults.ScreenshotsAsync(page, $"stats-{name}");
        await Assertions.Expect(page.Locator("#stat-sector ~ .chart svg.chart-wide")).ToBeVisibleAsync();
    }
}
