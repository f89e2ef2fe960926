using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>The maps of communes: the search's map view (<c>vue=carte</c>), the statistics' map, a profile's locator.</summary>
public sealed class CommuneMapTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly Commune Koumac = TaxonomyCatalog.Default.Communes.First(c => c.Name == "Koumac");
    private static readonly Commune Lifou = TaxonomyCatalog.Default.Communes.First(c => c.Name == "Lifou");

    /// <summary>A word of its own, found in the names of <paramref name="inKoumac"/> companies in Koumac and <paramref name="inLifou"/> in Lifou.</summary>
    private async Task<string> CompaniesAsync(int inKoumac, int inLifou)
    {
        // Letters only, twice over, so that no two tests' words are one letter apart (spelling correction).
        var letters = string.Concat(TestCompanies.Unique().ToString(CultureInfo.InvariantCulture).Select(d => (char)('a' + d - '0')));
        var word = "Cartomap" + letters + letters;
        foreach (var commune in Enumerable.Repeat(Koumac, inKoumac).Concat(Enumerable.Repeat(Lifou, inLifou)))
        {
            await TestCompanies.AddAsync(site.Factory, $"{word} {TestCompanies.Unique()}", PublicationStatus.Published, (c, _) =>
            {
                c.CommuneCode = commune.Code;
                c.PostalCode = commune.PostalCodes[0];
            });
        }
        return word.ToLowerInvariant();
    }

    private async Task<IHtmlDocument> PageAsync(string url, bool htmx = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (htmx)
        {
            request.Headers.Add("HX-Request", "true");
        }
        var response = await site.Factory.CreateBrowserLikeClient().SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await DirectoryWebFactory.ParseAsync(response);
    }

    /// <summary>The statistics page, its figures read afresh (they may otherwise be up to two seconds old).</summary>
    private Task<IHtmlDocument> StatisticsAsync(string url)
    {
        var facts = site.Factory.Services.GetRequiredService<Core.Statistics.CompanyFactsSource>();
        facts.RecheckInterval = TimeSpan.Zero;
        facts.ReloadWait = TimeSpan.FromMinutes(1);
        return PageAsync(url);
    }

    private static int Total(IHtmlDocument page) => SiteFixture.Digits(page.QuerySelector("#titre-resultats")!.TextContent);

    private static IElement Circle(IHtmlDocument page, Commune commune) =>
        page.QuerySelectorAll("svg a.map-link").Single(a => a.GetAttribute("aria-label")!.StartsWith(commune.Name + " :", StringComparison.Ordinal));

    [Fact]
    public async Task The_map_view_draws_a_circle_per_commune_sized_by_its_count_and_each_leads_to_that_communes_list()
    {
        var word = await CompaniesAsync(inKoumac: 3, inLifou: 1);

        var page = await PageAsync($"/recherche?q={word}&vue=carte");

        Assert.Empty(page.QuerySelectorAll("ol.cards"));
        Assert.Equal(2, page.QuerySelectorAll("svg a.map-link").Length);
        var koumac = Circle(page, Koumac);
        var lifou = Circle(page, Lifou);
        Assert.Equal("Koumac : 3 entreprises", koumac.GetAttribute("aria-label"));
        Assert.Equal("Koumac : 3 entreprises", koumac.QuerySelector("title")!.TextContent);
        Assert.Equal("Lifou : 1 entreprise", lifou.GetAttribute("aria-label"));
        // Area proportional to the count: the radii are as the square roots of 3 and 1.
        double Radius(IElement link) => double.Parse(link.QuerySelector("circle")!.GetAttribute("r")!, CultureInfo.InvariantCulture);
        Assert.Equal(Math.Sqrt(3), Radius(koumac) / Radius(lifou), 1);
        Assert.Contains("Koumac 3", page.QuerySelector("svg .map-labels")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/recherche?q={word}&commune={Koumac.Code}", koumac.GetAttribute("href"));

        // The same figures as a table, with the same links.
        var rows = page.QuerySelectorAll(".map-table tbody tr").Select(r => (r.QuerySelector("a")!.GetAttribute("href"), r.QuerySelector("th")!.TextContent.Trim(), r.QuerySelector("td")!.TextContent.Trim())).ToList();
        Assert.Equal([(koumac.GetAttribute("href"), "Koumac", "3"), (lifou.GetAttribute("href"), "Lifou", "1")], rows);

        var list = await PageAsync(koumac.GetAttribute("href")!);
        Assert.Equal(3, Total(list));
        Assert.Equal(3, list.QuerySelectorAll("ol.cards > li").Length);
    }

    [Fact]
    public async Task With_a_commune_chosen_the_map_keeps_every_communes_count_and_the_links_keep_the_map()
    {
        var word = await CompaniesAsync(inKoumac: 2, inLifou: 1);

        var page = await PageAsync($"/recherche?q={word}&commune={Koumac.Code}&vue=carte");

        Assert.Equal(2, Total(page));
        // The commune facet ignores the commune filter itself: Lifou's circle still says what a search there finds.
        Assert.Equal("Lifou : 1 entreprise", Circle(page, Lifou).GetAttribute("aria-label"));
        Assert.Equal($"/recherche?q={word}&commune={Lifou.Code}", Circle(page, Lifou).GetAttribute("href"));
        Assert.Contains("map-selected", Circle(page, Koumac).QuerySelector("circle")!.ClassName, StringComparison.Ordinal);
        Assert.Equal($"/recherche?q={word}&vue=carte", page.QuerySelector<IHtmlAnchorElement>(".chips a.chip")!.GetAttribute("href"));
        Assert.Equal("carte", page.QuerySelector<IHtmlInputElement>("#recherche input[type=hidden][name=vue]")!.Value);
        var views = page.QuerySelectorAll(".view-switch a");
        Assert.Equal($"/recherche?q={word}&commune={Koumac.Code}", views[0].GetAttribute("href"));
        Assert.Equal("true", views[1].GetAttribute("aria-current"));

        // The in-place update answers with the results zone, map included.
        var zone = await PageAsync($"/recherche?q={word}&vue=carte", htmx: true);
        Assert.NotNull(zone.QuerySelector("#zone-resultats svg a.map-link"));
        Assert.Null(zone.QuerySelector("header"));

        // And the list's links leave the view out; a page number has no meaning on the map.
        var list = await PageAsync($"/recherche?q={word}");
        Assert.Null(list.QuerySelector("input[name=vue]"));
        Assert.Equal($"/recherche?q={word}&vue=carte", list.QuerySelectorAll(".view-switch a")[1].GetAttribute("href"));
    }

    [Theory]
    [InlineData("globe")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("carte%00")]
    public async Task An_unknown_view_shows_the_list_with_a_notice(string view)
    {
        var page = await PageAsync("/recherche?q=informatique&vue=" + Uri.EscapeDataString(view));

        Assert.NotEmpty(page.QuerySelectorAll("ol.cards > li"));
        Assert.Contains("L'affichage « ", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("svg a.map-link"));
    }

    [Fact]
    public async Task The_list_view_written_out_is_redirected_to_the_address_without_it_and_the_map_view_keeps_no_page()
    {
        var client = site.Factory.CreateBrowserLikeClient();

        var list = await client.GetAsync("/recherche?q=web&vue=liste", Cancel);
        var map = await client.GetAsync("/recherche?q=web&vue=carte&tri=pertinence", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, list.StatusCode);
        Assert.Equal("/recherche?q=web", list.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, map.StatusCode);
        Assert.Equal("/recherche?q=web&vue=carte", map.Headers.Location!.OriginalString);
        var paged = await PageAsync("/recherche?q=web&vue=carte&page=3");
        Assert.EndsWith("/recherche?q=web&vue=carte", paged.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_statistics_map_has_its_section_in_the_contents_and_its_circles_lead_to_the_search_in_each_commune()
    {
        var word = await CompaniesAsync(inKoumac: 4, inLifou: 3);

        var page = await StatisticsAsync($"/statistiques?q={word}");

        Assert.NotNull(page.QuerySelector("#sommaire a[href='#stat-carte']"));
        var section = page.QuerySelector("section[aria-labelledby=stat-carte]")!;
        var circles = section.QuerySelectorAll("svg a.map-link");
        Assert.Equal(["Koumac : 4 entreprises", "Lifou : 3 entreprises"], circles.Select(c => c.GetAttribute("aria-label")));
        Assert.Equal($"/recherche?q={word}&commune={Koumac.Code}", circles[0].GetAttribute("href"));
        Assert.Equal(4, Total(await PageAsync(circles[0].GetAttribute("href")!)));
    }

    [Fact]
    public async Task On_the_statistics_map_a_commune_of_one_company_has_its_circle_and_its_exact_count()
    {
        var word = await CompaniesAsync(inKoumac: 4, inLifou: 1);

        var page = await StatisticsAsync($"/statistiques?q={word}");

        var section = page.QuerySelector("section[aria-labelledby=stat-carte]")!;
        Assert.Contains(section.QuerySelectorAll("svg a.map-link"), a => a.GetAttribute("aria-label")!.StartsWith("Lifou", StringComparison.Ordinal));
        var row = page.QuerySelectorAll("#stat-commune ~ details tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == "Lifou");
        Assert.Equal("1", row.QuerySelector("td")!.TextContent.Trim());
    }

    [Fact]
    public void Every_commune_of_the_typology_lies_inside_the_map()
    {
        Assert.StartsWith("M", Web.Features.Maps.CommuneMap.OutlinePath, StringComparison.Ordinal);
        Assert.InRange(Web.Features.Maps.CommuneMap.OutlinePath.Count(c => c == 'z'), 5, 10); // 10 islands, the smallest below the drawing's grain
        Assert.All(TaxonomyCatalog.Default.Communes, commune =>
        {
            var (x, y) = Web.Features.Maps.CommuneMap.Project(commune.Latitude, commune.Longitude);
            Assert.InRange(x, 0, Web.Features.Maps.CommuneMap.Width);
            Assert.InRange(y, 0, Web.Features.Maps.CommuneMap.Height);
        });
        // North is up and east is right: Bélep above Nouméa, Maré right of Nouméa.
        var (noumeaX, noumeaY) = Point("Nouméa");
        Assert.True(Point("Bélep").Y < noumeaY);
        Assert.True(Point("Maré").X > noumeaX);

        static (double X, double Y) Point(string name)
        {
            var commune = TaxonomyCatalog.Default.Communes.First(c => c.Name == name);
            return Web.Features.Maps.CommuneMap.Project(commune.Latitude, commune.Longitude);
        }
    }

    [Fact]
    public async Task A_profile_shows_its_commune_on_a_small_map()
    {
        var company = await TestCompanies.PublishedAsync(site.Factory, (c, _) =>
        {
            c.CommuneCode = Lifou.Code;
            c.PostalCode = Lifou.PostalCodes[0];
        });

        var page = await PageAsync("/entreprises/" + company.Slug);

        var map = page.QuerySelector("svg[aria-labelledby^=carte-fiche]")!;
        Assert.Equal("Situation : Lifou", map.QuerySelector("title")!.TextContent);
        Assert.Single(map.QuerySelectorAll("circle.map-marker"));
        Assert.Contains("Lifou", map.TextContent, StringComparison.Ordinal);
        Assert.Empty(map.QuerySelectorAll("a"));
    }
}
