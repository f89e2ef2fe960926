using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>What an analyst does with <c>/statistiques</c> in a real browser: take a chart away as an image.</summary>
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
}
