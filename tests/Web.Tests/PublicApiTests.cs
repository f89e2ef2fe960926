using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Web.Features.Search;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;

namespace AnnuaireFiliere.Web.Tests;

/// <summary><c>/api/v1</c>: the same search as the page, profiles, typology, and the HTTP manners of a public API.</summary>
public sealed class PublicApiTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<JsonElement> JsonAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await site.Factory.CreateClient().GetAsync(url, Cancel);
        Assert.Equal(expected, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task Search_answers_what_the_page_shows_for_the_same_parameters()
    {
        var all = await site.SearchAsync(new SearchRequest());
        var province = all.Facet(FacetNames.Province).Values.First(v => v.Count > 0).Code;
        var expected = await site.SearchAsync(new SearchRequest { Text = "web", Provinces = [province], PageSize = 5 });

        var json = await JsonAsync($"/api/v1/recherche?q=web&province={province}&par_page=5");

        Assert.Equal(expected.Total, json.GetProperty("total").GetInt64());
        Assert.Equal(expected.Hits.Select(h => h.Slug), json.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("slug").GetString()));
        var facet = json.GetProperty("facets").EnumerateArray().Single(f => f.GetProperty("parameter").GetString() == "province");
        Assert.True(facet.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("code").GetString() == province).GetProperty("selected").GetBoolean());
        Assert.StartsWith("http://localhost/entreprises/", json.GetProperty("hits")[0].GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_near_a_commune_answers_what_the_engine_finds_for_it()
    {
        var expected = await site.SearchAsync(new SearchRequest { Text = "web", Near = "98811", RadiusKm = 50, PageSize = 5 });
        var everywhere = await site.SearchAsync(new SearchRequest { Text = "web" });

        var json = await JsonAsync("/api/v1/recherche?q=web&proche=98811&rayon=50&par_page=5");

        Assert.Equal(expected.Total, json.GetProperty("total").GetInt64());
        Assert.True(expected.Total < everywhere.Total, "some companies work only far from Koné");
        Assert.Equal(expected.Hits.Select(h => h.Slug), json.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("slug").GetString()));
    }

    [Theory]
    [InlineData("/api/v1/recherche?secteur=inconnu", "secteur")]
    [InlineData("/api/v1/recherche?page=-2", "page")]
    [InlineData("/api/v1/recherche?tri=hasard", "tri")]
    [InlineData("/api/v1/recherche?par_page=500", "par_page")]
    [InlineData("/api/v1/recherche?annee_min=deux-mille", "annee_min")]
    [InlineData("/api/v1/recherche?proche=99999", "proche")]
    [InlineData("/api/v1/recherche?proche=98811&rayon=30", "rayon")]
    [InlineData("/api/v1/statistiques?proche=98811", "proche")]
    [InlineData("/api/v1/statistiques?taille=geant", "taille")]
    [InlineData("/api/v1/statistiques/evolution?points=100", "points")]
    [InlineData("/api/v1/statistiques/evolution?points=trois", "points")]
    [InlineData("/api/v1/statistiques/evolution?q=web", "q")]
    public async Task Invalid_parameters_are_a_french_problem_document_naming_the_parameter(string url, string parameter)
    {
        var response = await site.Factory.CreateClient().GetAsync(url, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("Paramètres invalides", problem.RootElement.GetProperty("title").GetString());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Fact]
    public async Task A_profile_is_found_by_slug_and_by_ridet_without_the_contact_person()
    {
        var company = await TestCompanies.PublishedAsync(site.Factory);   // with a RIDET number and a contact person

        var bySlug = await JsonAsync($"/api/v1/entreprises/{company.Slug}");
        var byRidet = await JsonAsync($"/api/v1/entreprises/{company.Ridet}");
        var byCompanyNumber = await JsonAsync($"/api/v1/entreprises/{company.Ridet!.Value.Rid}");

        Assert.Equal(company.DisplayName, bySlug.GetProperty("name").GetString());
        Assert.Equal(company.Slug, byRidet.GetProperty("slug").GetString());
        Assert.Equal(company.Ridet.Value.Rid, byCompanyNumber.GetProperty("ridet").GetString()![..company.Ridet.Value.Rid.Length]);
        Assert.DoesNotContain(company.Contact.Name!, bySlug.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(company.PrimaryActivityCode, bySlug.GetProperty("activities")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unknown_or_unpublished_company_is_a_french_404_problem()
    {
        var draft = await TestCompanies.AddAsync(site.Factory, PublicationStatus.Draft);
        foreach (var id in new[] { draft.Slug, "nexiste-pas", "9999999.999" })
        {
            var problem = await JsonAsync($"/api/v1/entreprises/{id}", HttpStatusCode.NotFound);
            Assert.Equal("Entreprise introuvable", problem.GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task The_typology_lists_every_code_the_search_accepts()
    {
        var json = await JsonAsync("/api/v1/typologie");

        var taxonomy = Core.Taxonomy.TaxonomyCatalog.Default;
        Assert.Equal(taxonomy.Sectors.Count, json.GetProperty("sectors").GetArrayLength());
        Assert.Equal(taxonomy.Activities.Count, json.GetProperty("sectors").EnumerateArray().Sum(s => s.GetProperty("activities").GetArrayLength()));
        Assert.Equal(taxonomy.Communes.Count, json.GetProperty("provinces").EnumerateArray().Sum(p => p.GetProperty("communes").GetArrayLength()));
        Assert.Equal(ECommerceCapabilities.All, json.GetProperty("eCommerce").EnumerateArray().Select(e => e.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Answers_carry_an_etag_and_a_known_one_gets_304()
    {
        var client = site.Factory.CreateClient();
        var first = await client.GetAsync("/api/v1/typologie", Cancel);
        var etag = first.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/typologie");
        again.Headers.IfNoneMatch.Add(etag);
        var second = await client.SendAsync(again, Cancel);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync(Cancel));
        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/v1/typologie");
        other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"autre\"", isWeak: true));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(other, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Other_sites_may_read_the_api_from_a_browser()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/typologie");
        request.Headers.Add("Origin", "https://observatoire.example.nc");
        var response = await site.Factory.CreateClient().SendAsync(request, Cancel);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Past_the_rate_limit_a_client_gets_429_with_retry_after_in_french()
    {
        await using var factory = new LimitedFactory();
        var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/typologie", Cancel)).StatusCode);
        }

        var refused = await client.GetAsync("/api/v1/typologie", Cancel);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("Trop de demandes", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/recherche", Cancel)).StatusCode); // the site itself is not limited
    }

    private sealed class LimitedFactory : DirectoryWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Api:RequestsPerMinute", "3");
        }
    }

    [Fact]
    public async Task The_api_says_how_it_read_the_text()
    {
        var setAside = await JsonAsync("/api/v1/recherche?q=informatique+zorglubissime");
        Assert.Equal(["zorglubissime"], setAside.GetProperty("setAside").EnumerateArray().Select(w => w.GetString()));

        var corrected = await JsonAsync("/api/v1/recherche?q=informatiqeu");
        var correction = Assert.Single(corrected.GetProperty("corrections").EnumerateArray());
        Assert.Equal(("informatiqeu", "informatique"), (correction.GetProperty("typed").GetString(), correction.GetProperty("corrected").GetString()));
        Assert.Empty((await JsonAsync("/api/v1/recherche?q=informatiqeu&sans_correction=1")).GetProperty("corrections").EnumerateArray());

        var widened = await JsonAsync("/api/v1/recherche?q=informatique+photographie+drone&par_page=50");
        Assert.Equal(JsonValueKind.Number, widened.GetProperty("exactTotal").ValueKind);
        Assert.Contains(widened.GetProperty("hits").EnumerateArray(), h => h.GetProperty("missingWords").GetArrayLength() > 0);
    }

    [Fact]
    public async Task The_openapi_document_is_valid_and_describes_what_the_endpoints_return()
    {
        var stream = await site.Factory.CreateClient().GetStreamAsync("/openapi/v1.json", Cancel);
        var read = await OpenApiDocument.LoadAsync(stream, "json", cancellationToken: Cancel);

        Assert.Empty(read.Diagnostic!.Errors);
        var document = read.Document!;
        Assert.Equal(["/api/v1/recherche", "/api/v1/entreprises/{id}", "/api/v1/typologie", "/api/v1/statistiques/instantanes", "/api/v1/statistiques", "/api/v1/statistiques/besoins", "/api/v1/statistiques/evolution", "/api/v1/enquetes", "/api/v1/enquetes/{id}", "/api/v1/donnees"], document.Paths.Keys);
        var search = document.Paths["/api/v1/recherche"].Operations![HttpMethod.Get];
        var parameters = search.Parameters!.Select(p => p.Name!).ToHashSet();
        Assert.Superset(Core.Search.FacetCatalog.All.Select(f => f.Parameter).Concat(["q", "annee_min", "annee_max", "proche", "rayon", "tri", "page", "par_page"]).ToHashSet(), parameters);
        Assert.All(document.Paths.Values.SelectMany(p => p.Operations!.Values).SelectMany(o => o.Parameters ?? []), p => Assert.False(string.IsNullOrWhiteSpace(p.Description), $"{p.Name} has no description"));
        Assert.All(document.Paths.Values.SelectMany(p => p.Operations!.Values), o => Assert.False(string.IsNullOrWhiteSpace(o.Summary)));

        var schema = search.Responses!["200"].Content!["application/json"].Schema!;
        var actual = await JsonAsync("/api/v1/recherche?q=web");
        Assert.Equal(schema.Properties!.Keys.Order(), actual.EnumerateObject().Select(p => p.Name).Order());
        var hit = schema.Properties["hits"].Items!;
        Assert.Equal(hit.Properties!.Keys.Order(), actual.GetProperty("hits")[0].EnumerateObject().Select(p => p.Name).Order());

        var statistics = document.Paths["/api/v1/statistiques"].Operations![HttpMethod.Get];
        Assert.Superset(Core.Search.FacetCatalog.All.Select(f => f.Parameter).Concat(["q", "annee_min", "annee_max", "instantane"]).ToHashSet(), statistics.Parameters!.Select(p => p.Name!).ToHashSet());
        var figures = statistics.Responses!["200"].Content!["application/json"].Schema!;
        var answer = await JsonAsync("/api/v1/statistiques?province=sud");
        Assert.Equal(figures.Properties!.Keys.Order(), answer.EnumerateObject().Select(p => p.Name).Order());
        var table = figures.Properties["distributions"].Items!;
        Assert.Equal(table.Properties!.Keys.Order(), answer.GetProperty("distributions")[0].EnumerateObject().Select(p => p.Name).Order());

        var evolution = document.Paths["/api/v1/statistiques/evolution"].Operations![HttpMethod.Get];
        Assert.Contains("points", evolution.Parameters!.Select(p => p.Name));
        var seriesSchema = evolution.Responses!["200"].Content!["application/json"].Schema!;
        var series = await JsonAsync("/api/v1/statistiques/evolution?province=sud&points=3");
        Assert.Equal(seriesSchema.Properties!.Keys.Order(), series.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(seriesSchema.Properties["series"].Items!.Properties!.Keys.Order(), series.GetProperty("series")[0].EnumerateObject().Select(p => p.Name).Order());

        var openData = document.Paths["/api/v1/donnees"].Operations![HttpMethod.Get].Responses!["200"].Content!["application/json"].Schema!;
        var files = await JsonAsync("/api/v1/donnees");
        Assert.Equal(openData.Properties!.Keys.Order(), files.EnumerateObject().Select(p => p.Name).Order());
        var file = openData.Properties["files"].Items!;
        Assert.Equal(file.Properties!.Keys.Order(), files.GetProperty("files")[0].EnumerateObject().Select(p => p.Name).Order());
        Assert.True(file.Properties["gzipBytes"].Type!.Value.HasFlag(JsonSchemaType.Null)); // null for an extract written without gzip copies
    }

    [Theory]
    [InlineData(null, "fr", "Référence de l'API publique", "Rechercher des entreprises (mêmes paramètres que /recherche)", "Code de province : sud, nord, iles (répétable).")]
    [InlineData("en", "en", "Public API reference", "Search companies (the same parameters as /recherche)", "Province code: sud, nord, iles (repeatable).")]
    public async Task The_api_reference_is_a_page_of_the_site_in_its_language_read_from_the_openapi_document(
        string? language, string lang, string heading, string searchSummary, string provinceDescription)
    {
        var client = site.Factory.CreateClient();
        using var request = DirectoryWebFactory.Get("/api/reference", language);
        using var openApi = DirectoryWebFactory.Get("/openapi/v1.json", language);

        var response = await client.SendAsync(request, Cancel);
        var document = (await OpenApiDocument.LoadAsync(await (await client.SendAsync(openApi, Cancel)).Content.ReadAsStreamAsync(Cancel), "json", cancellationToken: Cancel)).Document!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await DirectoryWebFactory.ParseAsync(response);
        Assert.Equal(lang, page.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(page.QuerySelector("header.site-header a.brand[href='/']")); // the site's header, and the way home
        Assert.Equal(heading, page.QuerySelector("h1")!.TextContent);
        Assert.Equal(searchSummary, page.QuerySelector("#op-rechercher + .api-summary")!.TextContent);
        Assert.Contains(provinceDescription, page.QuerySelector("#parametres-recherche")!.ParentElement!.TextContent, StringComparison.Ordinal);
        // Every operation of the document (in the same language), each with its answers and the fields of what it answers.
        var operations = document.Paths.SelectMany(p => p.Value.Operations!.Select(o => (Path: p.Key, o.Value))).ToList();
        Assert.Equal(operations.Select(o => $"GET {o.Path}"), page.QuerySelectorAll("section.api-operation h2 code").Select(c => c.TextContent));
        foreach (var (_, operation) in operations)
        {
            Assert.Contains(operation.Summary!, page.Body!.TextContent, StringComparison.Ordinal);
        }
        Assert.All(page.QuerySelectorAll("a[href^='#objet-']"), link => Assert.NotNull(page.GetElementById(link.GetAttribute("href")![1..])));
        Assert.All(page.QuerySelectorAll("nav#sommaire a"), link => Assert.NotNull(page.GetElementById(link.GetAttribute("href")![1..])));
        Assert.NotNull(page.QuerySelector("a[href='/openapi/v1.json']"));
        // Nothing inline: the site's strict policy holds here as everywhere.
        Assert.DoesNotContain("unsafe-inline", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("script:not([src]), [style]"));
        Assert.NotEqual(true, response.Headers.CacheControl?.Public); // a page: its forms carry a token, no shared cache keeps it
    }

    [Fact]
    public async Task The_examples_of_the_api_reference_answer()
    {
        var client = site.Factory.CreateClient();
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/api/reference", Cancel));

        var examples = page.QuerySelectorAll("section.api-operation a").Where(a => a.TextContent == "Ouvrir dans le navigateur").Select(a => a.GetAttribute("href")!).ToList();

        Assert.Contains("/api/v1/recherche?q=site%20internet&province=sud&par_page=5", examples);
        Assert.Equal(8, examples.Count); // every operation but the profile and a survey's results, whose addresses need an identifier
        foreach (var example in examples)
        {
            var response = await client.GetAsync(example, Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{example}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_former_address_of_the_api_reference_leads_to_it()
    {
        var client = site.Factory.CreateBrowserLikeClient();

        var response = await client.GetAsync("/api/reference/index.html", Cancel);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/api/reference", response.Headers.Location!.OriginalString);
    }
}
