using AnnuaireFiliere.Core.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>
/// In Chromium (French and English), axe on <c>/moderation/synonymes</c> (the list, a rule being edited with its history,
/// a line refused) and <c>/moderation/recherches</c> (a week with searches); none scrolls sideways on a 360 px phone.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class SearchAdminBrowserTests(BrowserSite site)
{
    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task The_synonym_and_search_pages_have_no_serious_accessibility_violation_and_fit_a_phone(string language)
    {
        var email = $"moderation.recherche.{language}@annuaire-test.nc";
        var moderator = await AccountForms.ConfirmedUserAsync(site.Factory.Services, email);
        await using (var scope = site.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Core.Accounts.DirectoryUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByIdAsync(moderator.Id.ToString()))!, Core.Accounts.Roles.Moderator)).Succeeded);
        }
        var log = site.Factory.Services.GetRequiredService<QueryLog>();
        log.Count("développement d'applications mobiles pour les associations sportives de la province nord", 0);
        log.Count("infogérance", 2);
        log.Count("site web", 40);
        await log.FlushAsync(everything: true, TestContext.Current.CancellationToken);

        var page = await site.OpenAsync("/compte/connexion?returnUrl=%2Fmoderation%2Fsynonymes", language: language == "fr" ? null : language);
        await page.Locator("#connexion-courriel").FillAsync(email);
        await page.Locator("#connexion-mot-de-passe").FillAsync(AccountSite.Password);
        await page.Locator("form[action='/compte/connexion'] button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".synonym-list > li").First).ToBeVisibleAsync();
        await CheckAsync(page, $"moderation-synonymes-{language}");

        await page.GotoAsync(new Uri(new Uri(page.Url), "/moderation/synonymes?regle=1").ToString());
        await Assertions.Expect(page.Locator(".synonym-history > li").First).ToBeVisibleAsync();
        await CheckAsync(page, $"moderation-synonymes-regle-{language}");

        // A line refused: the message under the field.
        await page.Locator("#Input_Line").FillAsync("le, la, les");
        await page.Locator("form[action$='handler=modifier'] button[type=submit]").First.ClickAsync();
        await Assertions.Expect(page.Locator("#Input_Line-erreur")).ToBeVisibleAsync();
        await CheckAsync(page, $"moderation-synonymes-erreur-{language}");

        await page.GotoAsync(new Uri(new Uri(page.Url), "/moderation/recherches").ToString());
        await Assertions.Expect(page.Locator("#sans-resultat li").First).ToBeVisibleAsync();
        await CheckAsync(page, $"moderation-recherches-{language}");
    }

    /// <summary>axe on the page, a screenshot, then the same page on a 360 px wide phone: nothing of it wider than the screen.</summary>
    private static async Task CheckAsync(IPage page, string name)
    {
        await AccountBrowserTests.NoSeriousViolationAsync(page);
        Directory.CreateDirectory(BrowserSite.ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSite.ScreenshotDirectory, name + "-bureau.png"), FullPage = true });
        var size = page.ViewportSize!;
        await page.SetViewportSizeAsync(360, 800);
        var wide = await BrowserDefaults.WiderThanScreenAsync(page);
        Assert.True(wide.Length == 0, $"{name}: wider than a 360 px screen: {wide}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSite.ScreenshotDirectory, name + "-telephone.png"), FullPage = true });
        await page.SetViewportSizeAsync(size.Width, size.Height);
    }
}
