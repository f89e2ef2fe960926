using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Web.Features.Search;

namespace AnnuaireFiliere.Web.Tests;

/// <summary><c>/recherche</c> read through its HTML: every parameter, and query strings nobody should send.</summary>
public sealed class SearchPageTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<IHtmlDocument> PageAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await site.Factory.CreateBrowserLikeClient().GetAsync(url, Cancel);
        Assert.Equal(expected, response.StatusCode);
        return await DirectoryWebFactory.ParseAsync(response);
    }

    private static int Total(IHtmlDocument page) => SiteFixture.Digits(page.QuerySelector("#titre-resultats")!.TextContent);

    [Fact]
    public async Task A_word_no_company_has_is_set_aside_and_the_page_says_so()
    {
        var page = await PageAsync("/recherche?q=informatique+zorglubissime");

        Assert.True(Total(page) > 0);
        Assert.Contains("Aucune entreprise n'a le mot « zorglubissime »", page.QuerySelector(".search-reading")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_word_is_read_as_the_closest_one_and_the_page_offers_the_text_as_typed()
    {
        var page = await PageAsync("/recherche?q=informatiqeu");

        Assert.True(Total(page) > 0);
        var reading = page.QuerySelector(".search-reading")!;
        Assert.Contains("Résultats pour « informatique »", reading.TextContent, StringComparison.Ordinal);
        var asTyped = reading.QuerySelector<IHtmlAnchorElement>("a")!;
        Assert.Equal("/recherche?q=informatiqeu&sans_correction=1", asTyped.GetAttribute("href"));
        Assert.Equal(0, Total(await PageAsync(asTyped.GetAttribute("href")!)));
    }

    [Fact]
    public async Task A_place_in_the_text_ranks_its_companies_first_and_is_a_criterion_one_can_remove()
    {
        var all = await site.SearchAsync(new SearchRequest { Text = "informatique " });
        var commune = all.Hits.Select(h => h.CommuneCode).First(c => c != "98818");
        var name = Core.Taxonomy.TaxonomyCatalog.Default.FindCommune(commune)!.LabelFr;

        var page = await PageAsync("/recherche?q=" + Uri.EscapeDataString("informatique " + name));

        var first = page.QuerySelector("ol.cards .card-place")!.TextContent;
        Assert.Contains(name, first, StringComparison.Ordinal);
        var chip = page.QuerySelector<IHtmlAnchorElement>(".search-reading a.chip")!;
        Assert.Contains($"près de {name}", chip.TextContent, StringComparison.Ordinal);
        Assert.Equal("/recherche?q=informatique", chip.GetAttribute("href"));
    }

    /// <summary>
    /// Four companies with a word of their own: in Koné (working there only), in Hienghène (42 km from Koné, working there only), in Nouméa working in the North province, in Nouméa working in Nouméa only.
    /// </summary>
    private async Task<string> NearbyCompaniesAsync()
    {
        var word = "prox" + string.Concat(TestCompanies.Unique().ToString(CultureInfo.InvariantCulture).Select(d => (char)('a' + d - '0')));
        async Task Add(string commune, Core.Companies.ServiceArea area) => await TestCompanies.PublishedAsync(site.Factory, (c, _) =>
        {
            c.CommuneCode = commune;
            c.PostalCode = Core.Taxonomy.TaxonomyCatalog.Default.FindCommune(commune)!.PostalCodes[0];
            c.ServiceArea = area;
            c.DescriptionFr = $"Spécialiste {word}.";
        });
        await Add("98811", new() { CommuneCodes = ["98811"] });
        await Add("98807", new() { CommuneCodes = ["98807"] });
        await Add("98818", new() { ProvinceCodes = ["nord"] });
        await Add("98818", new() { CommuneCodes = ["98818"] });
        return word;
    }

    [Fact]
    public async Task Near_a_commune_keeps_the_companies_within_the_radius_or_working_there_with_a_removable_chip()
    {
        var word = await NearbyCompaniesAsync();

        Assert.Equal(4, Total(await PageAsync($"/recherche?q={word}")));
        var page = await PageAsync($"/recherche?q={word}&proche=98811");
        Assert.Equal(2, Total(page));   // Koné, and Nouméa working in the North
        Assert.Equal(3, Total(await PageAsync($"/recherche?q={word}&proche=98811&rayon=50")));   // and Hienghène
        Assert.Equal(1, Total(await PageAsync($"/recherche?q={word}&proche=98811&rayon=50&commune=98807")));

        var chip = page.QuerySelectorAll<IHtmlAnchorElement>(".chips a.chip").Single(a => a.TextContent.Contains("km", StringComparison.Ordinal));
        Assert.Contains("À moins de 25 km de Koné", chip.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/recherche?q={word}", chip.GetAttribute("href"));
        Assert.Equal("98811", page.QuerySelector<IHtmlSelectElement>("select#proche")!.Value);
        Assert.Equal("25", page.QuerySelector<IHtmlSelectElement>("select#rayon")!.Value);
        Assert.Equal(3, page.QuerySelectorAll("select#proche optgroup").Length);
        Assert.Equal(33, page.QuerySelectorAll("select#proche optgroup option").Length);
        Assert.Equal($"{word}&proche=98811&rayon=50", new Uri("http://x" + (await PageAsync($"/recherche?q={word}&rayon=50&proche=98811")).QuerySelector("link[rel=canonical]")!.GetAttribute("href")!, UriKind.Absolute).Query.Split("q=")[1]);
    }

    [Fact]
    public async Task A_near_search_that_finds_nothing_proposes_to_drop_the_distance()
    {
        var word = await NearbyCompaniesAsync();

        var page = await PageAsync($"/recherche?q={word}&proche=98814&rayon=10");   // Lifou: none of them works there

        Assert.Equal(0, Total(page));
        var proposal = page.QuerySelectorAll(".no-hits .relaxations li").Single(li => li.TextContent.Contains("km de Lifou", StringComparison.Ordinal));
        Assert.Contains("sans « À moins de 10 km de Lifou »", proposal.TextContent, StringComparison.Ordinal);
        Assert.Equal(4, Total(await PageAsync(proposal.QuerySelector("a")!.GetAttribute("href")!)));
    }

    [Fact]
    public async Task A_commune_named_in_the_text_offers_to_keep_only_the_companies_near_it()
    {
        var word = await NearbyCompaniesAsync();

        var page = await PageAsync("/recherche?q=" + Uri.EscapeDataString($"{word} près de Koné"));

        var offer = page.QuerySelectorAll<IHtmlAnchorElement>(".search-reading a").Single(a => a.TextContent.StartsWith("Seulement", StringComparison.Ordinal));
        Assert.Equal("Seulement à moins de 25 km de Koné", offer.TextContent.Trim());
        Assert.Equal($"/recherche?q={word}&proche=98811", offer.GetAttribute("href"));
        var near = await PageAsync(offer.GetAttribute("href")!);
        Assert.Equal(2, Total(near));
        Assert.DoesNotContain(near.QuerySelectorAll(".search-reading a"), a => a.TextContent.StartsWith("Seulement", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/recherche?q=&proche=&rayon=25", "/recherche")]
    [InlineData("/recherche?proche=98811&rayon=25", "/recherche?proche=98811")]
    [InlineData("/recherche?secteur=S04&proche=&rayon=50", "/recherche?secteur=S04")]
    public async Task A_plain_form_submission_near_a_commune_is_redirected_to_the_clean_address(string url, string clean)
    {
        var response = await site.Factory.CreateBrowserLikeClient().GetAsync(url, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(clean, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_statistics_say_they_set_a_commune_to_be_near_aside()
    {
        var page = await PageAsync("/statistiques?proche=98811&province=nord");

        Assert.Contains("pas par distance", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Companies_with_only_some_of_the_words_follow_under_their_own_heading()
    {
        var page = await PageAsync("/recherche?q=" + Uri.EscapeDataString("informatique photographie drone"));

        var partial = page.QuerySelectorAll("#resultats-approchants + ol.cards > li");
        Assert.NotEmpty(partial);
        Assert.All(partial, card => Assert.StartsWith("Sans « ", card.QuerySelector(".missing-words")!.TextContent.Trim(), StringComparison.Ordinal));
        Assert.Matches("(ont|n'a) tous les mots", page.QuerySelector(".search-reading")!.TextContent);
    }

    [Fact]
    public async Task Without_parameters_it_lists_every_published_company_with_all_facets()
    {
        var page = await PageAsync("/recherche");

        Assert.Equal(await site.PublishedCountAsync(), Total(page));
        Assert.Equal(SearchRequest.DefaultPageSize, page.QuerySelectorAll("ol.cards > li").Length);
        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        foreach (var parameter in new[] { "secteur", "province", "taille", "ecommerce", "forme", "langue" })
        {
            Assert.NotEmpty(page.QuerySelectorAll($".facets input[name={parameter}]"));
        }
        Assert.NotNull(page.QuerySelector("input#annee_min"));
        Assert.NotNull(page.QuerySelector("link[rel=canonical]"));
    }

    [Theory]
    [InlineData(FacetNames.Sector)]
    [InlineData(FacetNames.Province)]
    [InlineData(FacetNames.SizeBand)]
    [InlineData(FacetNames.LegalForm)]
    [InlineData(FacetNames.ECommerce)]
    [InlineData(FacetNames.Language)]
    [InlineData(FacetNames.Label)]
    [InlineData(FacetNames.Commune)]
    [InlineData(FacetNames.Activity)]
    public async Task Each_filter_parameter_narrows_to_its_facet_count_and_shows_a_removable_chip(string facet)
    {
        var all = await site.SearchAsync(new SearchRequest());
        var value = all.Facet(facet).Values.Where(v => v.Count > 0).OrderByDescending(v => v.Count).First();
        var parameter = Core.Search.FacetCatalog.Get(facet).Parameter;

        var page = await PageAsync($"/recherche?{parameter}={Uri.EscapeDataString(value.Code)}");

        Assert.Equal(value.Count, Total(page));
        var box = page.QuerySelectorAll<IHtmlInputElement>($".facets input[name={parameter}]").Single(i => i.Value == value.Code);
        Assert.True(box.IsChecked);
        var chip = page.QuerySelector<IHtmlAnchorElement>(".chips a.chip:not(.chip-clear)")!;
        Assert.Contains(value.Label, chip.TextContent, StringComparison.Ordinal);
        Assert.Equal("/recherche", chip.GetAttribute("href"));
    }

    [Fact]
    public async Task Values_of_one_filter_add_up_and_different_filters_narrow()
    {
        var all = await site.SearchAsync(new SearchRequest());
        var provinces = all.Facet(FacetNames.Province).Values.Where(v => v.Count > 0).Take(2).ToList();
        var either = await PageAsync($"/recherche?province={provinces[0].Code}&province={provinces[1].Code}");
        Assert.Equal(provinces[0].Count + provinces[1].Count, Total(either));

        var narrowed = await PageAsync($"/recherche?province={provinces[0].Code}&ecommerce={ECommerceCapabilities.SellsOnline}");
        var expected = await site.SearchAsync(new SearchRequest { Provinces = [provinces[0].Code], ECommerce = [ECommerceCapabilities.SellsOnline] });
        Assert.Equal(expected.Total, Total(narrowed));
        Assert.True(Total(narrowed) < provinces[0].Count);
    }

    [Fact]
    public async Task Text_founding_years_sort_and_page_are_all_honoured()
    {
        SearchResult? expected = null;
        var text = string.Empty;
        foreach (var candidate in new[] { "développement", "logiciel", "web", "conseil", "services" })
        {
            (text, expected) = (candidate, await site.SearchAsync(new SearchRequest { Text = candidate, FoundedFrom = 1990, FoundedTo = 2025, Sort = SearchSort.Name, Page = 2 }));
            if (expected.Total > SearchRequest.DefaultPageSize)
            {
                break;
            }
        }
        Assert.True(expected!.Total > SearchRequest.DefaultPageSize, "the demo data should give two pages");

        var page = await PageAsync($"/recherche?q={Uri.EscapeDataString(text)}&annee_min=1990&annee_max=2025&tri=nom&page=2");

        Assert.Equal(expected.Total, Total(page));
        Assert.Equal(expected.Hits.Select(h => h.Name), page.QuerySelectorAll(".card-title a").Select(a => a.TextContent));
        Assert.Equal("nom", page.QuerySelector<IHtmlSelectElement>("select#tri")!.Value);
        Assert.Equal("1990", page.QuerySelector<IHtmlInputElement>("#annee_min")!.Value);
        Assert.Equal(text, page.QuerySelector<IHtmlInputElement>("#q")!.Value);
        Assert.Equal("page", page.QuerySelector(".pagination a[aria-current=page]")!.GetAttribute("aria-current"));
        Assert.Equal("2", page.QuerySelector(".pagination a[aria-current=page]")!.TextContent);
        Assert.NotEmpty(page.QuerySelectorAll(".snippet mark"));
    }

    [Fact]
    public async Task Links_on_the_page_carry_the_whole_state()
    {
        var page = await PageAsync("/recherche?q=web&province=sud&tri=nom");
        var next = page.QuerySelector<IHtmlAnchorElement>(".pagination a[rel=next]")!.GetAttribute("href");
        Assert.Equal("/recherche?q=web&province=sud&tri=nom&page=2", next);
        var clear = page.QuerySelector<IHtmlAnchorElement>(".chips a.chip-clear")!.GetAttribute("href");
        Assert.Equal("/recherche?q=web&tri=nom", clear);
    }

    [Fact]
    public async Task A_plain_form_submission_is_redirected_to_the_clean_address()
    {
        var response = await site.Factory.CreateBrowserLikeClient().GetAsync("/recherche?q=&secteur=S04&annee_min=&annee_max=&tri=pertinence", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/recherche?secteur=S04", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_search_that_finds_nothing_proposes_the_filters_to_remove_with_their_counts()
    {
        var all = await site.SearchAsync(new SearchRequest());
        var rareCommune = all.Facet(FacetNames.Commune).Values.Where(v => v.Count > 0).OrderBy(v => v.Count).First();
        var rareLabel = all.Facet(FacetNames.Label).Values.Where(v => v.Count > 0).First(l =>
            site.SearchAsync(new SearchRequest { Labels = [l.Code], Communes = [rareCommune.Code] }).Result.Total == 0);

        var page = await PageAsync($"/recherche?commune={rareCommune.Code}&label={Uri.EscapeDataString(rareLabel.Code)}");

        Assert.Equal(0, Total(page));
        Assert.Contains("Aucune entreprise", page.QuerySelector(".no-hits")!.TextContent, StringComparison.Ordinal);
        var proposals = page.QuerySelectorAll(".no-hits .relaxations li").ToList();
        Assert.Equal(2, proposals.Count);
        foreach (var proposal in proposals)
        {
            var link = proposal.QuerySelector("a")!.GetAttribute("href")!;
            var relaxed = await PageAsync(link);
            Assert.Equal(SiteFixture.Digits(proposal.TextContent.Split('—')[1]), Total(relaxed));
        }
    }

    [Fact]
    public async Task A_search_in_a_commune_that_finds_nothing_offers_the_nearest_communes_where_it_would()
    {
        var taxonomy = Core.Taxonomy.TaxonomyCatalog.Default;
        var islands = taxonomy.Communes.OrderByDescending(c => c.DistanceKm(taxonomy.FindCommune("98818")!)).First(); // far from Nouméa
        var word = "zorbl" + string.Concat(TestCompanies.Unique().ToString(CultureInfo.InvariantCulture).Select(d => (char)('a' + d - '0')));
        var near = taxonomy.NearestCommunes(islands).Select(n => n.Commune).Take(2).ToList();
        foreach (var commune in near)
        {
            await TestCompanies.PublishedAsync(site.Factory, (c, _) =>
            {
                c.CommuneCode = commune.Code;
                c.PostalCode = commune.PostalCodes.FirstOrDefault();
                c.ServiceArea = new Core.Companies.ServiceArea { WholeTerritory = false };
                c.DescriptionFr = $"Spécialiste {word}.";
            });
        }

        var page = await PageAsync($"/recherche?q={word}&commune={islands.Code}");

        Assert.Equal(0, Total(page));
        var offered = page.QuerySelectorAll(".no-hits .nearby li").ToList();
        Assert.Equal(near.Select(c => c.Name), offered.Select(li => li.QuerySelector("a")!.TextContent));
        Assert.Contains("km", offered[0].TextContent, StringComparison.Ordinal);
        var there = await PageAsync(offered[0].QuerySelector("a")!.GetAttribute("href")!);
        Assert.Equal(1, Total(there));
        Assert.Equal(1, SiteFixture.Digits(offered[0].TextContent.Split('—')[1]));
    }

    [Fact]
    public async Task A_search_that_finds_nothing_leads_on_to_the_sectors_and_offers_nothing_empty()
    {
        var page = await PageAsync("/recherche?q=zzqxwv+kkjjyy");

        Assert.Equal(0, Total(page));
        var sectors = page.QuerySelectorAll(".no-hits .sector-links a").ToList();
        Assert.Equal(Core.Taxonomy.TaxonomyCatalog.Default.Sectors.Count, sectors.Count);
        var first = await PageAsync(sectors[0].GetAttribute("href")!);
        Assert.True(Total(first) > 0);
        Assert.Null(page.QuerySelector(".results-stats"));
        Assert.Null(page.QuerySelector(".facet-years"));
        Assert.Null(page.QuerySelector("select#tri")); // nothing to sort
    }

    [Theory]
    [InlineData("/recherche?secteur=inconnu", "secteur = inconnu")]
    [InlineData("/recherche?page=-4", "-4")]
    [InlineData("/recherche?page=abc", "abc")]
    [InlineData("/recherche?page=99999999999999", "99999999999999")]
    [InlineData("/recherche?page=1000000", "500")]
    [InlineData("/recherche?tri=aleatoire", "aleatoire")]
    [InlineData("/recherche?annee_min=douze", "douze")]
    [InlineData("/recherche?annee_max=99999", "99999")]
    [InlineData("/recherche?taille=geant", "taille = geant")]
    [InlineData("/recherche?ecommerce=%3Cscript%3E", "ecommerce = <script>")]
    [InlineData("/recherche?proche=99999", "proche = 99999")]
    [InlineData("/recherche?proche=Kon%C3%A9", "proche = Koné")]
    [InlineData("/recherche?proche=98811&rayon=30", "« 30 »")]
    [InlineData("/recherche?proche=98811&rayon=-1e9", "« -1e9 »")]
    public async Task Bad_parameters_give_the_default_with_a_french_notice(string url, string echoed)
    {
        var page = await PageAsync(url);

        var notice = page.QuerySelector(".notice")!.TextContent;
        Assert.Contains(echoed, notice, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#titre-resultats"));
    }

    public static TheoryData<string> HostileQueries() =>
    [
        "/recherche?q=" + new string('a', 10_000),
        "/recherche?q=" + Uri.EscapeDataString(string.Concat(Enumerable.Repeat("développement ", 800))),
        "/recherche?q=%22%22%22((((*?:\\~^[]{}AND OR NOT",
        "/recherche?q=*",
        "/recherche?q=-web+%2Bmobile+title%3Ax",
        "/recherche?q=%00%01%02",
        "/recherche?q=%FF%FE",
        "/recherche?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/recherche?q=" + Uri.EscapeDataString("🙂 émoji 中文"),
        "/recherche?" + string.Join('&', Enumerable.Range(0, 200).Select(i => $"secteur=S{i:00}")),
        "/recherche?" + string.Join('&', Enumerable.Range(0, 100).Select(i => $"label=l{i}")),
        "/recherche?label=" + new string('x', 5000),
        "/recherche?annee_min=2020&annee_max=1990",
        "/recherche?annee_min=-1&annee_max=1e9",
        "/recherche?page=0",
        "/recherche?page=2147483648",
        "/recherche?tri=&page=&q=",
        "/recherche?Q=Web&SECTEUR=S04",
        "/recherche?inconnu=1&autre",
        "/recherche?q=web&page=500",
        "/recherche?proche=" + new string('9', 5000) + "&rayon=" + new string('9', 5000),
        "/recherche?proche=98811&proche=98818&rayon=10&rayon=100",
    ];

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task Hostile_query_strings_never_cause_a_server_error(string url)
    {
        var response = await site.Factory.CreateBrowserLikeClient().GetAsync(url, Cancel);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{(int)response.StatusCode} for {url[..Math.Min(80, url.Length)]}");
        var html = await response.Content.ReadAsStringAsync(Cancel);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_very_long_text_is_shortened_and_said_so()
    {
        var page = await PageAsync("/recherche?q=" + new string('a', 10_000));

        Assert.Equal(SearchRequest.MaxTextLength, page.QuerySelector<IHtmlInputElement>("#q")!.Value.Length);
        Assert.Contains("raccourci", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_past_the_end_shows_the_last_page()
    {
        var expected = await site.SearchAsync(new SearchRequest { Text = "web" });
        var last = (int)((expected.Total + SearchRequest.DefaultPageSize - 1) / SearchRequest.DefaultPageSize);

        var page = await PageAsync("/recherche?q=web&page=400");

        Assert.NotEmpty(page.QuerySelectorAll("ol.cards > li"));
        Assert.Equal(last.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector(".pagination a[aria-current=page]")?.TextContent ?? "1");
    }

    [Fact]
    public async Task The_page_script_gets_only_the_results_zone()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/recherche?q=web");
        request.Headers.Add("HX-Request", "true");

        var response = await site.Factory.CreateClient().SendAsync(request, Cancel);

        var html = await response.Content.ReadAsStringAsync(Cancel);
        Assert.DoesNotContain("<html", html, StringComparison.Ordinal);
        Assert.Contains("id=\"zone-resultats\"", html, StringComparison.Ordinal);
        Assert.Contains("<title>", html, StringComparison.Ordinal);
        Assert.Contains("HX-Request", response.Headers.Vary);
    }

    [Fact]
    public async Task Suggestions_propose_companies_and_activities_with_their_links()
    {
        var company = await TestCompanies.AddAsync(site.Factory, $"Quetzalune Studio {TestCompanies.Unique()}", Core.Companies.PublicationStatus.Published);
        var prefix = company.DisplayName[..5];

        var response = await site.Factory.CreateClient().GetAsync($"/recherche/suggestions?q={Uri.EscapeDataString(prefix)}", Cancel);
        var items = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<List<Suggested>>(response.Content, Cancel);

        var commune = Core.Taxonomy.TaxonomyCatalog.Default.FindCommune(company.CommuneCode)!.Label;
        Assert.Contains(items!, i => i.Url == $"/entreprises/{company.Slug}" && i.Kind == $"entreprise · {commune}");   // two of a name differ by their commune
        var activities = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<List<Suggested>>(
            (await site.Factory.CreateClient().GetAsync("/recherche/suggestions?q=cyber", Cancel)).Content, Cancel);
        Assert.Contains(activities!, i => i.Kind == "activité" && i.Url.StartsWith("/recherche?activite=", StringComparison.Ordinal));
        var empty = await site.Factory.CreateClient().GetAsync("/recherche/suggestions?q=" + new string('z', 5000), Cancel);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
    }

    [Fact]
    public async Task Suggestions_propose_a_commune_with_its_companies_and_lead_to_them()
    {
        var all = await site.SearchAsync(new SearchRequest());
        var busiest = all.Facet(FacetNames.Commune).Values.OrderByDescending(v => v.Count).First();
        var name = Core.Taxonomy.TaxonomyCatalog.Default.FindCommune(busiest.Code)!.Label;

        var items = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<List<Suggested>>(
            (await site.Factory.CreateClient().GetAsync($"/recherche/suggestions?q={Uri.EscapeDataString(name[..3])}", Cancel)).Content, Cancel);

        var commune = Assert.Single(items!, i => i.Text == name);
        Assert.Equal($"commune · {busiest.Count} entreprises", commune.Kind);
        Assert.Equal($"/recherche?commune={busiest.Code}", commune.Url);
    }

    private sealed record Suggested(string Kind, string Text, string Url);
}
