using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>The services list in a browser on a phone: a buyer ticks a service; a company finds its services by typing.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ServicesBrowserTests(BrowserSite site)
{
    [Fact]
    public async Task On_a_phone_a_buyer_ticks_a_service_and_the_results_are_its_companies()
    {
        var page = await site.OpenAsync("/recherche", width: 360, height: 780);
        // On a phone the filters start folded.
        if (await page.Locator(".facets-panel").GetAttributeAsync("open") is null)
        {
            await page.Locator(".facets-panel > summary").ClickAsync();
        }
        var facet = page.Locator("fieldset.facet", new() { Has = page.Locator("legend", new() { HasTextString = "Services proposés" }) });
        var first = facet.Locator("input[name=service]").First;
        var id = await first.GetAttributeAsync("id");
        var code = await first.GetAttributeAsync("value");
        var expected = SiteFixture.Digits(await page.Locator($"label[for='{id}'] .count").TextContentAsync() ?? "");
        Assert.True(expected > 0);

        await page.Locator($"label[for='{id}']").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"[?&]service={Regex.Escape(code!)}"));
        await Assertions.Expect(page.Locator("#titre-resultats")).ToHaveTextAsync(new Regex($"^{expected}\\b"));
        await BrowserDefaults.AssertNoSidewaysScrollAsync(page);
        await AccountBrowserTests.NoSeriousViolationAsync(page);
    }

    [Fact]
    public async Task A_company_types_a_few_letters_to_find_its_service_among_the_list_and_ticks_it()
    {
        var company = (await TestCompanies.PublishedAsync(site.Factory)).Id;
        var page = await site.SignedInAsync($"services.{TestCompanies.Unique()}@annuaire-test.nc", company, width: 360, height: 780);
        await page.GotoAsync($"/mon-espace/entreprises/{company}/modifier");

        await page.GetByLabel("Filtrer les services").FillAsync("drone");

        var shown = page.Locator("#services-liste [data-activity-option]:visible");
        await Assertions.Expect(shown).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#services-filtre-etat")).ToContainTextAsync("1");
        await shown.First.ClickAsync();
        await Assertions.Expect(page.Locator("#services-liste input[value=drone]")).ToBeCheckedAsync();
        await BrowserDefaults.AssertNoSidewaysScrollAsync(page);
        await AccountBrowserTests.NoSeriousViolationAsync(page);
    }
}
