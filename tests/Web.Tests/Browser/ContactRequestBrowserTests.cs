using AnnuaireFiliere.Core.Buyers;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Web.Features.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>
/// A contact request on a phone (360 px), step by step: the profile's button, the form (and its refusal), "check your
/// mailbox", the confirmation page, the company's "Demandes reçues" and one request opened, the buyer's follow-up, the
/// quote form of the shortlist and the moderators' blocked senders. Each step fits the screen, passes axe and is
/// photographed.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ContactRequestBrowserTests(BrowserSite site)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task CheckAsync(IPage page, string screenshot)
    {
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        await BrowserDefaults.AssertNoSidewaysScrollAsync(page);
        await AccountBrowserTests.NoSeriousViolationAsync(page);
        await BrowserDefaults.ScreenshotsAsync(page, screenshot);
        await page.SetViewportSizeAsync(360, 780);
    }

    [Fact]
    public async Task On_a_phone_a_request_goes_from_the_profile_to_the_companys_list_and_the_buyers_follow_up_fitting_and_passing_axe()
    {
        var unique = TestCompanies.Unique();
        var company = await TestCompanies.AddAsync(site.Factory, $"Demande Navigateur {unique}", PublicationStatus.Published,
            (c, _) => c.Email = $"contact{unique}@navigateur-test.nc");
        var email = $"acheteuse{unique}@mairie-test.nc";

        var page = await site.OpenAsync($"/entreprises/{company.Slug}", width: 360, height: 780);
        await page.Locator("a[data-contact-request='Reachable']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/contacter$"));
        await CheckAsync(page, "demande-1-formulaire");

        // Sent without consent: refused, the form as typed, still usable.
        await page.Locator("#demande-nom").FillAsync("Marie Gope");
        await page.Locator("#demande-organisation").FillAsync("Mairie de Koné");
        await page.Locator("#demande-email").FillAsync(email);
        await page.Locator("#demande-objet").FillAsync("Refonte du site de la mairie");
        await page.Locator("#demande-message").FillAsync("Bonjour, nous cherchons un prestataire pour refaire le site de la mairie, hébergement compris.");
        await page.Locator("#demande-date").FillAsync(DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#demande-budget").SelectOptionAsync(BudgetBands.From2MTo10M);
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer ma demande" }).ClickAsync();
        await Assertions.Expect(page.Locator("#demande-consentement-erreur")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#demande-nom")).ToHaveValueAsync("Marie Gope");
        await CheckAsync(page, "demande-2-refus");

        await page.GetByLabel("J'accepte que ma demande").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer ma demande" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-check-mailbox]")).ToBeVisibleAsync();
        await CheckAsync(page, "demande-3-verifier");

        // The link the buyer received (the browser site writes mails to files): the confirmation page, then sent.
        var request = await site.Factory.WithDatabaseAsync(db => db.ContactRequests.AsNoTracking().SingleAsync(r => r.Buyer.Email == email, Cancel));
        var links = site.Factory.Services.GetRequiredService<RequestLinks>();
        await page.GotoAsync("/demandes/confirmer/" + links.ConfirmToken(request));
        await CheckAsync(page, "demande-4-confirmer");
        await page.Locator("[data-confirm]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-sent]")).ToBeVisibleAsync();
        await CheckAsync(page, "demande-5-envoyee");

        // The company's member: the list, then the request opened.
        var member = await site.SignedInAsync($"membre{unique}@navigateur-test.nc", company.Id, width: 360, height: 780);
        await member.GotoAsync($"/mon-espace/entreprises/{company.Id}/demandes");
        await Assertions.Expect(member.Locator("[data-request][data-status='New']")).ToBeVisibleAsync();
        await CheckAsync(member, "demande-6-liste");
        await member.Locator("[data-request] a").ClickAsync();
        await Assertions.Expect(member.Locator("article[data-status='Read']")).ToBeVisibleAsync();
        await CheckAsync(member, "demande-7-ouverte");
        await member.Locator("[data-set-status='repondue']").ClickAsync();
        await Assertions.Expect(member.Locator("[data-request][data-status='Answered']")).ToBeVisibleAsync();

        // The buyer's follow-up: opened.
        await page.GotoAsync("/demandes/suivi/" + links.FollowUpToken(request.Id));
        await Assertions.Expect(page.Locator($"[data-company='{company.Slug}'][data-opened='oui']")).ToBeVisibleAsync();
        await CheckAsync(page, "demande-8-suivi");
    }

    [Fact]
    public async Task On_a_phone_the_quote_form_of_the_shortlist_and_the_blocked_senders_fit_and_pass_axe()
    {
        var unique = TestCompanies.Unique();
        var reachable = await TestCompanies.AddAsync(site.Factory, $"Devis Navigateur {unique}", PublicationStatus.Published,
            (c, _) => c.Email = $"devis{unique}@navigateur-test.nc");
        var off = await TestCompanies.AddAsync(site.Factory, $"Devis Ferme {unique}", PublicationStatus.Published, (c, _) => c.RequestsOff = true);

        var page = await site.OpenAsync($"/ma-selection?e={reachable.Slug}&e={off.Slug}", width: 360, height: 780);
        await page.Locator("form[action$='/ma-selection/importer'] button").ClickAsync();
        await page.GotoAsync("/ma-selection");
        await page.Locator("a[data-quote]").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-recipient='{reachable.Slug}']")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator($"[data-unreachable='{off.Slug}']")).ToBeVisibleAsync();
        await CheckAsync(page, "demande-devis-selection");

        var moderator = await site.SignedInAsync($"moderation{unique}@annuaire-test.nc", role: Core.Accounts.Roles.Moderator, width: 360, height: 780);
        await moderator.GotoAsync("/moderation/expediteurs");
        await moderator.Locator("#expediteur-motif-adresse").FillAsync($"spam{unique}.nc");
        await moderator.Locator("#expediteur-raison").FillAsync("Envois automatiques");
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Bloquer" }).ClickAsync();
        await Assertions.Expect(moderator.Locator($"[data-blocked='spam{unique}.nc']")).ToBeVisibleAsync();
        await CheckAsync(moderator, "moderation-expediteurs");
    }
}
