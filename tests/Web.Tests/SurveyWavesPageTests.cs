using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Survey;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>The observatory's analysts open a wave and follow its response rate; moderators and members are kept out.</summary>
public sealed class SurveyWavesPageTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Day(int days) => DateTime.UtcNow.AddHours(11).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<HttpClient> AnalystAsync() =>
        await AccountForms.SignedInClientAsync(site.Factory, $"analyste{TestCompanies.Unique()}@observatoire-test.nc", Roles.Analyst);

    private static async Task<HttpResponseMessage> CreateAsync(HttpClient analyst, params (string, string)[] fields)
    {
        var page = await DirectoryWebFactory.ParseAsync(await analyst.GetAsync("/observatoire/vagues", Cancel));
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.GetAttribute("action") == "/observatoire/vagues");
        return await ProfileForms.PostAsync(analyst, form, fields);
    }

    [Fact]
    public async Task An_analyst_opens_a_wave_of_the_islands_and_follows_its_response_rate_and_non_respondents()
    {
        var answered = await TestCompanies.PublishedAsync(site.Factory, (c, _) => c.CommuneCode = "98815");
        var silent = await TestCompanies.PublishedAsync(site.Factory, (c, _) => { c.CommuneCode = "98815"; c.Phones = ["451234"]; });
        var analyst = await AnalystAsync();
        var title = "Vague des îles " + TestCompanies.Unique();

        var created = await CreateAsync(analyst, ("Input.Title", title), ("Input.Opens", Day(0)), ("Input.Closes", Day(20)), ("Input.Provinces", "iles"), ("Input.Reminders", "5 12"));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var waveUrl = created.Headers.Location!.OriginalString;
        var wave = await site.Factory.WithDatabaseAsync(db => db.SurveyWaves.AsNoTracking().SingleAsync(w => w.Title == title, Cancel));
        Assert.Equal([5, 12], wave.ReminderDays);
        Assert.Equal(TimeSpan.FromDays(21), wave.ClosesAt - wave.OpensAt); // the end of the last day, Nouméa time
        var islandCommunes = Core.Taxonomy.TaxonomyCatalog.Default.FindProvince("iles")!.Communes.Select(c => c.Code).ToList();
        var islands = await site.Factory.WithDatabaseAsync(db => db.Companies.CountAsync(c => c.Status == Core.Companies.PublicationStatus.Published && islandCommunes.Contains(c.CommuneCode), Cancel));
        await site.Factory.WithDatabaseAsync(db =>
        {
            db.SurveyResponses.Add(new SurveyResponse { Id = Guid.CreateVersion7(), WaveId = wave.Id, CompanyId = answered.Id, Status = SurveyResponseStatus.Submitted, Version = 1, UpdatedAt = DateTime.UtcNow, SubmittedAt = DateTime.UtcNow });
            return db.SaveChangesAsync(Cancel);
        });

        var page = await DirectoryWebFactory.ParseAsync(await analyst.GetAsync(waveUrl, Cancel));
        Assert.Equal(islands, SiteFixture.Digits(page.QuerySelector("[data-population]")!.TextContent));
        Assert.Equal(1, SiteFixture.Digits(page.QuerySelector("[data-submitted]")!.TextContent));
        Assert.Equal(["iles"], page.QuerySelectorAll("#taux-province ~ * tbody tr, section[aria-labelledby=taux-province] tbody tr").Select(r => r.GetAttribute("data-code")).Distinct());

        var csv = await analyst.GetStringAsync(waveUrl + "?handler=SansReponse", Cancel);
        Assert.Contains(silent.LegalName, csv, StringComparison.Ordinal);
        Assert.Contains("45 12 34", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(answered.LegalName + ";", csv, StringComparison.Ordinal);
        var list = await DirectoryWebFactory.ParseAsync(await analyst.GetAsync("/observatoire/vagues", Cancel));
        Assert.Contains(list.QuerySelectorAll("tbody tr"), r => r.GetAttribute("data-wave") == wave.Id.ToString());
    }

    [Theory]
    [InlineData("", 0, 20, "", "Donnez un titre")]
    [InlineData("Vague", -20, -2, "", "déjà passé")]
    [InlineData("Vague", 10, 5, "", "le dernier jour après le premier")]
    [InlineData("Vague", 0, 20, "40", "Chaque relance")]
    public async Task A_wave_that_cannot_run_is_refused_in_french_and_the_form_keeps_what_was_typed(string title, int opens, int closes, string reminders, string message)
    {
        var analyst = await AnalystAsync();

        var response = await CreateAsync(analyst, ("Input.Title", title), ("Input.Opens", Day(opens)), ("Input.Closes", Day(closes)), ("Input.Reminders", reminders));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await DirectoryWebFactory.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("#vague-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Day(closes), page.QuerySelector<IHtmlInputElement>("#vague-cloture")!.Value);
    }

    [Fact]
    public async Task Moderators_and_members_cannot_see_the_survey_pages()
    {
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, $"moderateur{TestCompanies.Unique()}@annuaire-test.nc", Roles.Moderator);
        var company = await TestCompanies.PublishedAsync(site.Factory);
        var member = await AccountForms.MemberClientAsync(site.Factory, $"membre{TestCompanies.Unique()}@proprietaires-test.nc", company.Id);

        foreach (var client in new[] { moderator, member })
        {
            DirectoryWebFactory.AssertRefused(await client.GetAsync("/observatoire/vagues", Cancel));
            DirectoryWebFactory.AssertRefused(await client.GetAsync($"/observatoire/vagues/{Guid.NewGuid()}?handler=SansReponse", Cancel));
        }
        var anonymous = await site.Factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/observatoire/vagues", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }
}
