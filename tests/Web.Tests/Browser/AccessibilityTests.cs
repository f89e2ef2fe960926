using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>
/// axe (WCAG 2.1 A/AA rules) on the main pages in French and English: no serious or critical violation.
/// Each page is also saved as a screenshot at desktop and phone widths, to be looked at.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AccessibilityTests(BrowserSite site)
{
    public static TheoryData<string, string, string> Pages()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var language in new[] { "fr", "en" })
        {
            data.Add("accueil", "/", language);
            data.Add("recherche-filtres", "/recherche?secteur=S04&province=sud&tri=nom", language);
            data.Add("recherche-sans-resultat", "/recherche?q=zzqxwv+kkjjyy", language);
            // The search's reading: a place taken as a criterion, a word set aside, the partial results' heading.
            data.Add("recherche-lieu-mot-ecarte", "/recherche?q=site+internet+Kon%C3%A9+zzqxwv", language);
            data.Add("recherche-correction", "/recherche?q=cybersecuriter", language);
            data.Add("fiche", "{profil}", language);
            data.Add("signaler", "{profil}/signaler", language);
            data.Add("ma-selection", "/ma-selection", language);
            data.Add("statistiques", "/statistiques?province=nord", language);
            data.Add("statistiques-comparaison", "/statistiques?secteur=S05&comparer={instantane}", language);
            data.Add("donnees", "/donnees", language);
            data.Add("api-reference", "/api/reference", language);
            data.Add("introuvable", "/nexiste-pas", language);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Main_pages_have_no_serious_accessibility_violation(string name, string path, string language)
    {
        if (path.Contains("{instantane}", StringComparison.Ordinal))
        {
            path = path.Replace("{instantane}", await site.OldestSnapshotAsync(), StringComparison.Ordinal);
        }
        if (path.Contains("{profil}", StringComparison.Ordinal))
        {
            path = path.Replace("{profil}", "/entreprises/" + (await TestCompanies.PublishedAsync(site.Factory)).Slug, StringComparison.Ordinal);
        }
        var page = await site.OpenAsync(path, language: language == "fr" ? null : language);
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));

        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join('\n', serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));

        Directory.CreateDirectory(BrowserSite.ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSite.ScreenshotDirectory, $"{name}-{language}-bureau.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSite.ScreenshotDirectory, $"{name}-{language}-telephone.png"), FullPage = true });
        TestContext.Current.SendDiagnosticMessage($"Screenshots in {BrowserSite.ScreenshotDirectory}");
    }
}
