using System.Net;
using System.Text.Json;
using AngleSharp.Dom;

namespace AnnuaireFiliere.Web.Tests;

public sealed class SitePagesTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly string[] IconLinks = ["link[rel=icon]", "link[rel=apple-touch-icon]", "link[rel=manifest]"];

    [Fact]
    public async Task Every_page_names_its_icons_for_browsers_and_phones_and_they_are_served()
    {
        var client = site.Factory.CreateClient();
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/", Cancel));

        var icons = IconLinks.Select(selector => page.QuerySelector(selector)?.GetAttribute("href") ?? throw new Xunit.Sdk.XunitException($"no {selector}")).ToList();
        foreach (var icon in icons)
        {
            var response = await client.GetAsync(icon, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var manifest = await client.GetAsync(icons[2], Cancel);
        Assert.Equal("application/manifest+json", manifest.Content.Headers.ContentType!.MediaType);
        using var json = System.Text.Json.JsonDocument.Parse(await manifest.Content.ReadAsStringAsync(Cancel));
        foreach (var icon in json.RootElement.GetProperty("icons").EnumerateArray())
        {
            var url = new Uri(new Uri("http://localhost" + icons[2]), icon.GetProperty("src").GetString());
            var image = await client.GetAsync(url.PathAndQuery, Cancel);
            Assert.Equal(icon.GetProperty("type").GetString(), image.Content.Headers.ContentType!.MediaType);
        }
    }

    // A NUL in the path is refused by the server itself (400); query strings reach the pages.
    public static TheoryData<string> NulCharacterRequests() =>
    [
        "/recherche?q=web%00&commune=98%00800&secteur=S0%004&label=a%00b&proche=988%0011",
        "/recherche/suggestions?q=dev%00",
        "/besoins?q=site%00&commune=%00&secteur=%00",
        "/statistiques?annee=20%0025&secteur=%00",
        "/chiffres-cles?annee=%00",
        "/donnees?format=%00",
        "/compte/connexion?ReturnUrl=%2Fmon-espace%00",
        "/compte/confirmer?userId=%00&code=%00",
        "/compte/reinitialiser?code=%00&email=a%00%40b.nc",
        "/api/v1/recherche?q=web%00&commune=%00&secteur=%00",
        "/api/v1/entreprises/%2500?x=%00",
    ];

    [Theory]
    [MemberData(nameof(NulCharacterRequests))]
    public async Task A_nul_character_in_an_address_never_causes_a_server_error(string url)
    {
        // PostgreSQL refuses NUL in a text: a look-up carrying one must still answer (not found, or without it).
        var response = await site.Factory.CreateBrowserLikeClient().GetAsync(url, Cancel);

        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {url}");
    }

    [Fact]
    public async Task A_nul_character_in_an_account_form_gets_an_answer_not_a_server_error()
    {
        var client = site.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var signIn = await AccountForms.SignInAsync(client, "marie\0@exemple.nc", "Lagon\0-Bleu-2026");
        var signUp = await AccountForms.SignUpAsync(client, $"nul-{TestCompanies.Unique()}\0@exemple.nc", "Lagon\0-Bleu-2026");
        var forgotten = await AccountForms.SubmitAsync(client, "/compte/mot-de-passe-oublie", "/compte/mot-de-passe-oublie", ("Input.Email", "marie\0@exemple.nc"));

        Assert.All([signIn, signUp, forgotten], r => Assert.True((int)r.StatusCode < 500, $"{(int)r.StatusCode} for {r.RequestMessage!.RequestUri}"));
    }

    [Fact]
    public async Task Home_page_is_in_french_with_the_published_companies_of_each_sector()
    {
        var response = await site.Factory.CreateClient().GetAsync("/", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await DirectoryWebFactory.ParseAsync(response);
        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Les entreprises du numérique en Nouvelle-Calédonie", page.QuerySelector("h1")!.TextContent);
        var tiles = page.QuerySelectorAll(".sector-tile");
        Assert.Equal(11, tiles.Length);

        // Each tile counts what its link finds; the first key figure is every published company.
        var published = await site.PublishedCountAsync();
        foreach (var tile in tiles)
        {
            var link = tile.QuerySelector("a.sector-name")!.GetAttribute("href")!;
            var results = await DirectoryWebFactory.ParseAsync(await site.Factory.CreateClient().GetAsync(link, Cancel));
            Assert.Equal(SiteFixture.Digits(tile.QuerySelector(".sector-count")!.TextContent), SiteFixture.Digits(results.QuerySelector("#titre-resultats")!.TextContent));
        }
        Assert.Equal(published, SiteFixture.Digits(page.QuerySelector(".key-figures dd")!.TextContent));
        Assert.InRange(published, 1, DirectoryWebFactory.DemoCount - 1); // demo data mixes statuses
    }

    [Fact]
    public async Task Every_page_names_an_icon_that_the_site_serves()
    {
        var client = site.Factory.CreateClient();
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/recherche", Cancel));

        var href = page.QuerySelector("link[rel=icon]")!.GetAttribute("href")!;
        var icon = await client.GetAsync(href, Cancel);

        Assert.Equal(System.Net.HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Page_has_landmarks_a_skip_link_and_a_title()
    {
        var page = await DirectoryWebFactory.ParseAsync(await site.Factory.CreateClient().GetAsync("/", Cancel));
        Assert.NotNull(page.QuerySelector("header"));
        Assert.NotNull(page.QuerySelector("nav[aria-label]"));
        Assert.NotNull(page.QuerySelector("main#contenu"));
        Assert.NotNull(page.QuerySelector("footer"));
        Assert.Equal("#contenu", page.QuerySelector("a.skip-link")!.GetAttribute("href"));
        Assert.Contains("Annuaire de la filière numérique", page.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_shows_the_site_in_english_and_back()
    {
        var client = site.Factory.CreateBrowserLikeClient();
        var home = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/", Cancel));

        var switched = await client.PostAsync("/langue", FormOf(home.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form.language-switch")!), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/", switched.Headers.Location!.OriginalString);

        var english = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/", Cancel));
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Digital companies in New Caledonia", english.QuerySelector("h1")!.TextContent);
        Assert.Contains(english.QuerySelectorAll(".sector-name"), s => s.TextContent == "Software publishing and development");

        await client.PostAsync("/langue", FormOf(english.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form.language-switch")!), Cancel);
        var french = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/", Cancel));
        Assert.Equal("fr", french.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task The_language_switch_never_redirects_off_site(string returnUrl)
    {
        var client = site.Factory.CreateBrowserLikeClient();
        var home = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/", Cancel));
        var form = home.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form.language-switch")!;
        form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=returnUrl]")!.Value = returnUrl;

        var response = await client.PostAsync("/langue", FormOf(form), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/recherche")]
    [InlineData("/")]
    [InlineData("/ma-selection")]
    public async Task A_post_to_a_page_that_only_reads_is_refused_with_405(string path)
    {
        var client = site.Factory.CreateBrowserLikeClient();
        var home = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/", Cancel));
        var token = home.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        var response = await client.PostAsync(path, new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("q", "web")]), Cancel);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains(HttpMethod.Get.Method, response.Content.Headers.Allow);
        Assert.NotNull((await DirectoryWebFactory.ParseAsync(response)).QuerySelector("h1"));
    }

    [Fact]
    public async Task The_language_switch_requires_the_antiforgery_token()
    {
        var response = await site.Factory.CreateBrowserLikeClient().PostAsync("/langue",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" }), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/nexiste-pas")]
    [InlineData("/entreprises/inconnue/encore")]
    [InlineData("/erreur/404")]
    public async Task Unknown_pages_get_a_french_404(string path)
    {
        var response = await site.Factory.CreateClient().GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await DirectoryWebFactory.ParseAsync(response);
        Assert.Equal("Page introuvable", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task A_server_error_shows_a_french_page_without_internal_details()
    {
        var response = await site.Factory.CreateClient().GetAsync("/__test/boom", Cancel);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Cancel);
        var page = await DirectoryWebFactory.ParseAsync(new HttpResponseMessage { Content = new StringContent(html) });
        Assert.Equal("Une erreur est survenue", page.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("Secret internal detail", html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Data Source", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Liveness_answers()
    {
        var response = await site.Factory.CreateClient().GetAsync("/health/live", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Readiness_checks_the_database_and_the_search_index()
    {
        // Not ready (503, with the reason) while the first index is built, healthy once the indexer has caught up.
        var client = site.Factory.CreateClient();
        await site.IndexedAsync();

        var response = await client.GetAsync("/health/ready", Cancel);

        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var status = report.RootElement.GetProperty("status").GetString()!;
        Assert.Equal(status == "Unhealthy" ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK, response.StatusCode);
        Assert.True(report.RootElement.GetProperty("checks").TryGetProperty("database", out _));
        Assert.Equal("Healthy", status);
        Assert.Contains("documents indexés", report.RootElement.GetProperty("checks").GetProperty("search").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_says_the_index_is_being_built_until_its_first_build()
    {
        // The indexing loop does not run here: the index stays unbuilt until the test builds it.
        await using var factory = new DirectoryWebFactory();
        factory.Settings["Indexing:RunInProcess"] = "false";
        var client = factory.CreateClient();

        var building = await client.GetAsync("/health/ready", Cancel);
        await factory.IndexedAsync();
        var built = await client.GetAsync("/health/ready", Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, building.StatusCode);
        using var report = JsonDocument.Parse(await building.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("Unhealthy", report.RootElement.GetProperty("status").GetString());
        Assert.Contains("construction", report.RootElement.GetProperty("checks").GetProperty("search").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, built.StatusCode);
    }

    [Fact]
    public async Task Pages_carry_baseline_security_headers()
    {
        var response = await site.Factory.CreateClient().GetAsync("/", Cancel);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task The_stylesheet_is_served_compressed()
    {
        var client = site.Factory.CreateClient();
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/", Cancel));
        var href = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        using var request = new HttpRequestMessage(HttpMethod.Get, href);
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");

        var response = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType!.MediaType);
        Assert.NotEmpty(response.Content.Headers.ContentEncoding);
    }

    internal static FormUrlEncodedContent FormOf(AngleSharp.Html.Dom.IHtmlFormElement form) =>
        new(form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>()
            .Where(input => !string.IsNullOrEmpty(input.Name))
            .Select(input => new KeyValuePair<string, string>(input.Name!, input.Value)));
}
