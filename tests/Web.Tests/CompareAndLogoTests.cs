using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Companies;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>The shortlist's comparison (its content, its limit, its shared address) and companies' logos in lists.</summary>
public sealed class CompareAndLogoTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Logo() => Guid.NewGuid().ToString("N") + "-" + Guid.NewGuid().ToString("N")[..16] + ".webp";

    private async Task<IDocument> GetAsync(string url, string? shortlist = null)
    {
        var client = site.Factory.CreateClient();
        if (shortlist is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", "af.selection=" + shortlist);
        }
        var response = await client.GetAsync(url, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await DirectoryWebFactory.ParseAsync(response);
    }

    private static List<string> Row(IDocument page, string header) =>
        [.. page.QuerySelectorAll("table.compare tbody tr").Single(r => r.QuerySelector("th[scope=row]")!.TextContent.Trim() == header)
            .QuerySelectorAll("td").Select(td => string.Join(" | ", td.QuerySelectorAll("li").Select(li => li.TextContent.Trim())) is { Length: > 0 } items ? items : td.TextContent.Trim())];

    [Fact]
    public async Task The_comparison_shows_each_company_as_a_column_with_plain_labels()
    {
        var full = await TestCompanies.PublishedAsync(site.Factory, (c, _) =>
        {
            c.Labels = ["Qualiopi"];
            c.ECommerce = new ECommerceProfile { SellsOnOwnShop = true, B2B = true };
            c.LastConfirmedAt = new DateTime(2026, 3, 14, 0, 0, 0, DateTimeKind.Utc);
            c.LogoFile = Logo();
        });
        var bare = await TestCompanies.PublishedAsync(site.Factory, (c, _) =>
        {
            c.FoundingYear = null;
            c.Services = [];
            c.Languages = [];
            c.Website = null;
        });

        var page = await GetAsync($"/ma-selection/comparer?e={full.Slug}&e={bare.Slug}");

        var table = page.QuerySelector("table.compare")!;
        Assert.Contains("2", table.QuerySelector("caption")!.TextContent, StringComparison.Ordinal);
        var columns = table.QuerySelectorAll("thead th[scope=col]").Skip(1).ToList();
        Assert.Equal([$"/entreprises/{full.Slug}", $"/entreprises/{bare.Slug}"], columns.Select(th => th.QuerySelector("a")!.GetAttribute("href")));
        var logo = columns[0].QuerySelector<IHtmlImageElement>("img")!;
        Assert.Equal($"/logos/{full.LogoFile}", logo.GetAttribute("src"));
        Assert.Equal(("48", "48", "lazy", full.DisplayName), (logo.GetAttribute("width"), logo.GetAttribute("height"), logo.GetAttribute("loading"), logo.AlternativeText));
        Assert.Null(columns[1].QuerySelector("img"));
        Assert.False(string.IsNullOrWhiteSpace(columns[1].QuerySelector(".avatar")!.TextContent)); // initials

        Assert.All(Row(page, "Activités"), activities => Assert.Equal(2, activities.Split(" | ").Length));
        Assert.DoesNotContain("A0405", Row(page, "Activités")[0], StringComparison.Ordinal); // labels, not codes
        Assert.Equal(["sites internet | applications mobiles", "Non renseigné"], Row(page, "Services"));
        Assert.Equal(["Nouméa", "Nouméa"], Row(page, "Commune"));
        Assert.Equal(["2012", "Non renseigné"], Row(page, "Année de création"));
        Assert.Equal(["Qualiopi", "Non renseigné"], Row(page, "Labels et certifications"));
        Assert.Equal(3, Row(page, "Vente en ligne")[0].Split(" | ").Length); // sells online, own shop, to businesses
        Assert.Equal("Non renseigné", Row(page, "Vente en ligne")[1]);
        Assert.Contains("2026", Row(page, "Dernière confirmation")[0], StringComparison.Ordinal);
        Assert.Contains(full.Website!, Row(page, "Contact")[0], StringComparison.Ordinal);
        Assert.DoesNotContain("http", Row(page, "Contact")[1], StringComparison.Ordinal);
        Assert.All(page.QuerySelectorAll("table.compare tbody tr"), tr => Assert.Equal("row", tr.QuerySelector("th")!.GetAttribute("scope")));
        Assert.NotNull(page.QuerySelector("div.table-scroll[role=region][aria-labelledby=titre-comparaison]"));
        Assert.EndsWith($"/ma-selection/comparer?e={full.Slug}&e={bare.Slug}", page.QuerySelector<IHtmlInputElement>("#lien-comparaison")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_and_malformed_companies_of_a_shared_comparison_are_left_out_with_a_message()
    {
        var known = await TestCompanies.PublishedAsync(site.Factory);
        var draft = await TestCompanies.AddAsync(site.Factory, PublicationStatus.Draft);

        var page = await GetAsync($"/ma-selection/comparer?e={known.Slug}&e={draft.Slug}&e=n-existe-pas&e=%3Cscript%3E&e={new string('a', 500)}");

        Assert.Equal([known.DisplayName], page.QuerySelectorAll("table.compare thead a").Select(a => a.TextContent.Trim()));
        Assert.StartsWith("4 entreprises du lien n'ont pas été trouvées", page.QuerySelector("#comparaison-introuvables")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#comparaison-limite"));
    }

    [Fact]
    public async Task More_than_six_companies_compare_the_first_six_and_say_so()
    {
        List<string> slugs = [];
        for (var i = 0; i < 8; i++)
        {
            slugs.Add((await TestCompanies.PublishedAsync(site.Factory)).Slug);
        }

        var page = await GetAsync("/ma-selection/comparer", shortlist: string.Join('.', slugs));

        Assert.Equal(slugs.Take(6).Select(s => $"/entreprises/{s}"), page.QuerySelectorAll("table.compare thead a").Select(a => a.GetAttribute("href")));
        var notice = page.QuerySelector("#comparaison-limite")!;
        Assert.Contains("les 6 premières des 8", notice.TextContent, StringComparison.Ordinal);
        Assert.Equal("/ma-selection", notice.QuerySelector("a")!.GetAttribute("href"));

        // On the shortlist, each company has a box of the comparison's form; the first six are ticked.
        var shortlist = await GetAsync("/ma-selection", shortlist: string.Join('.', slugs));
        var form = shortlist.QuerySelector<IHtmlFormElement>("form#comparer")!;
        Assert.Equal(("get", "/ma-selection/comparer"), (form.Method, form.GetAttribute("action")));
        var boxes = shortlist.QuerySelectorAll<IHtmlInputElement>("input[type=checkbox][form=comparer][name=e]").ToList();
        Assert.Equal(slugs, boxes.Select(b => b.Value));
        Assert.Equal([.. Enumerable.Repeat(true, 6), false, false], boxes.Select(b => b.IsChecked));
    }

    [Fact]
    public async Task An_empty_comparison_says_what_to_do_and_the_english_one_is_in_english()
    {
        var empty = await GetAsync("/ma-selection/comparer");
        Assert.Null(empty.QuerySelector("table"));
        Assert.Contains("Aucune entreprise à comparer", empty.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var company = await TestCompanies.PublishedAsync(site.Factory);
        var client = site.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        var english = await DirectoryWebFactory.ParseAsync(await client.GetAsync($"/ma-selection/comparer?e={company.Slug}", Cancel));
        Assert.Equal("Compare companies", english.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains(english.QuerySelectorAll("table.compare tbody th"), th => th.TextContent.Trim() == "Working languages");
    }

    [Fact]
    public async Task Result_cards_and_the_shortlist_show_the_logo_or_the_initials()
    {
        var word = "Zorbalogo" + string.Concat(TestCompanies.Unique().ToString(CultureInfo.InvariantCulture).Select(d => (char)('a' + d - '0')));
        var withLogo = await TestCompanies.AddAsync(site.Factory, $"{word} Alpha", PublicationStatus.Published, (c, _) => c.LogoFile = Logo());
        var without = await TestCompanies.AddAsync(site.Factory, $"{word} Beta", PublicationStatus.Published);

        var results = await GetAsync($"/recherche?q={word.ToLowerInvariant()}&tri=nom");
        var shortlist = await GetAsync("/ma-selection", shortlist: $"{withLogo.Slug}.{without.Slug}");

        foreach (var page in new[] { results, shortlist })
        {
            var cards = page.QuerySelectorAll("article.card").ToList();
            Assert.Equal(2, cards.Count);
            var img = cards[0].QuerySelector<IHtmlImageElement>("img.avatar")!;
            Assert.Equal(($"/logos/{withLogo.LogoFile}", "48", "lazy", withLogo.DisplayName), (img.GetAttribute("src"), img.GetAttribute("width"), img.GetAttribute("loading"), img.AlternativeText));
            Assert.Null(cards[1].QuerySelector("img"));
            Assert.Equal("true", cards[1].QuerySelector("span.avatar")!.GetAttribute("aria-hidden"));
        }
    }

    [Fact]
    public async Task A_profile_carries_a_QR_code_of_its_address_for_print()
    {
        var company = await TestCompanies.PublishedAsync(site.Factory);

        var page = await GetAsync($"/entreprises/{company.Slug}");

        var figure = page.QuerySelector("figure.print-only.print-qr")!;
        Assert.NotNull(figure.QuerySelector("[role=img] svg"));
        Assert.Contains(company.DisplayName, figure.QuerySelector("[role=img]")!.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.EndsWith($"/entreprises/{company.Slug}", figure.QuerySelector("figcaption")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("button[data-print][hidden]"));
    }
}
