using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Features.MySpace;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>
/// The professional's pages on a 360 px phone (and a 1366 px screen, for the screenshots <c>myspace-*.png</c>): nothing
/// scrolls sideways, the editor's save button stays in sight, the wizard's preview is the public profile, and the
/// public profile puts its contact before its activities.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class MySpacePhoneTests(BrowserSite site)
{
    private const int PhoneWidth = 360;
    private const int PhoneHeight = 740;
    private const int DesktopWidth = 1366;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_page_of_my_space_fits_a_360_px_screen_from_the_dashboard_through_the_wizard_to_history()
    {
        var company = await LongWindedCompanyAsync();
        var page = await site.SignedInAsync("telephone.espace@annuaire-test.nc", company.Id, width: PhoneWidth, height: PhoneHeight);
        await FitsAsync(page, "dashboard");

        await page.GotoAsync("/mon-espace/inscrire/ridet");
        await FitsAsync(page, "wizard-ridet");
        await page.GetByLabel("Pas de numéro RIDET").CheckAsync();
        await NextAsync(page, "identite");
        await FitsAsync(page, "wizard-identite");
        // Enter in a field goes forward, though "Précédent" comes first on the left.
        await page.Locator("#identity-legalname").FillAsync("Atelier Numérique du Lagon et des Îles Loyauté");
        await page.Locator("#identity-legalname").PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/mon-espace/inscrire/activites$"));
        await FitsAsync(page, "wizard-activites");
        await page.Locator("#activities-primarycode").SelectOptionAsync(TaxonomyCatalog.Default.Activities[0].Code);
        await NextAsync(page, "localisation");
        await FitsAsync(page, "wizard-localisation");
        await page.Locator("#location-communecode").SelectOptionAsync(TaxonomyCatalog.Default.Communes[0].Code);
        await page.GetByLabel("Toute la Nouvelle-Calédonie").CheckAsync();
        await NextAsync(page, "contact");
        await FitsAsync(page, "wizard-contact");
        await page.Locator("#contact-website").FillAsync("https://www.atelier-numerique-du-lagon-et-des-iles-loyaute.nc/nos-services/developpement");
        await page.Locator("#contact-descriptionfr").FillAsync("Nous créons des **sites internet** et des applications pour les entreprises de Nouvelle-Calédonie.");
        await NextAsync(page, "apercu");
        await FitsAsync(page, "wizard-apercu");

        var companyPages = new[] { ("modifier", "edit"), ("historique", "history"), ("membres", "members"), ("logo", "logo") };
        foreach (var (path, name) in companyPages)
        {
            await page.GotoAsync($"/mon-espace/entreprises/{company.Id}/{path}");
            await FitsAsync(page, name);
        }

        // The same pages on a laptop's screen, for the screenshots.
        await page.SetViewportSizeAsync(DesktopWidth, 900);
        var all = new[] { ("/mon-espace", "dashboard") }
            .Concat(RegisterModel.Steps.Select(step => ("/mon-espace/inscrire/" + step, "wizard-" + step)))
            .Concat(companyPages.Select(p => ($"/mon-espace/entreprises/{company.Id}/{p.Item1}", p.Item2)));
        foreach (var (path, name) in all)
        {
            await page.GotoAsync(path);
            await FitsAsync(page, name, DesktopWidth);
        }
    }

    [Fact]
    public async Task The_wizard_preview_is_the_public_profile_under_a_ribbon_that_says_aperçu()
    {
        const string email = "apercu.profil@annuaire-test.nc";
        var page = await site.SignedInAsync(email, width: PhoneWidth, height: PhoneHeight);
        await SaveDraftAsync(email, RegisterModel.Preview, new ProfileInput
        {
            Ridet = new RidetInput { None = true },
            Identity = new IdentityInput { LegalName = "SARL Cagou Studio", TradeName = "Cagou Studio", FoundingYear = "2018" },
            Activities = new ActivitiesInput { PrimaryCode = TaxonomyCatalog.Default.Activities[0].Code, Services = "sites internet\napplications mobiles" },
            Location = new LocationInput { CommuneCode = "98818", WholeTerritory = true },
            Contact = new ContactInput { Website = "https://www.cagou-studio.nc", Phones = "27 12 34", DescriptionFr = "Studio de **création web** à Nouméa." },
        });

        foreach (var width in new[] { PhoneWidth, DesktopWidth })
        {
            await page.SetViewportSizeAsync(width, PhoneHeight);
            await page.GotoAsync("/mon-espace/inscrire/apercu");
            var preview = page.Locator("[data-preview]");
            await Assertions.Expect(preview.Locator(".preview-ribbon")).ToBeVisibleAsync();
            await Assertions.Expect(preview.Locator(".preview-ribbon")).ToContainTextAsync("Aperçu");
            await Assertions.Expect(preview.Locator("article.profile #titre-entreprise")).ToHaveTextAsync("Cagou Studio");
            await Assertions.Expect(preview.Locator(".description strong")).ToHaveTextAsync("création web");
            await Assertions.Expect(preview.Locator(".contact-list a[href='tel:+687271234']")).ToBeVisibleAsync();
            await FitsAsync(page, "preview", width);
        }
    }

    [Fact]
    public async Task The_editor_s_save_button_stays_in_sight_at_360_px_halfway_down_and_covers_nothing_at_the_end()
    {
        var company = await TestCompanies.PublishedAsync(site.Factory);
        var page = await site.SignedInAsync("barre.enregistrer@annuaire-test.nc", company.Id, width: PhoneWidth, height: PhoneHeight);
        await page.GotoAsync($"/mon-espace/entreprises/{company.Id}/modifier");
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les modifications" });

        await page.EvaluateAsync("() => window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2)");
        Assert.True(await page.EvaluateAsync<double>("() => scrollY") > 1000, "The editor should be long enough to scroll far on a phone.");
        var box = (await save.BoundingBoxAsync())!;
        Assert.True(box.Y >= 0 && box.Y + box.Height <= PhoneHeight, $"The save button is at {box.Y} px on a {PhoneHeight} px screen.");
        // Nothing lies over it: the point at its centre is the button.
        Assert.True(await save.EvaluateAsync<bool>("b => { const r = b.getBoundingClientRect(); return b.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); }"));
        Directory.CreateDirectory(BrowserSite.ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSite.ScreenshotDirectory, "myspace-edit-halfway-360.png") });

        // At the end of the form the bar sits below the last section, over none of it.
        await page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
        var last = (await page.Locator("#section-contact").BoundingBoxAsync())!;
        var bar = (await page.Locator("[data-save-bar]").BoundingBoxAsync())!;
        Assert.True(bar.Y >= last.Y + last.Height, $"The save bar starts at {bar.Y} px, above the end of the last section at {last.Y + last.Height} px.");
    }

    [Fact]
    public async Task Ticking_a_whole_province_ticks_its_communes_and_unticking_one_of_them_unticks_the_province()
    {
        var company = await TestCompanies.PublishedAsync(site.Factory);
        var page = await site.SignedInAsync("province.entiere@annuaire-test.nc", company.Id, width: PhoneWidth, height: PhoneHeight);
        await page.GotoAsync($"/mon-espace/entreprises/{company.Id}/modifier");
        var north = page.Locator("[data-area-province]").Filter(new() { Has = page.Locator("legend", new() { HasText = "Province Nord" }) });
        var whole = north.Locator("[data-area-whole]");
        var communes = north.Locator("[data-area-commune]");

        await whole.CheckAsync();
        foreach (var commune in await communes.AllAsync())
        {
            await Assertions.Expect(commune).ToBeCheckedAsync();
        }
        await communes.First.UncheckAsync();
        await Assertions.Expect(whole).Not.ToBeCheckedAsync();
        await communes.First.CheckAsync();
        await Assertions.Expect(whole).ToBeCheckedAsync();
    }

    [Fact]
    public async Task On_a_phone_the_public_profile_gives_its_contact_before_its_activities_and_beside_its_presentation_on_a_wide_screen()
    {
        var company = await LongWindedCompanyAsync();
        var page = await site.OpenAsync("/entreprises/" + company.Slug, width: PhoneWidth, height: PhoneHeight);
        var contact = (await page.Locator("#titre-contact").BoundingBoxAsync())!;
        var activities = (await page.Locator("#titre-activites").BoundingBoxAsync())!;
        Assert.True(contact.Y < activities.Y, $"Contact at {contact.Y} px, activities at {activities.Y} px.");
        await FitsAsync(page, "public-profile");

        await page.SetViewportSizeAsync(DesktopWidth, 900);
        var about = (await page.Locator("#titre-presentation").BoundingBoxAsync())!;
        contact = (await page.Locator("#titre-contact").BoundingBoxAsync())!;
        Assert.True(contact.X > about.X + 300 && Math.Abs(contact.Y - about.Y) < 40, $"Contact at ({contact.X}, {contact.Y}), presentation at ({about.X}, {about.Y}).");
        await Screenshot(page, "public-profile", DesktopWidth);
    }

    [Fact]
    public async Task A_click_on_a_contact_link_of_a_profile_sends_its_beacon_and_the_link_stays_a_plain_link()
    {
        var company = await TestCompanies.PublishedAsync(site.Factory);
        var page = await site.OpenAsync("/entreprises/" + company.Slug, width: PhoneWidth, height: PhoneHeight);
        var phone = page.Locator("[data-contact-count] a[href='tel:+687271234']");
        await Assertions.Expect(phone).ToHaveAttributeAsync("href", "tel:+687271234");

        var beacon = page.WaitForRequestAsync(r => r.Method == "POST" && r.Url.EndsWith($"/entreprises/{company.Slug}/contact", StringComparison.Ordinal));
        await phone.ClickAsync();
        await beacon;
    }

    /// <summary>A published company with long words and addresses, a history and a logo-less head: what widens pages.</summary>
    private async Task<Company> LongWindedCompanyAsync() => await TestCompanies.PublishedAsync(site.Factory, (company, db) =>
    {
        var before = CompanyFields.Of(company);
        company.Website = "https://www.entreprise-au-nom-particulierement-long-de-nouvelle-caledonie.nc/accueil/presentation";
        company.Email = "service.commercial.entreprises@entreprise-au-nom-particulierement-long.nc";
        company.SocialLinks = ["https://www.facebook.com/entreprise.au.nom.particulierement.long.de.nouvelle.caledonie"];
        company.DescriptionFr = "Développement d'applications **multiplateformes** et hébergement. " + string.Concat(Enumerable.Repeat("Anticonstitutionnellement ", 8));
        db.CompanyChanges.Add(TestCompanies.HistoryEntry(company, ChangeKind.Edited, DateTime.UtcNow.AddDays(-1), null, "responsable.communication@entreprise-au-nom-particulierement-long.nc", before));
    });

    private async Task SaveDraftAsync(string email, string step, ProfileInput input)
    {
        var user = await site.WithDatabaseAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Cancel));
        await using var scope = site.Factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<CompanyRegistration>().SaveAsync(user, step, input, Cancel));
    }

    private static async Task NextAsync(IPage page, string step)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Suivant" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/mon-espace/inscrire/" + step + "$"));
    }

    /// <summary>The page does not scroll sideways; its screenshot is saved as <c>myspace-{name}-{width}.png</c>.</summary>
    private static async Task FitsAsync(IPage page, string name, int width = PhoneWidth)
    {
        await Screenshot(page, name, width);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url} is {widths[0]} px wide on a {widths[1]} px screen: {await BrowserDefaults.WiderThanScreenAsync(page)}");
    }

    private static async Task Screenshot(IPage page, string name, int width)
    {
        Directory.CreateDirectory(BrowserSite.ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSite.ScreenshotDirectory, $"myspace-{name}-{width}.png"), FullPage = true });
    }
}
