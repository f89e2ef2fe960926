using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Web.Features.Moderation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>
/// In Chromium (French), axe on the pages the moderators' account test does not open: the claims queue with a
/// "domaine vérifié" claim in conflict with another, and the yearly confirmation page (its button, and a bad link).
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ModerationBrowserTests(BrowserSite site)
{
    [Fact]
    public async Task The_claims_queue_and_the_confirmation_page_have_no_serious_accessibility_violation()
    {
        const string email = "moderateur.axe.revendications@annuaire-test.nc";
        var moderator = await AccountForms.ConfirmedUserAsync(site.Factory.Services, email);
        var first = await AccountForms.ConfirmedUserAsync(site.Factory.Services, "direction@axe-revendication.nc");
        var second = await AccountForms.ConfirmedUserAsync(site.Factory.Services, "curieux.axe@exemple.nc");
        await using (var scope = site.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Core.Accounts.DirectoryUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByIdAsync(moderator.Id.ToString()))!, Core.Accounts.Roles.Moderator)).Succeeded);
        }
        var company = await TestCompanies.AddAsync(site.Factory, "Axe Revendication Nouméa", PublicationStatus.Published, (company, db) =>
        {
            db.AccessRequests.Add(new AccessRequest { CompanyId = company.Id, UserId = first.Id, Kind = AccessRequestKind.Claim, EmailDomainMatchesWebsite = true, CreatedAt = DateTime.UtcNow, Message = "Je dirige cette entreprise." });
            db.AccessRequests.Add(new AccessRequest { CompanyId = company.Id, UserId = second.Id, Kind = AccessRequestKind.Claim, CreatedAt = DateTime.UtcNow, Message = "C'est la mienne." });
        });

        var page = await site.OpenAsync("/compte/connexion?returnUrl=%2Fmoderation%2Frevendications");
        await page.Locator("#connexion-courriel").FillAsync(email);
        await page.Locator("#connexion-mot-de-passe").FillAsync(AccountSite.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-domain-match]").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-conflict]").First).ToBeVisibleAsync();
        await CheckAsync(page, "moderation-revendications");

        // The mailed link needs no sign-in: opened in a fresh context.
        var token = new FreshnessLinks(site.Factory.Services.GetRequiredService<IDataProtectionProvider>(), TimeProvider.System).Token(company.Id, first.Id);
        var confirm = await site.OpenAsync("/mon-espace/confirmer?jeton=" + Uri.EscapeDataString(token));
        await Assertions.Expect(confirm.GetByRole(AriaRole.Button, new() { Name = "Oui, la fiche est à jour" })).ToBeVisibleAsync();
        await CheckAsync(confirm, "mon-espace-confirmer");
        await confirm.GotoAsync("/mon-espace/confirmer?jeton=perime");
        await Assertions.Expect(confirm.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await CheckAsync(confirm, "mon-espace-confirmer-lien-invalide");
    }

    private static async Task CheckAsync(IPage page, string name)
    {
        await AccountBrowserTests.NoSeriousViolationAsync(page);
        Directory.CreateDirectory(BrowserSite.ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSite.ScreenshotDirectory, name + "-fr.png"), FullPage = true });
    }
}
