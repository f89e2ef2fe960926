using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary><c>/mon-espace</c> in Chromium: axe on every wizard step and on the editor, the activity picker by keyboard.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class MySpaceBrowserTests(BrowserSite site)
{
    [Fact]
    public async Task The_wizard_steps_the_editor_and_the_dashboard_have_no_serious_accessibility_violation()
    {
        var company = (await TestCompanies.PublishedAsync(site.Factory)).Id;
        var page = await site.SignedInAsync("axe.inscription@annuaire-test.nc", company);

        await page.GotoAsync("/mon-espace/inscrire/ridet");
        await CheckAsync(page);
        await page.GetByLabel("Pas de numéro RIDET").CheckAsync();
        await NextAsync(page, "identite");

        await CheckAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Suivant" }).ClickAsync();
        await Assertions.Expect(page.Locator("#identity-legalname-erreur")).ToBeVisibleAsync();
        await CheckAsync(page);
        await page.Locator("#identity-legalname").FillAsync("Atelier Numérique du Lagon");
        await NextAsync(page, "activites");

        await CheckAsync(page);
        await page.Locator("#activities-primarycode").SelectOptionAsync(TaxonomyCatalog.Default.Activities[0].Code);
        await NextAsync(page, "localisation");

        await CheckAsync(page);
        await page.Locator("#location-communecode").SelectOptionAsync(TaxonomyCatalog.Default.Communes[0].Code);
        await page.GetByLabel("Toute la Nouvelle-Calédonie").CheckAsync();
        await NextAsync(page, "contact");

        await CheckAsync(page);
        await NextAsync(page, "apercu");
        await CheckAsync(page);

        await page.GotoAsync($"/mon-espace/entreprises/{company}/modifier");
        await Assertions.Expect(page.Locator("#identity-legalname")).Not.ToBeEmptyAsync();
        await CheckAsync(page);

        await page.GotoAsync("/mon-espace");
        await Assertions.Expect(page.Locator(".my-draft")).ToBeVisibleAsync();
        await CheckAsync(page);
    }

    [Fact]
    public async Task The_activity_picker_filters_as_one_types_and_works_with_the_keyboard_alone()
    {
        var page = await site.SignedInAsync("clavier.activites@annuaire-test.nc");
        var target = TaxonomyCatalog.Default.Activities[3];
        await page.GotoAsync("/mon-espace/inscrire/activites");

        var filter = page.GetByLabel("Filtrer les activités");
        await filter.FocusAsync();
        await filter.PressSequentiallyAsync(target.LabelFr);
        await Assertions.Expect(page.Locator("#activites-filtre-etat")).ToContainTextAsync("affichée");
        var visible = page.Locator("#activites-secondaires [data-activity-option]:visible");
        Assert.InRange(await visible.CountAsync(), 1, 5);

        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/mon-espace/inscrire/activites$"));
        await page.Keyboard.PressAsync("Tab");
        var box = page.Locator($"input[name='Input.Activities.SecondaryCodes'][value='{target.Code}']");
        await Assertions.Expect(box).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(box).ToBeCheckedAsync();

        // Emptying the filter shows every activity again, the ticked one still ticked.
        await filter.FillAsync(string.Empty);
        Assert.Equal(TaxonomyCatalog.Default.Activities.Count(a => !a.IsRetired), await page.Locator("#activites-secondaires [data-activity-option]:visible").CountAsync());
        await Assertions.Expect(box).ToBeCheckedAsync();
    }

    private static async Task NextAsync(IPage page, string step)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Suivant" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/mon-espace/inscrire/" + step + "$"));
    }

    /// <summary>axe on the page, then a screenshot of it to be looked at (like the public pages').</summary>
    private static async Task CheckAsync(IPage page)
    {
        await AccountBrowserTests.NoSeriousViolationAsync(page);
        Directory.CreateDirectory(BrowserSite.ScreenshotDirectory);
        var name = "mon-espace-" + string.Join('-', new Uri(page.Url).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).Where(p => !Guid.TryParse(p, out _)));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSite.ScreenshotDirectory, name.TrimEnd('-') + "-fr.png"), FullPage = true });
    }
}
