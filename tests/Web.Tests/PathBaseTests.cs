using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Companies;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>The site served under a path base (<c>Site:PathBase</c>), as behind a proxy that forwards <c>/annuaire/…</c>.</summary>
public sealed class PathBaseSite : SiteFixture
{
    public const string PathBase = "/annuaire";

    public PathBaseSite() => Factory.Settings["Site:PathBase"] = PathBase;
}

/// <summary>
/// Every internal address the main pages write (links, form targets, scripts, styles, images, the addresses the script
/// reads from <c>data-</c> attributes), the sitemaps, robots.txt and the API's absolute links carry the path base and
/// lead somewhere: a GET answers without error, a form's target exists. A link written by hand (<c>href="/recherche"</c>)
/// would leave the path base and fail here.
/// </summary>
public sealed class PathBaseTests(PathBaseSite site) : IClassFixture<PathBaseSite>
{
    private const string Base = PathBaseSite.PathBase;
    private const string NotFound = "/page-qui-n-existe-pas";
    private static readonly Uri Root = new("http://localhost");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Attributes that hold an address on the site's pages (<c>data-…</c>: what site.js fetches or goes to).</summary>
    private static readonly string[] AddressAttributes =
        ["href", "src", "action", "formaction", "hx-get", "data-suggest", "data-png", "data-add-url", "data-remove-url", "data-page-url"];

    [Fact]
    public async Task Every_link_of_the_public_pages_stays_under_the_path_base_and_leads_somewhere()
    {
        var slugs = await site.WithDatabaseAsync(db => db.Companies.Where(c => c.Status == PublicationStatus.Published)
            .OrderBy(c => c.Slug).Select(c => c.Slug).Take(2).ToListAsync(Cancel));
        var client = site.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        // A shortlist of two: the page then shows its export, share, clear and remove controls.
        client.DefaultRequestHeaders.Add("Cookie", "af.selection=" + string.Join('.', slugs));
        string[] pages =
        [
            "/", "/recherche?q=web&province=sud&tri=nom", $"/entreprises/{slugs[0]}", $"/entreprises/{slugs[0]}/signaler",
            "/ma-selection", $"/ma-selection?e={slugs[0]}&e={slugs[1]}", "/statistiques?province=sud", "/donnees",
            "/compte/connexion", "/compte/inscription", "/compte/mot-de-passe-oublie", "/compte/renvoyer-confirmation",
            "/api/reference", NotFound,
        ];

        var crawled = await CrawlAsync(client, pages.Select(p => Base + p));

        Assert.True(crawled > 100, $"Only {crawled} addresses followed: the crawl missed the pages' links.");
    }

    [Fact]
    public async Task A_signed_in_visitor_signs_in_and_out_under_the_path_base_and_every_link_of_the_account_pages_leads_somewhere()
    {
        var user = await AccountForms.ConfirmedUserAsync(site.Factory.Services, "sous-chemin@annuaire-test.nc");
        var client = site.Factory.CreateBrowserLikeClient();

        // The sign-in redirect carries the path base, and so does the return address.
        var refused = await client.GetAsync(Base + "/compte", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var signInPage = refused.Headers.Location!.PathAndQuery;
        Assert.Equal(Base + "/compte/connexion?returnUrl=" + Uri.EscapeDataString(Base + "/compte"), signInPage);
        var form = (await PageAsync(client, signInPage)).QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.QuerySelector("#connexion-courriel") is not null);
        var signedIn = await PostAsync(client, form, ("Input.Email", user.Email!), ("Input.Password", AccountSite.Password));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(Base + "/compte", signedIn.Headers.Location!.OriginalString);

        // The account pages link to my space and moderation, whose own pages are crawled by the test above.
        var crawled = await CrawlAsync(client, [Base + "/compte", Base + "/compte/double-authentification"]);
        Assert.True(crawled > 10, $"Only {crawled} addresses followed.");

        var signOut = (await PageAsync(client, Base + "/compte")).QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.Closest(".account-menu") is not null);
        var signedOut = await PostAsync(client, signOut);
        Assert.Equal(Base, signedOut.Headers.Location!.OriginalString);  // the home page
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(Base + "/compte", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Every_link_of_my_space_and_moderation_stays_under_the_path_base_and_leads_somewhere()
    {
        var company = await TestCompanies.AddAsync(site.Factory, "Sous-Chemin Numérique", PublicationStatus.Published);
        var owner = await AccountForms.MemberClientAsync(site.Factory, "proprietaire-sous-chemin@annuaire-test.nc", company.Id, signInUrl: Base + "/compte/connexion");
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "moderation-sous-chemin@annuaire-test.nc", Core.Accounts.Roles.Moderator, Base + "/compte/connexion");
        var mine = $"{Base}/mon-espace/entreprises/{company.Id}";

        var crawledMine = await CrawlAsync(owner, [Base + "/mon-espace", mine + "/modifier", mine + "/membres", mine + "/logo", mine + "/historique", Base + "/mon-espace/inscrire/ridet", Base + "/mon-espace/inscrire/activites"]);
        var crawledModeration = await CrawlAsync(moderator,
        [
            Base + "/moderation", Base + "/moderation/profils", Base + "/moderation/revendications", Base + "/moderation/adhesions",
            Base + "/moderation/signalements", Base + "/moderation/a-verifier", $"{Base}/moderation/entreprises/{company.Id}", Base + "/moderation/import",
        ]);

        Assert.True(crawledMine > 20, $"Only {crawledMine} addresses followed in my space.");
        Assert.True(crawledModeration > 20, $"Only {crawledModeration} addresses followed in moderation.");
    }

    [Fact]
    public async Task Forms_go_back_to_the_page_they_came_from_and_cookies_stay_under_the_path_base()
    {
        var client = site.Factory.CreateBrowserLikeClient();
        var searchPage = Base + "/recherche?q=web";
        var page = await PageAsync(client, searchPage);
        var shortlist = (IHtmlFormElement)page.QuerySelector("#form-selection")!;
        var button = page.QuerySelector<IHtmlButtonElement>("button.shortlist-toggle")!;
        var language = page.QuerySelector<IHtmlFormElement>("form.language-switch")!;

        var added = await PostAsync(client, shortlist, button.GetAttribute("formaction")!, ("entreprise", button.Value));
        var switched = await PostAsync(client, language, language.GetAttribute("action")!);

        Assert.Equal((HttpStatusCode.Redirect, searchPage), (added.StatusCode, added.Headers.Location!.OriginalString));
        Assert.Equal((HttpStatusCode.Redirect, searchPage), (switched.StatusCode, switched.Headers.Location!.OriginalString));
        foreach (var (response, cookie) in new[] { (added, "af.selection="), (switched, ".AspNetCore.Culture=") })
        {
            var set = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(cookie, StringComparison.Ordinal));
            Assert.Contains($"path={Base};", set + ";", StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal("en", (await PageAsync(client, searchPage)).DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Sitemaps_robots_and_the_api_give_absolute_addresses_under_the_path_base()
    {
        var client = site.Factory.CreateClient();
        var absolute = Root + Base.TrimStart('/');

        var robots = await client.GetStringAsync(Base + "/robots.txt", Cancel);
        Assert.Contains($"Sitemap: {absolute}/sitemap.xml", robots, StringComparison.Ordinal);
        Assert.Contains($"Disallow: {Base}/recherche?", robots, StringComparison.Ordinal);
        Assert.Contains($"Disallow: {Base}/ma-selection", robots, StringComparison.Ordinal);

        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var sitemaps = XDocument.Parse(await client.GetStringAsync(Base + "/sitemap.xml", Cancel)).Descendants(ns + "loc").Select(l => l.Value).ToList();
        Assert.NotEmpty(sitemaps);
        var pages = new List<string>();
        foreach (var sitemap in sitemaps)
        {
            Assert.StartsWith(absolute + "/", sitemap, StringComparison.Ordinal);
            pages.AddRange(XDocument.Parse(await client.GetStringAsync(new Uri(sitemap).PathAndQuery, Cancel)).Descendants(ns + "loc").Select(l => l.Value));
        }
        Assert.Equal(await site.PublishedCountAsync() + 2, pages.Count);  // the profiles, the home page and the search

        using var search = JsonDocument.Parse(await client.GetStringAsync(Base + "/api/v1/recherche?q=web", Cancel));
        var hits = search.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("url").GetString()!).ToList();
        using var company = JsonDocument.Parse(await client.GetStringAsync(new Uri(hits[0]).PathAndQuery.Replace(Base + "/entreprises/", Base + "/api/v1/entreprises/", StringComparison.Ordinal), Cancel));
        using var openData = JsonDocument.Parse(await client.GetStringAsync(Base + "/api/v1/donnees", Cancel));
        using var suggestions = JsonDocument.Parse(await client.GetStringAsync(Base + "/recherche/suggestions?q=web", Cancel));
        var links = hits
            .Append(company.RootElement.GetProperty("url").GetString()!)
            .Append(openData.RootElement.GetProperty("page").GetString()!)
            .Concat(openData.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("url").GetString()!))
            .Concat(suggestions.RootElement.EnumerateArray().Select(s => Root + s.GetProperty("url").GetString()!.TrimStart('/')))
            .Concat(pages.Take(10))
            .ToList();
        Assert.NotEmpty(suggestions.RootElement.EnumerateArray());
        foreach (var link in links)
        {
            Assert.StartsWith(absolute + "/", link, StringComparison.Ordinal);
            var response = await client.GetAsync(new Uri(link).PathAndQuery, Cancel);
            Assert.True(response.IsSuccessStatusCode, $"{link}: {(int)response.StatusCode}");
        }

        // The open data written for everyone, and the API reference's examples, follow the path base too.
        Assert.Contains($",{absolute}/entreprises/", await client.GetStringAsync(Base + "/donnees/entreprises.csv", Cancel), StringComparison.Ordinal);
        var reference = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync(Base + "/api/reference", Cancel));
        var examples = reference.QuerySelectorAll("pre code").Select(c => c.TextContent).ToList();
        Assert.NotEmpty(examples);
        Assert.All(examples, example => Assert.StartsWith($"curl \"{absolute}/api/v1/", example, StringComparison.Ordinal));
    }

    /// <summary>
    /// Reads each page and checks every address it holds: under the path base, not empty (a page name that no route
    /// answers renders an empty link), and leading somewhere. Returns how many distinct addresses were followed.
    /// </summary>
    private static async Task<int> CrawlAsync(HttpClient client, IEnumerable<string> pages)
    {
        var followed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            var response = await client.GetAsync(page, Cancel);
            Assert.Equal(page.EndsWith(NotFound, StringComparison.Ordinal) ? HttpStatusCode.NotFound : HttpStatusCode.OK, response.StatusCode);
            var document = await DirectoryWebFactory.ParseAsync(response);
            var pageUri = new Uri(Root, page);
            foreach (var element in document.All)
            {
                foreach (var attribute in AddressAttributes)
                {
                    if (element.GetAttribute(attribute) is not { } raw || raw.StartsWith('#'))
                    {
                        continue;  // none, or a place in the page itself (the skip link)
                    }
                    Assert.False(string.IsNullOrWhiteSpace(raw), $"{page}: an empty {attribute} on <{element.LocalName}> ({element.OuterHtml[..Math.Min(120, element.OuterHtml.Length)]}).");
                    var target = new Uri(pageUri, raw);
                    if (target.Scheme is not ("http" or "https") || target.Authority != Root.Authority)
                    {
                        continue;  // mailto:, tel:, a company's website, the licence
                    }
                    var path = target.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped);
                    Assert.True(path == Base || path.StartsWith(Base + "/", StringComparison.Ordinal) || path.StartsWith(Base + "?", StringComparison.Ordinal),
                        $"{page}: {attribute}=\"{raw}\" on <{element.LocalName}> leaves the path base.");
                    var post = attribute is "action" or "formaction" or "data-add-url" or "data-remove-url"
                        && (attribute is not "action" || string.Equals(element.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase));
                    if (followed.Add((post ? "POST " : "GET ") + path))
                    {
                        await AssertLeadsSomewhereAsync(client, page, post, path);
                    }
                }
            }
        }
        return followed.Count;
    }

    private static async Task AssertLeadsSomewhereAsync(HttpClient client, string page, bool post, string path)
    {
        using var request = new HttpRequestMessage(post ? HttpMethod.Post : HttpMethod.Get, path);
        if (post)
        {
            // Without an antiforgery token: refused (400), yet only by an endpoint that exists.
            request.Content = new FormUrlEncodedContent([]);
        }
        using var response = await client.SendAsync(request, Cancel);
        var status = (int)response.StatusCode;
        Assert.True(post ? status is not (404 or 405) : status < 400, $"{page} → {(post ? "POST" : "GET")} {path}: {status}");
        if (response.Headers.Location is { } location)
        {
            Assert.StartsWith(Base + "/", new Uri(new Uri(Root, path), location).AbsolutePath, StringComparison.Ordinal);
        }
    }

    private static async Task<IDocument> PageAsync(HttpClient client, string path) =>
        await DirectoryWebFactory.ParseAsync(await client.GetAsync(path, Cancel));

    /// <summary>Posts a form as a browser would: its hidden fields (the antiforgery token among them) and the given values.</summary>
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, IHtmlFormElement form, params (string Name, string Value)[] fields) =>
        PostAsync(client, form, form.GetAttribute("action")!, fields);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, IHtmlFormElement form, string action, params (string Name, string Value)[] fields)
    {
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]")
            .Where(i => fields.All(f => f.Name != i.Name))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Concat(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return client.PostAsync(action, new FormUrlEncodedContent(values), Cancel);
    }
}
