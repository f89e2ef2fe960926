using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>The search's map of communes in Chromium, on a phone and a laptop: it fits, it is accessible, its circles lead on.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class CommuneMapBrowserTests(BrowserSite site)
{
    [Theory]
    [InlineData(360, 740)]
    [InlineData(1366, 900)]
    public async Task The_map_fits_the_screen_and_a_circle_leads_to_its_communes_results(int width, int height)
    {
        var lifou = Core.Taxonomy.TaxonomyCatalog.Default.Communes.First(c => c.Name == "Lifou");
        var page = await site.OpenAsync("/recherche?vue=carte", width: width, height: height);

        await Assertions.Expect(page.Locator("svg a.map-link").First).ToBeVisibleAsync();
        await BrowserDefaults.AssertNoSidewaysScrollAsync(page);
        await AccountBrowserTests.NoSeriousViolationAsync(page);
        Directory.CreateDirectory(BrowserSite.ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSite.ScreenshotDirectory, $"recherche-carte@{width}.png"), FullPage = true });

        // Lifou is alone in its island: its circle is not under another one.
        var circle = page.Locator("svg a.map-link[aria-label^='Lifou :']");
        var label = await circle.GetAttributeAsync("aria-label") ?? string.Empty;
        await circle.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/recherche\\?commune={lifou.Code}$"));
        await Assertions.Expect(page.Locator("ol.cards > li").First).ToBeVisibleAsync();
        var count = label[(label.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().Split(' ')[0];
        await Assertions.Expect(page.Locator("#titre-resultats")).ToContainTextAsync(count);
        await Assertions.Expect(page.Locator(".view-switch a[aria-current]")).ToHaveTextAsync("Liste");
    }
}
