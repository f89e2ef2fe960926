using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>
/// Every page of the site, as the visitor, the professional and the moderator see it, at 360 (phone), 768 (tablet)
/// and 1366 px (laptop): nothing scrolls the page sideways (a wide table scrolls inside its own container), axe finds
/// no serious violation, and a screenshot of each is kept for the gallery (<see cref="ScreenshotGallery"/>).
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class PageTourTests(BrowserSite site)
{
    public static readonly int[] Widths = [360, 768, 1366];

    [Fact]
    public async Task The_public_pages_fit_every_width()
    {
        var profile = "/entreprises/" + (await TestCompanies.PublishedAsync(site.Factory)).Slug;
        var shared = "?e=" + profile["/entreprises/".Length..];
        for (var i = 0; i < 3; i++)
        {
            shared += "&e=" + (await TestCompanies.PublishedAsync(site.Factory, (c, _) => c.Labels = i == 0 ? ["Qualiopi"] : [])).Slug;
        }
        var page = await site.OpenAsync("/");
        await TourAsync(page,
            ("accueil", "/"),
            ("recherche", "/recherche"),
            ("recherche-texte", "/recherche?q=site+internet+Kon%C3%A9"),
            ("recherche-filtres", "/recherche?province=sud&secteur=S04"),
            ("recherche-rien", "/recherche?q=zzqxwv"),
            ("recherche-carte", "/recherche?vue=carte"),
            ("recherche-carte-filtres", "/recherche?province=sud&secteur=S04&vue=carte"),
            ("fiche", profile),
            ("fiche-signaler", profile + "/signaler"),
            ("selection", "/ma-selection"),
            ("selection-partagee", "/ma-selection" + shared),
            ("comparaison", "/ma-selection/comparer" + shared),
            ("statistiques", "/statistiques"),
            ("statistiques-segment", "/statistiques?province=nord&secteur=S05"),
            ("donnees", "/donnees"),
            ("api-reference", "/api/reference"),
            ("connexion", "/compte/connexion"),
            ("inscription", "/compte/inscription"),
            ("mot-de-passe-oublie", "/compte/mot-de-passe-oublie"),
            ("renvoyer-confirmation", "/compte/renvoyer-confirmation"),
            ("confirmer-lien-invalide", "/mon-espace/confirmer?jeton=perime"),
            ("page-introuvable", "/nexiste-pas"));
    }

    [Fact]
    public async Task The_public_pages_in_english_fit_a_phone()
    {
        var profile = "/entreprises/" + (await TestCompanies.PublishedAsync(site.Factory)).Slug;
        var page = await site.OpenAsync("/", language: "en");
        await TourAsync(page, [360],
            ("en-accueil", "/"),
            ("en-recherche-texte", "/recherche?q=website"),
            ("en-recherche-rien", "/recherche?q=zzqxwv"),
            ("en-recherche-carte", "/recherche?vue=carte"),
            ("en-fiche", profile),
            ("en-statistiques", "/statistiques"),
            ("en-donnees", "/donnees"),
            ("en-connexion", "/compte/connexion"),
            ("en-inscription", "/compte/inscription"));
    }

    [Fact]
    public async Task The_professionals_pages_fit_every_width()
    {
        var company = (await TestCompanies.PublishedAsync(site.Factory, (company, db) =>
        {
            db.Realisations.Add(new Realisation { CompanyId = company.Id, Title = "Formation au numérique", ClientType = ClientTypes.Association, Year = 2023, Position = 1,
                Status = RealisationStatus.Refused, RefusalReason = "Le texte manque : décrivez ce qui a été fait." });
            db.Realisations.Add(new Realisation { CompanyId = company.Id, Title = "Inventaire informatisé des ateliers de la zone industrielle de Ducos", ClientType = ClientTypes.Company,
                Year = 2025, Position = 2, Status = RealisationStatus.Published });
        })).Id;
        var page = await site.SignedInAsync("visite.pro@annuaire-test.nc", company);
        var mine = $"/mon-espace/entreprises/{company}";
        await TourAsync(page,
            ("mon-espace", "/mon-espace"),
            ("inscrire-ridet", "/mon-espace/inscrire/ridet"),
            ("inscrire-identite", "/mon-espace/inscrire/identite"),
            ("inscrire-activites", "/mon-espace/inscrire/activites"),
            ("inscrire-localisation", "/mon-espace/inscrire/localisation"),
            ("inscrire-contact", "/mon-espace/inscrire/contact"),
            ("inscrire-apercu", "/mon-espace/inscrire/apercu"),
            ("modifier", mine + "/modifier"),
            ("historique", mine + "/historique"),
            ("membres", mine + "/membres"),
            ("logo", mine + "/logo"),
            ("realisations", mine + "/realisations"),
            ("compte", "/compte"),
            ("changer-courriel", "/compte/changer-courriel"),
            ("double-authentification", "/compte/double-authentification"));
    }

    [Fact]
    public async Task The_moderators_pages_fit_every_width()
    {
        var waiting = await TestCompanies.AddAsync(site.Factory, "Visite Modération Attente", PublicationStatus.PendingReview, (company, db) =>
            db.Realisations.Add(new Realisation { CompanyId = company.Id, Title = "Site vitrine d'un gîte à Poum", ClientType = ClientTypes.Company, Year = 2024, Text = "Un site en trois langues.", Link = "https://gite-poum-exemple.nc/", Position = 1 }));
        var page = await site.SignedInAsync("visite.moderation@annuaire-test.nc", role: Roles.Moderator);
        await TourAsync(page,
            ("moderation", "/moderation"),
            ("moderation-profils", "/moderation/profils"),
            ("moderation-entreprise", $"/moderation/entreprises/{waiting.Id}"),
            ("moderation-revendications", "/moderation/revendications"),
            ("moderation-adhesions", "/moderation/adhesions"),
            ("moderation-signalements", "/moderation/signalements"),
            ("moderation-a-verifier", "/moderation/a-verifier"),
            ("moderation-realisations", "/moderation/realisations"),
            ("moderation-import", "/moderation/import"),
            ("moderation-synonymes", "/moderation/synonymes"),
            ("moderation-recherches", "/moderation/recherches"),
            ("statistiques-analyste", "/statistiques"));
    }

    /// <summary>Opens each page at each width; fails once, at the end, with every page that did not fit.</summary>
    private static Task TourAsync(IPage page, params (string Name, string Path)[] stops) => TourAsync(page, Widths, stops);

    private static async Task TourAsync(IPage page, int[] widths, params (string Name, string Path)[] stops)
    {
        var problems = new List<string>();
        foreach (var (name, path) in stops)
        {
            foreach (var width in widths)
            {
                await page.SetViewportSizeAsync(width, width < 768 ? 740 : 900);
                var response = await page.GotoAsync(path);
                if (response is { Status: >= 500 })
                {
                    problems.Add($"{path}: {response.Status}");
                }
                var measured = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
                if (measured[0] > measured[1])
                {
                    problems.Add($"{path} is {measured[0]} px wide at {width} px: {await BrowserDefaults.WiderThanScreenAsync(page)}");
                }
                Directory.CreateDirectory(BrowserSite.ScreenshotDirectory);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSite.ScreenshotDirectory, $"{name}@{width}.png"), FullPage = true });
            }
            await AccountBrowserTests.NoSeriousViolationAsync(page);
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
