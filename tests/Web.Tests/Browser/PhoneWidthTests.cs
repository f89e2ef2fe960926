namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>
/// The public pages on a 360 px phone: nothing scrolls the page sideways (a wide table scrolls inside its own
/// container). The signed-in pages (my space, moderation) are checked by their own browser tests.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class PhoneWidthTests(BrowserSite site)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/recherche")]
    [InlineData("/recherche?q=site+internet+Kon%C3%A9")]
    [InlineData("/recherche?q=zzqxwv")]
    [InlineData("/statistiques")]
    [InlineData("/statistiques?province=nord&secteur=S05")]
    [InlineData("/donnees")]
    [InlineData("{profil}")]
    [InlineData("{profil}/signaler")]
    [InlineData("/ma-selection")]
    [InlineData("/compte/connexion")]
    [InlineData("/compte/inscription")]
    [InlineData("/api/reference")]
    [InlineData("/nexiste-pas")]
    public async Task A_public_page_does_not_scroll_sideways_at_360_px(string path)
    {
        if (path.StartsWith("{profil}", StringComparison.Ordinal))
        {
            path = path.Replace("{profil}", "/entreprises/" + (await TestCompanies.PublishedAsync(site.Factory)).Slug, StringComparison.Ordinal);
        }
        var page = await site.OpenAsync(path, width: 360, height: 740);

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scroll, client) = (widths[0], widths[1]);
        Assert.True(scroll <= client, $"{path} is {scroll} px wide on a {client} px screen: {await BrowserDefaults.WiderThanScreenAsync(page)}");
    }
}
