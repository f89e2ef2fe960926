using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Web.Tests;

/// <summary><c>/entreprises/{slug}</c> and its "report an error" form.</summary>
public sealed class ProfilePageTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A published company of the test's own: a complete profile (phone, RIDET, website, secondary activity, contact person).</summary>
    private Task<Company> PublishedAsync() => TestCompanies.PublishedAsync(site.Factory);

    [Fact]
    public async Task The_profile_shows_the_public_facts_with_links_to_matching_searches()
    {
        var company = await PublishedAsync();

        var response = await site.Factory.CreateClient().GetAsync($"/entreprises/{company.Slug}", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await DirectoryWebFactory.ParseAsync(response);
        Assert.Equal(company.DisplayName, page.QuerySelector("h1")!.TextContent);
        Assert.Contains(company.Ridet!.Value.ToString(), page.QuerySelector(".facts")!.TextContent, StringComparison.Ordinal);
        var phone = PhoneNumber.Parse(company.Phones[0]);
        Assert.Equal(phone.ToString(), page.QuerySelector($"a[href='{phone.ToUri()}']")!.TextContent);
        Assert.NotNull(page.QuerySelector($"a[href='{company.Website}']"));
        foreach (var code in company.AllActivityCodes)
        {
            Assert.NotNull(page.QuerySelector($"a[href='/recherche?activite={code}']"));
        }
        Assert.NotNull(page.QuerySelector($"a[href='/recherche?commune={company.CommuneCode}']"));
        Assert.Contains("Dernière mise à jour", page.QuerySelector(".facts")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Dernière confirmation", page.QuerySelector(".facts")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NN", "Sans salarié")]       // INSEE: "Unité non employeuse ou présumée non employeuse (faute de déclaration reçue)"
    [InlineData("22", "50 à 249 salariés")]  // INSEE: "100 à 199 salariés", in the filter's band
    public async Task Size_reads_in_the_plain_words_of_the_size_filter_on_the_profile_the_card_and_the_shortlist(string band, string plain)
    {
        var company = await TestCompanies.PublishedAsync(site.Factory, (c, _) => c.SizeBandCode = band);
        var client = site.Factory.CreateClient();

        var profile = await DirectoryWebFactory.ParseAsync(await client.GetAsync($"/entreprises/{company.Slug}", Cancel));
        var search = await DirectoryWebFactory.ParseAsync(await client.GetAsync($"/recherche?q={Uri.EscapeDataString(company.DisplayName)}", Cancel));
        var card = search.QuerySelectorAll("article.card").Single(c => c.QuerySelector($"a[href='/entreprises/{company.Slug}']") is not null);
        var shortlist = await DirectoryWebFactory.ParseAsync(await client.GetAsync($"/ma-selection?e={company.Slug}", Cancel));

        Assert.Contains(plain, profile.QuerySelector(".facts")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(plain, card.QuerySelector(".card-place")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(plain, shortlist.Body!.TextContent, StringComparison.Ordinal);
        foreach (var text in new[] { profile.Body!.TextContent, card.TextContent, shortlist.Body!.TextContent })
        {
            Assert.DoesNotContain("non employeuse", text, StringComparison.Ordinal);
            Assert.DoesNotContain("100 à 199", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_profile_carries_organization_structured_data_open_graph_and_a_canonical_url_without_the_contact_person()
    {
        var company = await PublishedAsync();

        var page = await DirectoryWebFactory.ParseAsync(await site.Factory.CreateClient().GetAsync($"/entreprises/{company.Slug}", Cancel));

        var canonical = page.QuerySelector("link[rel=canonical]")!.GetAttribute("href")!;
        Assert.EndsWith($"/entreprises/{company.Slug}", canonical, StringComparison.Ordinal);
        Assert.Equal(canonical, page.QuerySelector("meta[property='og:url']")!.GetAttribute("content"));
        Assert.Equal(company.DisplayName, page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        var script = page.QuerySelector("script[type='application/ld+json']")!.TextContent;
        using var json = JsonDocument.Parse(script);
        Assert.Equal("Organization", json.RootElement.GetProperty("@type").GetString());
        Assert.Equal(company.DisplayName, json.RootElement.GetProperty("name").GetString());
        Assert.Equal("NC", json.RootElement.GetProperty("address").GetProperty("addressCountry").GetString());
        Assert.DoesNotContain(company.Contact.Name!, script, StringComparison.Ordinal);
        Assert.DoesNotContain(company.Contact.Name!, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unpublished_and_unknown_companies_are_a_french_404()
    {
        var draft = await TestCompanies.AddAsync(site.Factory, PublicationStatus.Draft);

        foreach (var path in new[] { $"/entreprises/{draft.Slug}", "/entreprises/nexiste-pas", $"/entreprises/{new string('a', 500)}", $"/entreprises/{draft.Slug}/signaler" })
        {
            var response = await site.Factory.CreateClient().GetAsync(path, Cancel);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("Page introuvable", (await DirectoryWebFactory.ParseAsync(response)).QuerySelector("h1")!.TextContent);
        }
    }

    [Fact]
    public async Task A_report_reaches_the_moderators_queue_and_thanks_the_visitor()
    {
        var company = await PublishedAsync();
        var client = site.Factory.CreateBrowserLikeClient();
        var form = await ReportFormAsync(client, company.Slug);

        var response = await client.PostAsync(form.Action, Form(form, "Le numéro de téléphone n'est plus attribué.", "lecteur@exemple.nc"), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var thanks = await DirectoryWebFactory.ParseAsync(await client.GetAsync(response.Headers.Location!.OriginalString, Cancel));
        Assert.Contains("transmis aux modérateurs", thanks.QuerySelector(".notice-success")!.TextContent, StringComparison.Ordinal);
        var stored = await site.WithDatabaseAsync(db => db.ErrorReports.AsNoTracking().SingleAsync(r => r.CompanyId == company.Id && r.ReporterEmail == "lecteur@exemple.nc", Cancel));
        Assert.Equal("Le numéro de téléphone n'est plus attribué.", stored.Message);
        Assert.Equal(ErrorReportStatus.Open, stored.Status);
    }

    [Fact]
    public async Task An_invalid_report_comes_back_with_french_messages_and_the_text_kept()
    {
        var company = await PublishedAsync();
        var client = site.Factory.CreateBrowserLikeClient();
        var form = await ReportFormAsync(client, company.Slug);

        var response = await client.PostAsync(form.Action, Form(form, "court", "pas-un-courriel"), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await DirectoryWebFactory.ParseAsync(response);
        Assert.Equal("court", page.QuerySelector("textarea")!.TextContent);
        Assert.Equal("pas-un-courriel", page.QuerySelector<IHtmlInputElement>("input[type=email]")!.Value);
        Assert.Contains("entre 10 et 2000 caractères", page.QuerySelector("#signalement-message-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("n'est pas valable", page.QuerySelector("#signalement-email-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("textarea")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task Reports_are_limited_per_address_and_the_refused_text_is_kept()
    {
        await using var factory = new DirectoryWebFactory(); // its own limiter
        _ = factory.Server;
        var slug = (await TestCompanies.PublishedAsync(factory)).Slug;
        var client = factory.CreateBrowserLikeClient();
        for (var i = 0; i < Features.Companies.ReportErrorModel.PermitsPerHour; i++)
        {
            var accepted = await client.PostAsync($"/entreprises/{slug}/signaler", Form(await ReportFormAsync(client, slug), $"Erreur numéro {i} sur la fiche.", null), Cancel);
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        var refused = await client.PostAsync($"/entreprises/{slug}/signaler", Form(await ReportFormAsync(client, slug), "Encore une erreur sur la fiche.", null), Cancel);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null);
        var page = await DirectoryWebFactory.ParseAsync(refused);
        Assert.Contains("Trop de signalements", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Encore une erreur sur la fiche.", page.QuerySelector("textarea")!.TextContent);
    }

    [Fact]
    public async Task A_report_without_the_antiforgery_token_is_refused()
    {
        var company = await PublishedAsync();
        var response = await site.Factory.CreateBrowserLikeClient().PostAsync($"/entreprises/{company.Slug}/signaler",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Message"] = "Une erreur sans jeton." }), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<IHtmlFormElement> ReportFormAsync(HttpClient client, string slug)
    {
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync($"/entreprises/{slug}", Cancel));
        return page.QuerySelector<IHtmlFormElement>("form.report-form")!;
    }

    private static FormUrlEncodedContent Form(IHtmlFormElement form, string message, string? email) => new(
    [
        new("__RequestVerificationToken", form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value),
        new("Input.Message", message),
        new("Input.Email", email ?? string.Empty),
    ]);
}
