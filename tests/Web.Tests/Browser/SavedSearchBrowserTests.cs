using AnnuaireFiliere.Web.Features.SavedSearches;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>
/// Saved searches in a real browser, on a phone: the search page's form follows the search as it changes in place,
/// saves it, and the list and the unsubscribe page read without sideways scroll and without serious accessibility
/// violation.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class SavedSearchBrowserTests(BrowserSite site)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_a_phone_a_search_changed_in_place_is_saved_then_listed_and_its_alerts_stopped_from_the_mailed_link()
    {
        var email = $"veille{TestCompanies.Unique()}@navigateur-test.nc";
        var page = await site.SignedInAsync(email, width: 360, height: 740);
        await page.GotoAsync("/recherche?q=site");
        await Assertions.Expect(page.Locator("#enregistrer-recherche input[name='Save.Query']")).ToHaveValueAsync("q=site");

        // The search changes in place (htmx): the form to save it follows.
        await page.Locator("#q").FillAsync("application");
        await Assertions.Expect(page.Locator("#enregistrer-recherche input[name='Save.Query']")).ToHaveValueAsync("q=application");
        await Assertions.Expect(page.Locator("#enregistrer-recherche-nom")).ToHaveValueAsync("application");
        await BrowserDefaults.AssertNoSidewaysScrollAsync(page);
        await AccountBrowserTests.NoSeriousViolationAsync(page);
        await BrowserDefaults.ScreenshotsAsync(page, "recherche-enregistrer");

        await page.Locator("#enregistrer-recherche-frequence").SelectOptionAsync("quotidienne");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer cette recherche", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-saved]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-saved-searches] a[data-run]")).ToHaveTextAsync("application");
        await BrowserDefaults.AssertNoSidewaysScrollAsync(page);
        await AccountBrowserTests.NoSeriousViolationAsync(page);
        await BrowserDefaults.ScreenshotsAsync(page, "recherches-enregistrees");

        // A name left empty: the message in the row, read by the accessibility check too.
        await page.Locator("#recherche-0-nom").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les modifications", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#recherche-0-erreur")).ToHaveTextAsync("Donnez un nom à cette recherche.");
        await AccountBrowserTests.NoSeriousViolationAsync(page);

        var saved = await site.WithDatabaseAsync(db => db.SavedSearches.AsNoTracking().SingleAsync(s => s.Query == "q=application" && db.Users.Any(u => u.Id == s.UserId && u.Email == email), Cancel));
        var token = site.Factory.Services.GetRequiredService<SavedSearchLinks>().Token(saved.Id, saved.UserId);
        var link = await site.OpenAsync("/alertes/desabonnement/" + token, width: 360, height: 740);
        await BrowserDefaults.AssertNoSidewaysScrollAsync(link);
        await AccountBrowserTests.NoSeriousViolationAsync(link);
        await link.GetByRole(AriaRole.Button, new() { Name = "Arrêter les courriels", Exact = true }).ClickAsync();
        await Assertions.Expect(link.Locator("[data-unsubscribed]")).ToBeVisibleAsync();
        await AccountBrowserTests.NoSeriousViolationAsync(link);
        await BrowserDefaults.ScreenshotsAsync(link, "alertes-desabonnement");
    }
}
