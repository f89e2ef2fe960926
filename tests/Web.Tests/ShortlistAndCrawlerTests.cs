using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Companies;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>The buyer's shortlist without an account, and what crawlers are given.</summary>
public sealed class ShortlistAndCrawlerTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<List<string>> PublishedSlugsAsync() => site.WithDatabaseAsync(db =>
        db.Companies.Where(c => c.Status == PublicationStatus.Published).OrderBy(c => c.Slug).Select(c => c.Slug).ToListAsync(Cancel));

    /// <summary>Presses the shortlist button of a company on a page, as a browser without JavaScript would.</summary>
    private static async Task<HttpResponseMessage> PressAsync(HttpClient client, string pageUrl, string slug)
    {
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync(pageUrl, Cancel));
        var form = page.QuerySelector<IHtmlFormElement>("#form-selection")!;
        var button = page.QuerySelectorAll<IHtmlButtonElement>("button.shortlist-toggle").First(b => b.Value == slug);
        var fields = form.Elements.OfType<IHtmlInputElement>().Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).Append(new("entreprise", slug));
        return await client.PostAsync(button.GetAttribute("formaction"), new FormUrlEncodedContent(fields), Cancel);
    }

    [Fact]
    public async Task Companies_added_from_results_and_profiles_are_listed_exported_and_removed()
    {
        var client = site.Factory.CreateBrowserLikeClient();
        var first = await TestCompanies.AddAsync(site.Factory, $"Quetzalune Conseil {TestCompanies.Unique()}", PublicationStatus.Published,
            (c, _) => c.Phones = ["+687271234"]);
        var second = (await TestCompanies.PublishedAsync(site.Factory)).Slug;
        const string results = "/recherche?q=quetzalune&tri=nom";

        var fromResults = await PressAsync(client, results, first.Slug);
        Assert.Equal(HttpStatusCode.Redirect, fromResults.StatusCode);
        Assert.Equal(results, fromResults.Headers.Location!.OriginalString);
        await PressAsync(client, $"/entreprises/{second}", second);

        var list = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/ma-selection", Cancel));
        Assert.Equal([$"/entreprises/{first.Slug}", $"/entreprises/{second}"], list.QuerySelectorAll(".card-title a").Select(a => a.GetAttribute("href")));
        Assert.Equal("(2)", list.QuerySelector("[data-shortlist-count]")!.TextContent);
        var again = await DirectoryWebFactory.ParseAsync(await client.GetAsync(results, Cancel));
        Assert.Contains("is-in", again.QuerySelectorAll<IHtmlButtonElement>("button.shortlist-toggle").First(b => b.Value == first.Slug).ClassName, StringComparison.Ordinal);

        var export = await client.GetAsync("/ma-selection/export.csv", Cancel);
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync(Cancel);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // BOM: Excel reads UTF-8
        using var csv = new CsvReader(new StreamReader(new MemoryStream(bytes)), new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";" });
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        Assert.Equal([first.DisplayName, await NameOfAsync(second)], rows.Select(r => (string)r["nom"]));
        Assert.EndsWith($"/entreprises/{first.Slug}", (string)rows[0]["fiche"], StringComparison.Ordinal);
        Assert.Equal("+687 27 12 34", (string)rows[0]["telephone"]); // a phone number is no formula: no apostrophe in front

        await PressAsync(client, "/ma-selection", first.Slug);
        var after = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/ma-selection", Cancel));
        Assert.Equal([$"/entreprises/{second}"], after.QuerySelectorAll(".card-title a").Select(a => a.GetAttribute("href")));
    }

    private Task<string> NameOfAsync(string slug) => site.WithDatabaseAsync(async db =>
    {
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Slug == slug, Cancel);
        return company.DisplayName;
    });

    [Fact]
    public async Task A_shared_link_shows_the_same_list_to_someone_else_who_can_take_it()
    {
        var owner = site.Factory.CreateBrowserLikeClient();
        List<string> slugs = [];
        for (var i = 0; i < 3; i++)
        {
            slugs.Add((await TestCompanies.PublishedAsync(site.Factory)).Slug);
        }
        foreach (var slug in slugs)
        {
            await PressAsync(owner, $"/entreprises/{slug}", slug);
        }
        var shareUrl = (await DirectoryWebFactory.ParseAsync(await owner.GetAsync("/ma-selection", Cancel))).QuerySelector<IHtmlInputElement>("#lien-partage")!.Value;

        var visitor = site.Factory.CreateBrowserLikeClient();
        var shared = await DirectoryWebFactory.ParseAsync(await visitor.GetAsync(new Uri(shareUrl).PathAndQuery, Cancel));
        Assert.Equal("Sélection partagée", shared.QuerySelector("h1")!.TextContent);
        Assert.Equal(slugs.Select(s => $"/entreprises/{s}"), shared.QuerySelectorAll(".card-title a").Select(a => a.GetAttribute("href")));
        Assert.Empty(shared.QuerySelectorAll("button.shortlist-toggle"));

        var import = shared.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.Action.EndsWith("/ma-selection/importer", StringComparison.Ordinal));
        var fields = import.Elements.OfType<IHtmlInputElement>().Select(i => new KeyValuePair<string, string>(i.Name!, i.Value));
        await visitor.PostAsync("/ma-selection/importer", new FormUrlEncodedContent(fields), Cancel);
        var own = await DirectoryWebFactory.ParseAsync(await visitor.GetAsync("/ma-selection", Cancel));
        Assert.Equal("Ma sélection", own.QuerySelector("h1")!.TextContent);
        Assert.Equal(3, own.QuerySelectorAll(".card-title a").Length);
    }

    [Fact]
    public async Task The_page_script_gets_the_new_state_as_json_and_unknown_companies_are_refused()
    {
        var client = site.Factory.CreateBrowserLikeClient();
        var slug = (await TestCompanies.PublishedAsync(site.Factory)).Slug;
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync($"/entreprises/{slug}", Cancel));
        var token = page.QuerySelector<IHtmlInputElement>("#form-selection input[name=__RequestVerificationToken]")!.Value;

        async Task<HttpResponseMessage> PostAsync(string action, string entreprise)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/ma-selection/{action}")
            {
                Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("entreprise", entreprise), new("returnUrl", "/")]),
            };
            request.Headers.Accept.ParseAdd("application/json");
            return await client.SendAsync(request, Cancel);
        }

        var added = await (await PostAsync("ajouter", slug)).Content.ReadFromJsonAsync<State>(Cancel);
        Assert.Equal(new State(1, true, false), added);
        var removed = await (await PostAsync("retirer", slug)).Content.ReadFromJsonAsync<State>(Cancel);
        Assert.Equal(new State(0, false, false), removed);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("ajouter", "nexiste-pas")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("ajouter", "<script>")).StatusCode);
    }

    private sealed record State(int Count, bool Contains, bool Full);

    [Theory]
    [InlineData("/ma-selection/ajouter")]
    [InlineData("/ma-selection/retirer")]
    [InlineData("/ma-selection/vider")]
    [InlineData("/ma-selection/importer")]
    public async Task Every_change_to_the_shortlist_requires_the_antiforgery_token(string action)
    {
        var slug = (await TestCompanies.PublishedAsync(site.Factory)).Slug;
        var response = await site.Factory.CreateBrowserLikeClient().PostAsync(action,
            new FormUrlEncodedContent([new("entreprise", slug), new("e", slug), new("returnUrl", "/")]), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_forged_or_oversized_cookie_is_read_safely()
    {
        var client = site.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ma-selection");
        request.Headers.Add("Cookie", "af.selection=" + string.Join('.', Enumerable.Range(0, 500).Select(i => $"x{i}")) + ".%3Cb%3E.DROP%20TABLE");
        var response = await client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await DirectoryWebFactory.ParseAsync(response)).QuerySelectorAll(".card"));
    }

    [Fact]
    public async Task The_sitemap_lists_every_published_profile_and_nothing_else()
    {
        var client = site.Factory.CreateClient();
        var index = XDocument.Parse(await client.GetStringAsync("/sitemap.xml", Cancel));
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var sitemaps = index.Descendants(ns + "loc").Select(l => new Uri(l.Value).PathAndQuery).ToList();
        Assert.Contains("/sitemaps/entreprises-1.xml", sitemaps);

        var profiles = new List<string>();
        foreach (var sitemap in sitemaps.Where(s => s.Contains("entreprises", StringComparison.Ordinal)))
        {
            var urls = XDocument.Parse(await client.GetStringAsync(sitemap, Cancel));
            profiles.AddRange(urls.Descendants(ns + "loc").Select(l => new Uri(l.Value).AbsolutePath));
            Assert.All(urls.Descendants(ns + "lastmod"), m => DateOnly.ParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        Assert.Equal((await PublishedSlugsAsync()).Select(s => $"/entreprises/{s}"), profiles);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sitemaps/entreprises-9.xml", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Robots_point_to_the_sitemap_and_keep_crawlers_out_of_endless_searches()
    {
        var robots = await site.Factory.CreateClient().GetStringAsync("/robots.txt", Cancel);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots, StringComparison.Ordinal);
        Assert.Contains("Disallow: /recherche?", robots, StringComparison.Ordinal);
        Assert.Contains("Disallow: /ma-selection", robots, StringComparison.Ordinal);
    }
}
