using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Companies;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>
/// The services list as buyers and companies meet it: the search's service filter and its facet, the profile's
/// services, the profile form, the API, the open data.
/// </summary>
public sealed class ServicesCatalogueTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Two companies that share a made-up word, one with the drone service ticked.</summary>
    private async Task<(Company WithDrone, Company Without, string Word)> TwoCompaniesAsync()
    {
        var word = "Zorblat" + TestCompanies.Unique();
        var withDrone = await TestCompanies.PublishedAsync(site.Factory, (c, _) => { c.DescriptionFr = $"Vidéo {word}."; c.ServiceCodes = ["drone", "tournage-video"]; c.Services = ["films sous-marins"]; });
        var without = await TestCompanies.PublishedAsync(site.Factory, (c, _) => c.DescriptionFr = $"Studio {word}.");
        await site.IndexedAsync();
        return (withDrone, without, word);
    }

    [Fact]
    public async Task The_service_filter_keeps_the_companies_that_ticked_it_and_its_facet_counts_them()
    {
        var (withDrone, without, word) = await TwoCompaniesAsync();

        var all = await GetAsync($"/recherche?q={word}");
        var facet = all.QuerySelectorAll("fieldset.facet").Single(f => f.QuerySelector("legend")!.TextContent.Trim() == "Services proposés");
        var drone = facet.QuerySelector<IHtmlInputElement>("input[name=service][value=drone]")!;
        Assert.False(drone.IsChecked);
        Assert.Contains("Prises de vue par drone", drone.ParentElement!.QuerySelector($"label[for='{drone.Id}']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("(1)", facet.QuerySelector($"label[for='{drone.Id}']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, Slugs(all).Count);

        var filtered = await GetAsync($"/recherche?q={word}&service=drone");
        Assert.Equal([withDrone.Slug], Slugs(filtered));
        Assert.True(filtered.QuerySelector<IHtmlInputElement>("input[name=service][value=drone]")!.IsChecked);
        Assert.DoesNotContain(without.Slug, Slugs(filtered));
    }

    [Theory]
    [InlineData("pas-un-service")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("")]
    public async Task An_unknown_service_in_the_address_is_no_error(string value)
    {
        var response = await site.Factory.CreateClient().GetAsync($"/recherche?service={Uri.EscapeDataString(value)}", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_profile_links_each_service_of_the_list_to_its_companies_and_its_own_words_to_a_search()
    {
        var (withDrone, _, _) = await TwoCompaniesAsync();

        var page = await GetAsync($"/entreprises/{withDrone.Slug}");

        var links = page.QuerySelectorAll("section[aria-labelledby=titre-services] li a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Equal(("Prises de vue par drone", "/recherche?service=drone"), links[0]);
        Assert.Equal(("Tournage vidéo", "/recherche?service=tournage-video"), links[1]);
        Assert.Equal("films sous-marins", links[2].Item1);
        Assert.StartsWith("/recherche?q=", links[2].Item2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_offers_the_services_of_the_company_s_activities_first_and_ticks_the_free_text_the_list_has()
    {
        var company = (await TestCompanies.PublishedAsync(site.Factory)).Id;
        var owner = await AccountForms.MemberClientAsync(site.Factory, $"services{TestCompanies.Unique()}@editeurs-test.nc", company);
        var url = $"/mon-espace/entreprises/{company}/modifier";
        var page = await DirectoryWebFactory.ParseAsync(await owner.GetAsync(url, Cancel));

        // A0405 (custom development) and A0901 (web agencies): their services lead.
        var first = page.QuerySelector("#services-liste fieldset")!;
        Assert.Equal("Pour vos activités", first.QuerySelector("legend")!.TextContent.Trim());
        var offered = first.QuerySelectorAll("input[type=checkbox]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Contains("site-vitrine", offered);
        Assert.Contains("referencement", offered);
        Assert.DoesNotContain("cablage", offered);
        // Each service is offered once.
        var everyBox = page.QuerySelectorAll("#services-liste input[type=checkbox]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal(Core.Taxonomy.TaxonomyCatalog.Default.Services.Count, everyBox.Distinct().Count());
        Assert.Equal(everyBox.Count, everyBox.Distinct().Count());

        var form = page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.GetAttribute("action") == url);
        var saved = await ProfileForms.PostAsync(owner, form,
            ("Input.Activities.ServiceCodes", "cablage"), ("Input.Activities.Services", "Création de sites internet\nfilms sous-marins"));
        Assert.True(saved.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther, saved.StatusCode.ToString());

        var stored = await site.Factory.WithDatabaseAsync(db => db.Companies.AsNoTracking().SingleAsync(c => c.Id == company, Cancel));
        Assert.Equal(["cablage", "site-vitrine"], stored.ServiceCodes);
        Assert.Equal(["films sous-marins"], stored.Services);
        var again = await DirectoryWebFactory.ParseAsync(await owner.GetAsync(url, Cancel));
        Assert.Equal(["site-vitrine", "cablage"], again.QuerySelectorAll("#services-liste input:checked").Select(i => i.GetAttribute("value")));
    }

    [Fact]
    public async Task An_unknown_service_posted_with_the_form_is_refused_with_a_french_message_and_nothing_is_lost()
    {
        var company = (await TestCompanies.PublishedAsync(site.Factory)).Id;
        var owner = await AccountForms.MemberClientAsync(site.Factory, $"services{TestCompanies.Unique()}@editeurs-test.nc", company);
        var url = $"/mon-espace/entreprises/{company}/modifier";
        var form = (await DirectoryWebFactory.ParseAsync(await owner.GetAsync(url, Cancel))).QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.GetAttribute("action") == url);

        var response = await ProfileForms.PostAsync(owner, form, ("Input.Activities.ServiceCodes", "fabrication-de-pirogues"), ("Input.Identity.TradeName", "Nom gardé"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await DirectoryWebFactory.ParseAsync(response);
        Assert.Contains("fabrication-de-pirogues", string.Join(" / ", page.QuerySelectorAll(".field-error").Select(e => e.TextContent)), StringComparison.Ordinal);
        Assert.Equal("Nom gardé", page.QuerySelector<IHtmlInputElement>("[name='Input.Identity.TradeName']")!.Value);
    }

    [Fact]
    public async Task The_api_filters_by_service_returns_the_services_and_lists_the_catalogue()
    {
        var (withDrone, _, word) = await TwoCompaniesAsync();
        var client = site.Factory.CreateClient();

        using var search = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/recherche?q={word}&service=drone", Cancel));
        Assert.Equal([withDrone.Slug], search.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("slug").GetString()));

        using var profile = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/entreprises/{withDrone.Slug}", Cancel));
        Assert.Equal(["drone", "tournage-video"], profile.RootElement.GetProperty("catalogueServices").EnumerateArray().Select(s => s.GetProperty("code").GetString()));
        Assert.Equal(["films sous-marins"], profile.RootElement.GetProperty("services").EnumerateArray().Select(s => s.GetString()));

        using var typology = JsonDocument.Parse(await client.GetStringAsync("/api/v1/typologie", Cancel));
        var services = typology.RootElement.GetProperty("services").EnumerateArray().ToList();
        Assert.InRange(services.Count, 80, 150);
        var drone = services.Single(s => s.GetProperty("code").GetString() == "drone");
        Assert.Equal(("Prises de vue par drone", "Drone filming and photography"), (drone.GetProperty("labelFr").GetString(), drone.GetProperty("labelEn").GetString()));
        Assert.Contains("A0702", drone.GetProperty("activities").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task The_statistics_have_a_table_of_services_and_a_segment_of_a_service()
    {
        await TwoCompaniesAsync();

        var page = await GetAsync("/statistiques");
        var table = page.QuerySelector("section[aria-labelledby=stat-service]")!;
        Assert.StartsWith("Services proposés", table.QuerySelector("h2")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains(table.QuerySelectorAll("tbody th"), th => th.TextContent == "Prises de vue par drone");
        Assert.Contains(page.QuerySelectorAll("nav a"), a => a.GetAttribute("href") == "#stat-service");

        using var api = JsonDocument.Parse(await site.Factory.CreateClient().GetStringAsync("/api/v1/statistiques?service=drone", Cancel));
        var services = api.RootElement.GetProperty("distributions").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "service");
        // Every company of the segment has the drone service (a public count may be withheld when small).
        var drone = services.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("code").GetString() == "drone");
        var total = api.RootElement.GetProperty("total");
        static long? Count(JsonElement cell) => cell.GetProperty("withheld").GetBoolean() ? null : cell.GetProperty("count").GetInt64();
        if (Count(total) is { } shown && Count(drone) is { } droneCount)
        {
            Assert.Equal(shown, droneCount);
        }
    }

    private async Task<AngleSharp.Dom.IDocument> GetAsync(string url)
    {
        var response = await site.Factory.CreateClient().GetAsync(url, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await DirectoryWebFactory.ParseAsync(response);
    }

    private static List<string> Slugs(AngleSharp.Dom.IDocument page) =>
        [.. page.QuerySelectorAll("article.card h3.card-title a").Select(a => a.GetAttribute("href")!.Split('/').Last())];
}
