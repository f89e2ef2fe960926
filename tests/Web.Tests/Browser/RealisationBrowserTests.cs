using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Web.Features.Companies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>
/// Réalisations in Chromium on a 360 px phone (docs/adr/0026): the Mon espace page, empty, with a refused file and with
/// a réalisation waiting for review, and a public profile showing réalisations: no sideways scroll, axe at zero
/// serious or critical violations, images lazy and sized.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class RealisationBrowserTests(BrowserSite site)
{
    private const int PhoneWidth = 360;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task FitsAsync(IPage page)
    {
        Assert.Equal(string.Empty, await BrowserDefaults.WiderThanScreenAsync(page));
        await BrowserDefaults.AssertNoSidewaysScrollAsync(page);
        await AccountBrowserTests.NoSeriousViolationAsync(page);
    }

    [Fact]
    public async Task The_realisations_page_fits_a_phone_refuses_a_bad_file_accessibly_and_adds_one_for_review()
    {
        var company = await TestCompanies.PublishedAsync(site.Factory);
        var page = await site.SignedInAsync("telephone.realisations@annuaire-test.nc", company.Id, width: PhoneWidth, height: 740);
        await page.GotoAsync($"/mon-espace/entreprises/{company.Id}/realisations");
        await FitsAsync(page);

        await page.Locator("#title").FillAsync("Application de prise de rendez-vous pour le centre médical de Koné-Pouembout");
        await page.Locator("#clienttype").SelectOptionAsync(ClientTypes.Company);
        await page.Locator("#year").FillAsync("2024");
        await page.Locator("#text").FillAsync("Une application web et mobile : prise de rendez-vous en ligne, rappels par SMS, tableau de bord pour le secrétariat.");
        await page.Locator("#link").FillAsync("https://www.centre-medical-kone-pouembout-exemple.nc/prendre-rendez-vous-en-ligne");
        await page.Locator("#imagealt").FillAsync("L'écran de prise de rendez-vous sur un téléphone");
        await page.Locator("#image").SetInputFilesAsync(new FilePayload { Name = "capture.png", MimeType = "image/png", Buffer = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter la réalisation" }).ClickAsync();
        await Assertions.Expect(page.Locator("#image-erreur")).ToContainTextAsync("n'est pas une image");
        await Assertions.Expect(page.Locator("#title")).ToHaveValueAsync("Application de prise de rendez-vous pour le centre médical de Koné-Pouembout");
        await FitsAsync(page);

        await page.Locator("#image").SetInputFilesAsync(new FilePayload { Name = "capture.png", MimeType = "image/png", Buffer = RealisationCases.Png(900, 1600) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter la réalisation" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-state]")).ToHaveTextAsync("En attente de vérification");
        await FitsAsync(page);
        await BrowserDefaults.ScreenshotsAsync(page, "realisations-mon-espace");
    }

    [Fact]
    public async Task A_profile_with_realisations_fits_a_phone_with_lazy_sized_images()
    {
        var files = site.Factory.Services.GetRequiredService<AnnuaireFiliere.Core.Data.Files.IFileStore>();
        var (webp, _) = Logos.Redraw(RealisationCases.Png(1600, 900), RealisationImages.MaxWidth, RealisationImages.MaxHeight);
        // Stored as the page would (any company id names the file: the company is made next).
        var file = await RealisationImages.SaveAsync(files, Guid.NewGuid(), webp!, Cancel);
        var company = await TestCompanies.PublishedAsync(site.Factory, (company, db) =>
        {
            db.Realisations.Add(new Realisation
            {
                CompanyId = company.Id, Title = "Portail des démarches en ligne de la commune", ClientType = ClientTypes.Administration, Year = 2025,
                Text = "Un portail pour suivre ses démarches : état civil, urbanisme, inscriptions scolaires.", Link = "https://demarches.une-commune-de-nouvelle-caledonie-exemple.nc/portail/accueil",
                ImageFile = file, ImageWidth = 1200, ImageHeight = 675, ImageAlt = "La page d'accueil du portail", Position = 1, Status = RealisationStatus.Published,
            });
            db.Realisations.Add(new Realisation
            {
                CompanyId = company.Id, Title = "Boutique en ligne", ClientType = ClientTypes.Company, Year = 2023, Position = 2, Status = RealisationStatus.Published,
            });
            db.Realisations.Add(new Realisation
            {
                CompanyId = company.Id, Title = "Pas encore vérifiée", ClientType = ClientTypes.Association, Year = 2024, Position = 3, Status = RealisationStatus.PendingReview,
            });
        });

        var page = await site.OpenAsync($"/entreprises/{company.Slug}", width: PhoneWidth, height: 740);
        var shown = page.Locator("[data-realisations] [data-realisation]");
        await Assertions.Expect(shown).ToHaveCountAsync(2);
        var image = page.Locator("[data-realisations] img");
        Assert.Equal(("lazy", "1200", "675", "La page d'accueil du portail"),
            (await image.GetAttributeAsync("loading"), await image.GetAttributeAsync("width"), await image.GetAttributeAsync("height"), await image.GetAttributeAsync("alt")));
        await image.ScrollIntoViewIfNeededAsync();
        Assert.True(await image.EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 1200"));
        await FitsAsync(page);
        await BrowserDefaults.ScreenshotsAsync(page, "realisations-fiche");
    }
}
