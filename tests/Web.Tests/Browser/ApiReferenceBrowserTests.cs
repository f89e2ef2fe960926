using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary><c>/api/reference</c> in a real browser: it renders the OpenAPI document under the site's CSP, offline.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ApiReferenceBrowserTests(BrowserSite site)
{
    [Fact]
    public async Task The_api_reference_renders_the_french_operations_with_nothing_from_elsewhere_and_no_csp_violation()
    {
        var page = await site.OpenAsync("about:blank");
        var problems = new List<string>();
        var elsewhere = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(site.BaseAddress.ToString(), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };

        await page.GotoAsync("/api/reference");

        await Assertions.Expect(page.GetByText("Rechercher des entreprises (mêmes paramètres que /recherche)")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("/api/v1/donnees").First).ToBeVisibleAsync();
        Assert.Empty(elsewhere);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
