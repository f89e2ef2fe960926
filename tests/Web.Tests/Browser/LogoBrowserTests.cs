using AnnuaireFiliere.Core.Companies;
using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>The logo page in Chromium: axe on the empty form and after a refused upload.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class LogoBrowserTests(BrowserSite site)
{
    [Fact]
    public async Task The_logo_page_has_no_serious_accessibility_violation_even_with_an_error()
    {
        const string email = "axe.logo@annuaire-test.nc";
        var user = await AccountForms.ConfirmedUserAsync(site.Factory.Services, email);
        var company = (await TestCompanies.PublishedAsync(site.Factory, (company, db) =>
            db.CompanyMembers.Add(new CompanyMember { CompanyId = company.Id, UserId = user.Id, Role = MemberRole.Editor, Since = DateTime.UtcNow }))).Id;
        var page = await site.OpenAsync($"/compte/connexion?returnUrl=%2Fmon-espace%2Fentreprises%2F{company}%2Flogo");
        await page.Locator("#connexion-courriel").FillAsync(email);
        await page.Locator("#connexion-mot-de-passe").FillAsync(AccountSite.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#fichier")).ToBeVisibleAsync();
        await AccountBrowserTests.NoSeriousViolationAsync(page);

        await page.Locator("#fichier").SetInputFilesAsync(new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer le logo" }).ClickAsync();
        await Assertions.Expect(page.Locator("#logo-erreur")).ToBeVisibleAsync();
        await AccountBrowserTests.NoSeriousViolationAsync(page);
    }
}
