using AngleSharp.Dom;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using AnnuaireFiliere.Core.Companies;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Tests;

/// <summary><c>/statistiques</c> and its CSV downloads.</summary>
public sealed class StatisticsPageTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_page_shows_the_segment_total_charts_and_tables_with_exact_figures_the_same_as_the_search_filters()
    {
        // The south holds most companies: its tables have small cells, shown as they are (public profiles are public).
        var response = await site.Factory.CreateClient().GetAsync("/statistiques?province=sud", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await DirectoryWebFactory.ParseAsync(response);
        var expected = await site.WithDatabaseAsync(async db => (await db.Companies.AsNoTracking().Where(c => c.Status == PublicationStatus.Published).Select(c => c.CommuneCode).ToListAsync(Cancel))
            .Count(code => Core.Taxonomy.TaxonomyCatalog.Default.FindCommune(code) is { } commune && (commune.ProvinceCode == "sud" || commune.OtherProvinceCodes.Contains("sud"))));
        Assert.Equal(expected, SiteFixture.Digits(page.QuerySelector(".key-figures dd")!.TextContent));
        Assert.NotEmpty(page.QuerySelectorAll("svg[role=img][aria-labelledby]"));
        var cells = page.QuerySelectorAll("table.data td.num").Select(td => td.TextContent).ToList();
        Assert.Contains(cells, text => text is "1" or "2");
        Assert.DoesNotContain(cells, text => text is "< 3" or "s");
        // Each commune's figure is the search's commune filter count.
        var facet = (await site.SearchAsync(new Core.Search.SearchRequest { Provinces = ["sud"], PageSize = 1 })).Facet(Core.Search.FacetNames.Commune).Values;
        var communes = page.QuerySelectorAll("#stat-commune ~ details tbody tr")
            .Select(r => (r.QuerySelector("th")!.TextContent.Trim(), (long)SiteFixture.Digits(r.QuerySelector("td")!.TextContent)))
            .Where(r => r.Item2 > 0).OrderBy(r => r.Item1, StringComparer.Ordinal).ToList();
        Assert.Equal(facet.Where(v => v.Count > 0).Select(v => (v.Label, v.Count)).OrderBy(r => r.Label, StringComparer.Ordinal), communes);
        Assert.Equal("sud", page.QuerySelector("select#s-province option[selected]")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData(null, "Il y a moins de 12 mois", "Jamais confirmée")]
    [InlineData("en", "Less than 12 months ago", "Never confirmed")]
    public async Task When_profiles_were_last_confirmed_reads_in_words_with_their_unit(string? language, string recent, string never)
    {
        using var request = DirectoryWebFactory.Get("/statistiques", language);

        var page = await DirectoryWebFactory.ParseAsync(await site.Factory.CreateClient().SendAsync(request, Cancel));

        var text = page.Body!.TextContent;
        Assert.Contains(recent, text, StringComparison.Ordinal);
        Assert.Contains(never, text, StringComparison.Ordinal);
        Assert.DoesNotContain(">24+<", page.Body.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_links_to_the_statistics_of_its_segment_and_the_form_keeps_what_it_cannot_show()
    {
        var client = site.Factory.CreateClient();
        var segment = new Core.Search.SearchRequest { Sectors = ["S06", "S02"], ECommerce = ["vente-en-ligne"], Provinces = ["sud"], PageSize = 1 };
        var expected = (await site.SearchAsync(segment)).Total;
        Assert.True(expected >= 3, "the demo data should have at least 3 companies of distribution and e-commerce selling online in the south"); // shown as a number, not "< 3"

        var results = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/recherche?secteur=S06&ecommerce=vente-en-ligne&secteur=S02&province=sud&tri=nom&page=2", Cancel));
        var link = results.QuerySelector(".results-stats a")!.GetAttribute("href")!;
        Assert.Equal("/statistiques?secteur=S06&secteur=S02&province=sud&ecommerce=vente-en-ligne", link);

        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync(link, Cancel));
        Assert.Equal(expected, SiteFixture.Digits(page.QuerySelector(".key-figures dd")!.TextContent));
        var form = page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form.stats-filters")!;
        Assert.Null(form.QuerySelector("select#s-secteur")); // two sectors: carried, not shown as one choice
        Assert.Equal(["S06", "S02"], form.QuerySelectorAll("input[type=hidden][name=secteur]").Select(i => i.GetAttribute("value")));
        Assert.Equal("sud", form.QuerySelector("select#s-province option[selected]")!.GetAttribute("value"));
        var chips = page.QuerySelectorAll("ul.chips a.chip:not(.chip-clear)").Select(a => a.TextContent).ToList();
        Assert.Equal(4, chips.Count);
        Assert.Equal(SearchLinkFor(segment), page.QuerySelector(".stats-search-link a")!.GetAttribute("href"));

        // Submitted as a browser would (hidden fields, the chosen options, the text box), the form keeps the segment.
        var submitted = await DirectoryWebFactory.ParseAsync(await client.GetAsync(Submitted(form), Cancel));
        Assert.Equal(expected, SiteFixture.Digits(submitted.QuerySelector(".key-figures dd")!.TextContent));

        // Removing a criterion keeps the others.
        var withoutS02 = page.QuerySelectorAll("ul.chips a.chip").First(a => a.TextContent.Contains(Core.Taxonomy.TaxonomyCatalog.Default.Sectors.First(x => x.Code == "S02").Label, StringComparison.Ordinal)).GetAttribute("href");
        Assert.Equal("/statistiques?secteur=S06&province=sud&ecommerce=vente-en-ligne", withoutS02);
    }

    /// <summary>The address a browser goes to when it sends the statistics form as it is: every field, empty ones included.</summary>
    private static string Submitted(AngleSharp.Html.Dom.IHtmlFormElement form) =>
        "/statistiques?" + string.Join("&", form.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlInputElement>("input[name]").Where(i => i.Type is "hidden" or "search").Select(i => (i.Name!, i.Value))
            .Concat(form.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlSelectElement>("select[name]").Select(sel => (sel.Name!, sel.Value ?? "")))
            .Select(f => $"{f.Item1}={Uri.EscapeDataString(f.Item2)}"));

    private static string SearchLinkFor(Core.Search.SearchRequest segment) => "/recherche" + Web.Features.Search.SearchParameters.ToQueryString(segment with { PageSize = Core.Search.SearchRequest.DefaultPageSize });

    [Fact]
    public async Task Each_table_downloads_as_csv_with_the_same_figures_in_both_variants()
    {
        var client = site.Factory.CreateClient();
        var standard = await client.GetAsync("/statistiques/sector-province.csv?taille=1-9", Cancel);
        var excel = await client.GetAsync("/statistiques/sector-province.csv?taille=1-9&format=excel", Cancel);

        Assert.Equal("text/csv", standard.Content.Headers.ContentType!.MediaType);
        var plainBytes = await standard.Content.ReadAsByteArrayAsync(Cancel);
        var excelBytes = await excel.Content.ReadAsByteArrayAsync(Cancel);
        Assert.NotEqual(0xEF, plainBytes[0]);
        Assert.Equal([0xEF, 0xBB, 0xBF], excelBytes[..3]);
        var plain = Read(plainBytes, ",");
        Assert.Equal(plain, Read(excelBytes, ";"));
        Assert.Equal(["code", "libelle", "sud", "nord", "iles", "total"], plain[0]);
        Assert.Equal(Core.Taxonomy.TaxonomyCatalog.Default.Sectors.Count + 2, plain.Count);
        Assert.All(plain.Skip(1).SelectMany(r => r.Skip(2)), v => Assert.True(long.Parse(v, CultureInfo.InvariantCulture) >= 0, v));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/statistiques/inconnu.csv", Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_text_segment_counts_the_companies_the_search_finds()
    {
        var client = site.Factory.CreateClient();
        var expected = await site.SearchAsync(new Core.Search.SearchRequest { Text = "développement web", Provinces = ["sud"], PageSize = 1 });

        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/statistiques?q=d%C3%A9veloppement+web&province=sud", Cancel));
        var api = await client.GetFromJsonAsync<JsonElement>("/api/v1/statistiques?q=d%C3%A9veloppement+web&province=sud", Cancel);

        Assert.True(expected.Total >= 3, "the demo data should have web developers in the south");
        Assert.Equal(expected.Total, SiteFixture.Digits(page.QuerySelector(".key-figures dd")!.TextContent));
        Assert.Equal("développement web", page.QuerySelector("input#s-q")!.GetAttribute("value"));
        Assert.Equal(expected.Total, api.GetProperty("total").GetProperty("count").GetInt64());
        var everything = await client.GetFromJsonAsync<JsonElement>("/api/v1/statistiques", Cancel);
        Assert.True(everything.GetProperty("total").GetProperty("count").GetInt64() > expected.Total);
    }

    [Fact]
    public async Task The_whole_view_downloads_as_xlsx_and_json_with_the_figures_of_the_csv_all_exact()
    {
        var client = site.Factory.CreateClient();
        var xlsx = await client.GetAsync("/statistiques/export.xlsx?province=iles", Cancel);
        var json = await client.GetFromJsonAsync<JsonElement>("/statistiques/export.json?province=iles", Cancel);
        var csv = Read(await client.GetByteArrayAsync("/statistiques/sector.csv?province=iles", Cancel), ",");

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        Assert.Matches(@"^statistiques-province-iles-\d{4}-\d{2}-\d{2}\.xlsx$", xlsx.Content.Headers.ContentDisposition!.FileNameStar ?? xlsx.Content.Headers.ContentDisposition.FileName);
        using var workbook = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Cancel));
        var sheets = MiniExcelLibs.MiniExcel.GetSheetNames(workbook);
        Assert.Equal("À propos", sheets[0]);
        Assert.Contains("Secteurs", sheets);
        Assert.Contains("Secteur × province", sheets);
        var about = MiniExcelLibs.MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "À propos").Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(about, row => (string)row["valeur"] == "?province=iles");
        var sectorSheet = MiniExcelLibs.MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "Secteurs").Cast<IDictionary<string, object>>()
            .Select(row => new[] { (string)row["code"], Convert.ToString(row["entreprises"], CultureInfo.InvariantCulture)! }).ToList();
        var jsonSectors = json.GetProperty("distributions").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "sector").GetProperty("rows").EnumerateArray()
            .Select(row => new[] { row.GetProperty("code").GetString()!, row.GetProperty("withheld").GetBoolean() ? (row.GetProperty("reason").GetString() == "moins-de-3" ? Withheld : Secret) : row.GetProperty("count").GetInt64().ToString(CultureInfo.InvariantCulture) }).ToList();

        var fromCsv = csv.Skip(1).Select(row => new[] { row[0], row[2] }).ToList();
        Assert.Equal(fromCsv, sectorSheet);
        Assert.Equal(fromCsv, jsonSectors);
        Assert.Contains(fromCsv, row => row[1] is "1" or "2");
        Assert.All(json.GetProperty("distributions").EnumerateArray().SelectMany(t => t.GetProperty("rows").EnumerateArray()),
            row => Assert.False(row.GetProperty("withheld").GetBoolean()));
        Assert.Equal("public", json.GetProperty("audience").GetString());
        Assert.Contains("Licence Ouverte", json.GetProperty("licence").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_chart_downloads_as_a_standalone_svg_with_its_title()
    {
        var response = await site.Factory.CreateClient().GetAsync("/statistiques/province.svg?secteur=S05", Cancel);

        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        var svg = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.StartsWith("Province", svg.Root.Element(ns + "title")!.Value, StringComparison.Ordinal);
        Assert.Equal(3, svg.Root.Elements(ns + "rect").Count() - 1); // a background and a bar per province
        Assert.Equal(HttpStatusCode.NotFound, (await site.Factory.CreateClient().GetAsync("/statistiques/sector-province.svg", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Past_dates_come_from_snapshots_and_compare_with_today()
    {
        var client = site.Factory.CreateClient();
        Core.Statistics.SnapshotInfo taken;
        await using (var scope = site.Factory.Services.CreateAsyncScope())
        {
            taken = await scope.ServiceProvider.GetRequiredService<Core.Statistics.SnapshotStore>().TakeAsync(Core.Statistics.SnapshotKind.OnDemand, "test", "Test de comparaison", Cancel);
        }
        var id = taken.Id.ToString("N");

        var listed = await client.GetFromJsonAsync<JsonElement>("/api/v1/statistiques/instantanes", Cancel);
        var then = await client.GetFromJsonAsync<JsonElement>($"/api/v1/statistiques?instantane={id}", Cancel);
        var today = await client.GetFromJsonAsync<JsonElement>("/api/v1/statistiques", Cancel);
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync($"/statistiques?comparer={id}", Cancel));
        var unknown = await client.GetAsync("/api/v1/statistiques?instantane=inconnu", Cancel);
        var unknownPage = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/statistiques?instantane=0123", Cancel));

        Assert.Contains(listed.EnumerateArray(), s => s.GetProperty("id").GetString() == id && s.GetProperty("label").GetString() == "Test de comparaison");
        Assert.DoesNotContain("test", listed.GetRawText(), StringComparison.Ordinal); // who took it is not published
        Assert.Equal(id, then.GetProperty("snapshot").GetString());
        Assert.Equal(today.GetProperty("total").GetProperty("count").GetInt64(), then.GetProperty("total").GetProperty("count").GetInt64());
        var comparison = page.QuerySelector("#stat-comparison")!.ParentElement!;
        Assert.All(comparison.QuerySelectorAll("tbody tr:not(.group) td:last-child"), td => Assert.True(td.TextContent is "0" or "—", td.TextContent));
        Assert.NotNull(page.QuerySelector("#stat-series"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("instantane", await unknown.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Contains("0123", unknownPage.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);

        var series = await client.GetFromJsonAsync<JsonElement>("/api/v1/statistiques/evolution?points=1", Cancel);
        var dates = series.GetProperty("dates").EnumerateArray().Select(d => d.GetDateTime()).ToList();
        Assert.Equal(2, dates.Count); // the newest snapshot, then today
        Assert.Equal(taken.TakenAt, dates[0], TimeSpan.FromSeconds(1));
        Assert.All(series.GetProperty("series").EnumerateArray(), s => Assert.Equal(2, s.GetProperty("values").GetArrayLength()));
        var total = series.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("code").GetString() == "total");
        Assert.Equal("Entreprises", total.GetProperty("label").GetString());
        Assert.All(total.GetProperty("values").EnumerateArray(), v => Assert.Equal(today.GetProperty("total").GetProperty("count").GetInt64(), v.GetProperty("count").GetInt64()));
        var withSnapshot = await client.GetAsync($"/api/v1/statistiques/evolution?instantane={id}", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, withSnapshot.StatusCode);
    }

    [Fact]
    public async Task The_contents_lead_to_every_section_and_each_section_back_to_them()
    {
        var page = await DirectoryWebFactory.ParseAsync(await site.Factory.CreateClient().GetAsync("/statistiques?province=sud", Cancel));

        var contents = page.QuerySelector("nav#sommaire")!;
        var targets = contents.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).ToList();
        var sections = page.QuerySelectorAll("section.stat").ToList();
        Assert.Equal(sections.Select(s => "#" + s.QuerySelector("h2")!.Id), targets);
        Assert.Contains("#stat-sector", targets);
        Assert.Contains("#stat-sector-province", targets);
        Assert.All(sections, s => Assert.NotNull(s.QuerySelector("a[href='#sommaire']")));
        // Before the first figures: right after the choice of the segment.
        Assert.True(contents.CompareDocumentPosition(page.QuerySelector(".key-figures")!).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
    }

    [Theory]
    [InlineData(null, "Province : Province Sud")]
    [InlineData("en", "Province: South Province")]
    public async Task The_segment_criteria_read_as_the_language_writes_them(string? language, string criterion)
    {
        using var request = DirectoryWebFactory.Get("/statistiques?province=sud", language);

        var page = await DirectoryWebFactory.ParseAsync(await site.Factory.CreateClient().SendAsync(request, Cancel));

        Assert.Contains(criterion, page.QuerySelector("ul.chips a.chip")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_evolution_table_shows_the_newest_date_first_and_says_it_scrolls_sideways()
    {
        await using (var scope = site.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Core.Statistics.SnapshotStore>().TakeAsync(Core.Statistics.SnapshotKind.OnDemand, "test", "Test d'ordre", Cancel);
        }

        var page = await DirectoryWebFactory.ParseAsync(await site.Factory.CreateClient().GetAsync("/statistiques?secteur=S05", Cancel));

        var region = page.QuerySelector("#stat-series")!.ParentElement!.QuerySelector(".table-scroll")!;
        Assert.Equal("0", region.GetAttribute("tabindex"));
        Assert.Equal("region", region.GetAttribute("role"));
        Assert.Equal("stat-series", region.GetAttribute("aria-labelledby"));
        Assert.False(string.IsNullOrWhiteSpace(page.GetElementById(region.GetAttribute("aria-describedby")!)!.TextContent));
        var headings = region.QuerySelectorAll("thead th").Skip(1).Select(th => th.TextContent).ToList();
        Assert.True(headings.Count >= 3, "the demo data has monthly snapshots, and the test took one");
        Assert.Equal("Aujourd'hui", headings[0]);
        var dates = headings.Skip(1).Select(h => DateTime.ParseExact(h, "d MMMM yyyy", CultureInfo.GetCultureInfo("fr-NC"))).ToList();
        Assert.Equal(dates.OrderDescending(), dates);
        Assert.True(dates[0] > dates[^1]);
    }

    [Fact]
    public async Task Every_download_is_named_after_its_table_segment_and_date()
    {
        var client = site.Factory.CreateClient();
        const string Segment = "?secteur=S05&province=sud";
        const string Date = @"\d{4}-\d{2}-\d{2}";

        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/statistiques" + Segment, Cancel));
        var csv = await client.GetAsync("/statistiques/sector-province.csv" + Segment, Cancel);
        var excel = await client.GetAsync("/statistiques/sector.csv" + Segment + "&format=excel", Cancel);
        var svg = await client.GetAsync("/statistiques/sector.svg" + Segment, Cancel);
        var xlsx = await client.GetAsync("/statistiques/export.xlsx" + Segment, Cancel);
        var json = await client.GetAsync("/statistiques/export.json" + Segment, Cancel);
        var everything = await client.GetAsync("/statistiques/export.json", Cancel);

        Assert.Matches($"^statistiques-sector-province-secteur-s05-province-sud-{Date}\\.csv$", Name(csv));
        Assert.Matches($"^statistiques-sector-secteur-s05-province-sud-{Date}\\.csv$", Name(excel));
        Assert.Matches($"^statistiques-sector-secteur-s05-province-sud-{Date}\\.svg$", Name(svg));
        Assert.Matches($"^statistiques-secteur-s05-province-sud-{Date}\\.xlsx$", Name(xlsx));
        Assert.Matches($"^statistiques-secteur-s05-province-sud-{Date}\\.json$", Name(json));
        Assert.Matches($"^statistiques-{Date}\\.json$", Name(everything));
        Assert.Equal("attachment", json.Content.Headers.ContentDisposition!.DispositionType);
        var png = page.QuerySelector("#stat-sector ~ .downloads [data-png]")!.GetAttribute("data-filename")!;
        Assert.Equal(Name(svg).Replace(".svg", ".png", StringComparison.Ordinal), png);
    }

    [Fact]
    public async Task A_long_text_segment_gives_a_bounded_ascii_download_name()
    {
        var words = string.Join(' ', Enumerable.Repeat("développement œuvre « réseau » île", 5));

        var csv = await site.Factory.CreateClient().GetAsync("/statistiques/sector.csv?q=" + Uri.EscapeDataString(words) + "&commune=98818", Cancel);

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var name = Name(csv);
        Assert.Matches(@"^statistiques-sector-q-developpement-oeuvre-reseau-ile-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.csv$", name);
        Assert.True(name.Length <= "statistiques-sector-".Length + Core.Companies.Slugs.MaxLength + "-2026-12-04.csv".Length, name);
    }

    private static string Name(HttpResponseMessage response) =>
        response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!;

    [Theory]
    [InlineData(null, "À propos", "Secteurs", "Secteur × province", "Secteur × commerce en ligne")]
    [InlineData("en", "About", "Sectors", "Sector × province", "Sector × e-commerce")]
    public async Task The_workbook_names_its_sheets_in_the_reader_language_as_excel_allows(string? language, string about, string sectors, string sectorProvince, string sectorECommerce)
    {
        using var request = DirectoryWebFactory.Get("/statistiques/export.xlsx?province=nord", language);

        var response = await site.Factory.CreateClient().SendAsync(request, Cancel);

        using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Cancel));
        var sheets = MiniExcelLibs.MiniExcel.GetSheetNames(workbook);
        Assert.Equal(about, sheets[0]);
        Assert.Contains(sectors, sheets);
        Assert.Contains(sectorProvince, sheets);
        Assert.Contains(sectorECommerce, sheets);
        Assert.Equal(sheets.Count, sheets.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(sheets, name => Assert.True(name.Length <= 31 && name.IndexOfAny(['[', ']', ':', '*', '?', '/', '\\']) < 0, name));
        Assert.NotEmpty(MiniExcelLibs.MiniExcel.Query(workbook, useHeaderRow: true, sheetName: sectors));
    }

    [Theory]
    [InlineData("Ventes [en ligne]: B2B/B2C * ? \\ par secteur et province", "Ventes -en ligne-- B2B-B2C - -")]
    [InlineData("'Entre apostrophes'", "Entre apostrophes")]
    [InlineData("Secteurs", "Secteurs (2)")]
    [InlineData("SECTEURS", "SECTEURS (2)")]
    [InlineData("", "-")]
    public void A_sheet_name_is_one_excel_accepts(string wanted, string expected)
    {
        Assert.Equal(expected, Web.Features.Statistics.StatisticsExports.SheetName(wanted, ["Secteurs"]));
    }

    [Theory]
    [InlineData("/statistiques?q=&secteur=&province=sud&taille=&instantane=&comparer=", "/statistiques?province=sud")]
    [InlineData("/statistiques?q=&secteur=&province=&taille=", "/statistiques")]
    [InlineData("/statistiques?q=web&secteur=S05&tri=pertinence&page=1", "/statistiques?q=web&secteur=S05")]
    public async Task The_form_answers_with_an_address_without_empty_parameters(string submitted, string shared)
    {
        var client = site.Factory.CreateBrowserLikeClient();

        var response = await client.GetAsync(submitted, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(shared, response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(shared, Cancel)).StatusCode);
    }

    [Fact]
    public async Task The_form_as_a_browser_sends_it_leads_to_the_address_a_link_has()
    {
        var client = site.Factory.CreateBrowserLikeClient();
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/statistiques?province=sud&ecommerce=vente-en-ligne", Cancel));
        var form = page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form.stats-filters")!;
        page.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("select#s-secteur")!.Value = "S05";

        var response = await client.GetAsync(Submitted(form), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/statistiques?secteur=S05&province=sud&ecommerce=vente-en-ligne", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_bad_value_beside_empty_parameters_is_said_rather_than_redirected()
    {
        var client = site.Factory.CreateBrowserLikeClient();

        var response = await client.GetAsync("/statistiques?secteur=&province=atlantide", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("atlantide", (await DirectoryWebFactory.ParseAsync(response)).QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Source : Annuaire de la filière numérique, chiffres du ", "Province : Province Sud", "« < 3 » : moins de 3 entreprises", "« s » : nombre non publié")]
    [InlineData("en", "Source: Digital Sector Directory, figures of ", "Province: South Province", "“< 3”: fewer than 3 companies", "“s”: number not published")]
    public async Task A_downloaded_chart_has_its_full_labels_segment_source_and_the_meaning_of_its_marks(string? language, string source, string segment, string small, string secret)
    {
        var client = site.Factory.CreateClient();
        using var request = DirectoryWebFactory.Get("/statistiques/sector.svg?province=sud", language);

        var svg = System.Xml.Linq.XDocument.Parse(await (await client.SendAsync(request, Cancel)).Content.ReadAsStringAsync(Cancel));
        var csv = Read(await client.GetByteArrayAsync("/statistiques/sector.csv?province=sud", Cancel), ",");

        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2000/svg";
        var texts = svg.Descendants(ns + "text").Select(t => string.Join(' ', t.Elements(ns + "tspan").Select(s => s.Value).DefaultIfEmpty(t.Value))).ToList();
        Assert.Contains(texts, t => t.StartsWith(source, StringComparison.Ordinal));
        Assert.Contains(segment, texts);
        var marks = csv.Skip(1).Select(row => row[2]).ToList();
        Assert.Equal(marks.Contains(Withheld), texts.Any(t => t.StartsWith(small, StringComparison.Ordinal)));
        Assert.Equal(marks.Contains(Secret), texts.Any(t => t.StartsWith(secret, StringComparison.Ordinal)));
        if (language is null)
        {
            // Every label whole, however long (the longest take two lines).
            Assert.All(csv.Skip(1), row => Assert.Contains(row[1], texts));
            Assert.Contains(svg.Descendants(ns + "text"), t => t.Elements(ns + "tspan").Count() > 1);
        }
        // A margin all round.
        var width = int.Parse(svg.Root!.Attribute("width")!.Value, CultureInfo.InvariantCulture);
        Assert.All(svg.Descendants(ns + "text").Select(t => double.Parse(t.Attribute("x")!.Value, CultureInfo.InvariantCulture)), x => Assert.InRange(x, 24, width - 24));
    }

    [Fact]
    public async Task A_downloaded_chart_of_public_profiles_has_no_withheld_mark_and_no_legend_for_one()
    {
        var client = site.Factory.CreateClient();
        string[] charts = ["sector", "province", "size", "ecommerce", "legalform", "freshness", "published-per-month"];
        var seen = new List<(bool Small, bool SmallLegend, bool Secret, bool SecretLegend)>();

        foreach (var segment in new[] { "", "?province=sud", "?province=iles", "?secteur=S05" })
        {
            foreach (var chart in charts)
            {
                var svg = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/statistiques/{chart}.svg{segment}", Cancel));
                var marks = Read(await client.GetByteArrayAsync($"/statistiques/{chart}.csv{segment}", Cancel), ",").Skip(1).Select(row => row[2]).ToList();
                seen.Add((marks.Contains(Withheld), svg.Contains(">« < 3 » : ", StringComparison.Ordinal), marks.Contains(Secret), svg.Contains(">« s » : ", StringComparison.Ordinal)));
            }
        }

        Assert.All(seen, chart => Assert.Equal((false, false, false, false), chart));
    }

    private const string Withheld = "<3";
    private const string Secret = "s";

    private static List<string[]> Read(byte[] bytes, string delimiter)
    {
        using var csv = new CsvParser(new StreamReader(new MemoryStream(bytes)), new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = delimiter });
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Record!);
        }
        return rows;
    }
}
