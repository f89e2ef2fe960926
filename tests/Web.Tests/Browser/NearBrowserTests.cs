using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>"Près de…" in the filters: a commune and a distance, on a phone, with and without script.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class NearBrowserTests(BrowserSite site)
{
    private static async Task<int> TotalAsync(IPage page) =>
        SiteFixture.Digits(await page.Locator("#titre-resultats").TextContentAsync() ?? "");

    /// <summary>Three companies with a word of their own: in Koné, in Hienghène (42 km away), in Nouméa; each works only in its commune.</summary>
    private async Task<string> CompaniesAsync()
    {
        var word = "brow" + string.Concat(TestCompanies.Unique().ToString(CultureInfo.InvariantCulture).Select(d => (char)('a' + d - '0')));
        foreach (var commune in (string[])["98811", "98807", "98818"])
        {
            await TestCompanies.PublishedAsync(site.Factory, (c, _) =>
            {
                c.CommuneCode = commune;
                c.PostalCode = Core.Taxonomy.TaxonomyCatalog.Default.FindCommune(commune)!.PostalCodes[0];
                c.ServiceArea = new Core.Companies.ServiceArea { CommuneCodes = [commune] };
                c.DescriptionFr = $"Spécialiste {word}.";
            });
        }
        return word;
    }

    [Fact]
    public async Task On_a_phone_choosing_a_commune_and_a_distance_updates_the_results_in_place()
    {
        var word = await CompaniesAsync();
        var page = await site.OpenAsync($"/recherche?q={word}", width: 360, height: 740);
        await page.EvaluateAsync("() => window.sameDocument = true");
        Assert.Equal(3, await TotalAsync(page));
        var panel = page.Locator(".facets-panel");
        if (await panel.GetAttributeAsync("open") is null)
        {
            await page.Locator(".facets-panel > summary").ClickAsync();
        }

        await page.GetByLabel("Commune", new() { Exact = true }).SelectOptionAsync("98811");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]proche=98811$"));
        await Assertions.Expect(page.Locator(".chips .chip", new() { HasText = "À moins de 25 km de Koné" })).ToBeVisibleAsync();
        Assert.Equal(1, await TotalAsync(page));

        await page.GetByLabel("Distance", new() { Exact = true }).SelectOptionAsync("50");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]proche=98811&rayon=50$"));
        await Assertions.Expect(page.Locator(".chips .chip", new() { HasText = "À moins de 50 km de Koné" })).ToBeVisibleAsync();
        Assert.Equal(2, await TotalAsync(page));
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was reloaded instead of updated in place");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "sideways scroll at 360 px");
        await AccountBrowserTests.NoSeriousViolationAsync(page);

        await page.Locator(".chips .chip", new() { HasText = "À moins de 50 km de Koné" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/recherche\\?q={word}$"));
        Assert.Equal(3, await TotalAsync(page));
    }

    [Fact]
    public async Task Without_script_the_commune_and_distance_apply_with_the_button()
    {
        var word = await CompaniesAsync();
        var page = await site.OpenAsync($"/recherche?q={word}", javaScript: false, width: 360, height: 740);

        await page.GetByLabel("Commune", new() { Exact = true }).SelectOptionAsync("98811");
        await page.GetByLabel("Distance", new() { Exact = true }).SelectOptionAsync("50");
        await page.Locator(".apply-filters").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/recherche\\?q={word}&proche=98811&rayon=50$"));
        Assert.Equal(2, await TotalAsync(page));
    }
}
