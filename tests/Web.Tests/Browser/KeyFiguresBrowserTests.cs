using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>
/// The census's key figures and the analysts' results in a real browser, over the demo's closed waves: read on a
/// phone, accessible, printed on A4 by Chromium.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class KeyFiguresBrowserTests(BrowserSite site)
{
    [Theory]
    [InlineData(null, "fr")]
    [InlineData("en", "en")]
    public async Task On_a_phone_the_key_figures_do_not_scroll_sideways_and_each_indicator_has_its_anchor(string? language, string name)
    {
        var page = await site.OpenAsync("/chiffres-cles", width: 360, height: 740, language: language);

        await BrowserDefaults.AssertNoSidewaysScrollAsync(page);
        await AccountBrowserTests.NoSeriousViolationAsync(page);
        await Assertions.Expect(page.Locator("#indicateur-entreprises [data-respondents]")).ToBeVisibleAsync();
        await page.Locator("nav#sommaire a[href='#indicateur-vente-en-ligne']").ClickAsync();
        await Assertions.Expect(page.Locator("h2#indicateur-vente-en-ligne")).ToBeInViewportAsync();
        // The comparison with the demo's earlier wave is there.
        await Assertions.Expect(page.Locator("table[data-question=vente-en-ligne] th", new() { HasText = language == "en" ? "Change" : "Évolution" })).ToHaveCountAsync(1);
        await page.Locator("#indicateur-vente-en-ligne ~ details summary").ClickAsync();
        await BrowserDefaults.AssertNoSidewaysScrollAsync(page);
        await BrowserDefaults.ScreenshotsAsync(page, $"chiffres-cles-{name}");
    }

    [Fact]
    public async Task The_key_figures_print_as_an_a4_report_without_the_site_s_navigation()
    {
        var page = await site.OpenAsync("/chiffres-cles", width: 794);
        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await Assertions.Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("nav#sommaire")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("h2#indicateur-effectif")).ToBeVisibleAsync();
        var pdf = await CompareAndPrintBrowserTests.PdfAsync(page);
        Assert.Equal((595.3, 841.9), CompareAndPrintBrowserTests.PageSize(pdf), new CompareAndPrintBrowserTests.SizeComparer());
        Assert.Contains("Chiffres clés", CompareAndPrintBrowserTests.Title(pdf), StringComparison.Ordinal);
        Assert.True(System.Text.RegularExpressions.Regex.Count(pdf, @"/Type\s*/Page\b") >= 2, "the report fits on one page: the indicators are missing");
    }

    [Fact]
    public async Task An_analyst_reads_a_wave_s_results_on_a_phone()
    {
        var page = await site.SignedInAsync($"analyste{TestCompanies.Unique()}@observatoire-test.nc", role: Core.Accounts.Roles.Analyst, width: 360, height: 740);
        var wave = await site.Factory.WithDatabaseAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.SurveyWaves.Where(w => w.ClosesAt < DateTime.UtcNow).OrderByDescending(w => w.ClosesAt), TestContext.Current.CancellationToken)); // a demo wave: others' tests open waves of their own
        await page.GotoAsync($"/observatoire/vagues/{wave.Id}/resultats");

        await Assertions.Expect(page.Locator("[data-weighting]")).ToBeVisibleAsync();
        await BrowserDefaults.AssertNoSidewaysScrollAsync(page);
        await AccountBrowserTests.NoSeriousViolationAsync(page);
        await page.Locator("#calage").SelectOptionAsync("province");
        await page.Locator("form.stats-filters button").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("calage=province"));
        await BrowserDefaults.ScreenshotsAsync(page, "resultats-analyste");
    }
}
