using AnnuaireFiliere.Web.Features.Survey;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>The census questionnaire in a browser on a phone: it fits, it is accessible, and follow-up questions appear when they apply.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class SurveyBrowserTests(BrowserSite site)
{
    [Fact]
    public async Task On_a_phone_the_questionnaire_fits_passes_axe_and_shows_the_online_sales_questions_only_to_those_who_sell_online()
    {
        var (company, wave) = await OpenWaveAsync("Enquête navigateur");
        var page = await site.SignedInAsync($"enquete.{TestCompanies.Unique()}@annuaire-test.nc", company, width: 360, height: 780);

        await page.GotoAsync($"/mon-espace/entreprises/{company}/enquete/{wave}");

        var channels = page.Locator("#question-canaux");
        await Assertions.Expect(channels).ToBeHiddenAsync();
        await page.Locator("#question-vente-en-ligne").GetByLabel("Oui").CheckAsync();
        await Assertions.Expect(channels).ToBeVisibleAsync();
        await page.Locator("#question-vente-en-ligne").GetByLabel("Non").CheckAsync();
        await Assertions.Expect(channels).ToBeHiddenAsync();
        await FitsAndRefusesUsablyAsync(page);
    }

    [Fact]
    public async Task On_a_phone_the_signed_link_page_fits_and_passes_axe_before_and_after_a_refusal()
    {
        var (company, wave) = await OpenWaveAsync("Enquête par lien");
        var closesAt = await site.Factory.WithDatabaseAsync(db => db.SurveyWaves.Where(w => w.Id == wave).Select(w => w.ClosesAt).SingleAsync(TestContext.Current.CancellationToken));
        var token = site.Factory.Services.GetRequiredService<SurveyLinks>().Token(wave, company, closesAt);

        var page = await site.OpenAsync($"/enquete/{token}", width: 360, height: 780);

        await Assertions.Expect(page.Locator("form.survey-form")).ToBeVisibleAsync();
        await FitsAndRefusesUsablyAsync(page);
    }

    [Fact]
    public async Task On_a_phone_the_analysts_pages_fit_and_pass_axe()
    {
        var (_, wave) = await OpenWaveAsync("Enquête annuelle de la filière numérique 2026");
        var page = await site.SignedInAsync($"analyste.{TestCompanies.Unique()}@annuaire-test.nc", role: Core.Accounts.Roles.Analyst, width: 360, height: 780);

        foreach (var path in new[] { "/observatoire/vagues", $"/observatoire/vagues/{wave}" })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
            await BrowserDefaults.AssertNoSidewaysScrollAsync(page);
            await AccountBrowserTests.NoSeriousViolationAsync(page);
        }
    }

    /// <summary>
    /// The questionnaire fits and passes axe, and so does it after a refusal (messages, same width, still accessible).
    /// </summary>
    private static async Task FitsAndRefusesUsablyAsync(IPage page)
    {
        await BrowserDefaults.AssertNoSidewaysScrollAsync(page);
        await AccountBrowserTests.NoSeriousViolationAsync(page);
        await page.GetByLabel("Nombre de salariés", new() { Exact = false }).FillAsync("beaucoup");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer mes réponses" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await BrowserDefaults.AssertNoSidewaysScrollAsync(page);
        await AccountBrowserTests.NoSeriousViolationAsync(page);
    }

    /// <summary>A wave open now whose population is one new company.</summary>
    private async Task<(Guid Company, Guid Wave)> OpenWaveAsync(string title)
    {
        var company = (await TestCompanies.PublishedAsync(site.Factory)).Id;
        return (company, (await TestSurveys.OpenWaveAsync(site.Factory, company, title)).Id);
    }
}
