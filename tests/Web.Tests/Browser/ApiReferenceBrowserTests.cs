using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>
/// <c>/api/reference</c> in a real browser: the OpenAPI document's operations in the site's layout and language, under
/// the site's CSP, offline, and on a phone without sideways scroll (code blocks scroll inside themselves).
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ApiReferenceBrowserTests(BrowserSite site)
{
    [Theory]
    [InlineData(null, "Rechercher des entreprises (mêmes paramètres que /recherche)", "Retour au sommaire")]
    [InlineData("en", "Search companies (the same parameters as /recherche)", "Back to the contents")]
    public async Task The_api_reference_renders_the_operations_in_the_site_language_with_nothing_from_elsewhere_and_no_csp_violation(
        string? language, string searchSummary, string back)
    {
        var page = await site.OpenAsync("about:blank", language: language);
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

        await Assertions.Expect(page.GetByText(searchSummary)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("GET /api/v1/donnees").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("header.site-header")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = back }).First).ToBeAttachedAsync();
        Assert.Empty(elsewhere);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData(null, "fr")]
    [InlineData("en", "en")]
    public async Task On_a_phone_the_api_reference_does_not_scroll_sideways_and_its_examples_scroll_inside_themselves(string? language, string name)
    {
        var page = await site.OpenAsync("/api/reference", width: 360, height: 740, language: language);

        await BrowserDefaults.AssertNoSidewaysScrollAsync(page);
        // The longest example is wider than the screen: its block scrolls, and the keyboard reaches it.
        var example = page.Locator("pre").First;
        Assert.True(await example.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"));
        Assert.Equal("0", await example.GetAttributeAsync("tabindex"));

        await BrowserDefaults.ScreenshotsAsync(page, $"api-reference-{name}");
    }
}
