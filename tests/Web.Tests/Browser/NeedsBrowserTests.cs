using AnnuaireFiliere.Core.Buyers;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Web.Features.Needs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>
/// The needs board on a phone (360 px): the board, the form (before and after a refusal), a need with the "Je suis
/// intéressé" form and after answering, the buyer's follow-up page and the moderators' queue — each fits without
/// sideways scroll, passes axe, and is photographed.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class NeedsBrowserTests(BrowserSite site)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task FitsAsync(IPage page, string screenshot)
    {
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        await BrowserDefaults.AssertNoSidewaysScrollAsync(page);
        await AccountBrowserTests.NoSeriousViolationAsync(page);
        await BrowserDefaults.ScreenshotsAsync(page, screenshot);
        await page.SetViewportSizeAsync(360, 780);
    }

    /// <summary>A need posted without an account, confirmed, and published when <paramref name="publish"/>.</summary>
    private async Task<Need> NeedAsync(string title, bool publish)
    {
        await using var scope = site.Factory.Services.CreateAsyncScope();
        var needs = scope.ServiceProvider.GetRequiredService<Core.Buyers.Needs>();
        var today = needs.Today;
        var posting = await needs.PostAsync(new NeedDraft
        {
            Title = title,
            Description = "Nous cherchons une agence pour refaire le site de la mairie, accessible et traduit en anglais.",
            ActivityCodes = ["A0405"],
            ServiceCodes = ["site-vitrine"],
            CommuneCode = "98818",
            Deadline = today.AddDays(30),
            BudgetBand = BudgetBands.From2MTo10M,
            BuyerKind = BuyerKind.Public,
            Name = "Marie Tein",
            Organisation = "Mairie de Test",
            Email = $"acheteuse{TestCompanies.Unique()}@mairie-test.nc",
            Phone = "27 12 34",
        }, null, Cancel);
        Assert.True(posting.Succeeded, string.Join(", ", posting.Errors.Values));
        Assert.True(await needs.ConfirmAsync(posting.Need!.Id, Cancel));
        if (publish)
        {
            Assert.Equal(LifecycleOutcome.Done, await needs.DecideAsync(posting.Need.Id, true, null, null, new Actor(null, "moderation@annuaire-test.nc", true), Cancel));
        }
        return (await needs.FindAsync(posting.Need.Id, Cancel))!;
    }

    [Fact]
    public async Task On_a_phone_the_board_the_form_and_a_need_fit_pass_axe_and_are_photographed_at_each_step()
    {
        var n = TestCompanies.Unique();
        var need = await NeedAsync($"Refonte du site de la mairie {n}", publish: true);

        var page = await site.OpenAsync("/besoins", width: 360, height: 780);
        await Assertions.Expect(page.Locator($"[data-need='{need.Slug}']")).ToBeVisibleAsync();
        await FitsAsync(page, "besoins-1-tableau");

        await page.GotoAsync("/besoins/nouveau");
        await FitsAsync(page, "besoins-2-formulaire");
        await page.Locator("#besoin-titre").FillAsync("Un site");
        await page.Locator("#besoin-description").FillAsync("Voir https://exemple.com pour le détail.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Déposer le besoin" }).ClickAsync();
        await Assertions.Expect(page.Locator("#besoin-description-erreur")).ToContainTextAsync("Les liens ne sont pas acceptés");
        await Assertions.Expect(page.Locator("#besoin-titre")).ToHaveValueAsync("Un site");
        await FitsAsync(page, "besoins-3-formulaire-refus");

        var company = await TestCompanies.PublishedAsync(site.Factory);
        var member = await site.SignedInAsync($"prestataire{n}@besoins-test.nc", company.Id, width: 360, height: 780);
        await member.GotoAsync($"/besoins/{need.Slug}");
        await Assertions.Expect(member.Locator("form.need-answer-form")).ToBeVisibleAsync();
        await FitsAsync(member, "besoins-4-besoin");
        await member.Locator("#reponse-message").FillAsync("Nous faisons des sites accessibles et bilingues depuis dix ans.");
        await member.GetByRole(AriaRole.Button, new() { Name = "Je suis intéressé" }).ClickAsync();
        await Assertions.Expect(member.Locator("[data-buyer-contact]")).ToContainTextAsync(need.Buyer.Email);
        await FitsAsync(member, "besoins-5-reponse-envoyee");

        var follow = await site.OpenAsync($"/besoins/suivi/{site.Factory.Services.GetRequiredService<NeedLinks>().FollowToken(need.Id)}", width: 360, height: 780);
        await Assertions.Expect(follow.Locator(".need-answers li")).ToHaveCountAsync(1);
        await FitsAsync(follow, "besoins-6-suivi-acheteur");
        await follow.GetByRole(AriaRole.Button, new() { Name = "Clôturer le besoin" }).ClickAsync();
        await Assertions.Expect(follow.Locator(".need-close-form [role=alert]")).ToBeVisibleAsync();
        await FitsAsync(follow, "besoins-7-cloture-refusee");
        await follow.Locator(".need-close-form textarea").FillAsync("Confié à une agence de Nouméa.");
        await follow.GetByRole(AriaRole.Button, new() { Name = "Clôturer le besoin" }).ClickAsync();
        await Assertions.Expect(follow.Locator("[data-status='Filled']")).ToBeVisibleAsync();
        await FitsAsync(follow, "besoins-8-cloture");
    }

    [Fact]
    public async Task On_a_phone_the_moderators_queue_of_needs_fits_and_passes_axe()
    {
        var need = await NeedAsync($"Maintenance du parc informatique {TestCompanies.Unique()}", publish: false);
        var page = await site.SignedInAsync($"moderation.besoins{TestCompanies.Unique()}@annuaire-test.nc", role: Core.Accounts.Roles.Moderator, width: 360, height: 780);
        await page.GotoAsync("/moderation/besoins");
        await Assertions.Expect(page.Locator($"[data-item='{need.Id}']")).ToBeVisibleAsync();
        await FitsAsync(page, "besoins-9-moderation");
    }
}
