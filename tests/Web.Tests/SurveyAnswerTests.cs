using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Survey;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>A company's owners answer a census wave in Mon espace: draft, refusals kept as typed, sending, who may see it.</summary>
public sealed class SurveyAnswerTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A wave open now whose population is one new company of this test; the owner's client.</summary>
    private async Task<(Guid Company, SurveyWave Wave, HttpClient Owner, string Url)> OpenWaveAsync()
    {
        var company = await TestCompanies.PublishedAsync(site.Factory, (c, _) => c.CommuneCode = "98814");
        var wave = await TestSurveys.OpenWaveAsync(site.Factory, company.Id, "Enquête annuelle " + TestCompanies.Unique(), daysLeft: 20);
        var owner = await AccountForms.MemberClientAsync(site.Factory, $"enquete{TestCompanies.Unique()}@proprietaires-test.nc", company.Id);
        return (company.Id, wave, owner, $"/mon-espace/entreprises/{company.Id}/enquete/{wave.Id}");
    }

    private static async Task<IHtmlFormElement> FormAsync(HttpClient client, string url) =>
        (await DirectoryWebFactory.ParseAsync(await client.GetAsync(url, Cancel))).QuerySelector<IHtmlFormElement>("form.survey-form")!;

    [Fact]
    public async Task The_dashboard_invites_the_owner_who_saves_a_draft_then_sends_complete_answers()
    {
        var (company, wave, owner, url) = await OpenWaveAsync();

        var dashboard = await DirectoryWebFactory.ParseAsync(await owner.GetAsync("/mon-espace", Cancel));
        var invitation = dashboard.QuerySelector($"[data-survey='{wave.Id}']")!;
        Assert.Contains(wave.Title, invitation.TextContent, StringComparison.Ordinal);
        Assert.Equal(url, invitation.QuerySelector("a")!.GetAttribute("href"));

        var draft = await ProfileForms.PostAsync(owner, await FormAsync(owner, url), ("action", "brouillon"), ("r.effectif", "4"));
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        var resumed = await DirectoryWebFactory.ParseAsync(await owner.GetAsync(url, Cancel));
        Assert.Equal("4", resumed.QuerySelector<IHtmlInputElement>("#r\\.effectif")!.Value);

        var sent = await ProfileForms.PostAsync(owner, resumed.QuerySelector<IHtmlFormElement>("form.survey-form")!, [("action", "envoyer"), .. TestSurveys.CompleteAnswers]);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var stored = await site.Factory.WithDatabaseAsync(db => db.SurveyResponses.AsNoTracking().SingleAsync(r => r.WaveId == wave.Id && r.CompanyId == company, Cancel));
        Assert.Equal(SurveyResponseStatus.Submitted, stored.Status);
        var answers = SurveyWaves.Read(stored);
        Assert.Equal(["site-propre", "reseaux-sociaux"], answers["canaux"].Choices);
        Assert.Equal(60, answers["clients-types"].Split["entreprises"]);
        var after = await DirectoryWebFactory.ParseAsync(await owner.GetAsync("/mon-espace", Cancel));
        Assert.Contains("envoyées", after.QuerySelector($"[data-survey='{wave.Id}']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_answers_get_french_messages_next_to_their_question_and_what_was_typed_is_kept()
    {
        var (company, wave, owner, url) = await OpenWaveAsync();

        var response = await ProfileForms.PostAsync(owner, await FormAsync(owner, url),
            [("action", "envoyer"), .. TestSurveys.CompleteAnswers.Where(a => a.Item1 is not ("r.effectif" or "r.clients-types.particuliers" or "r.ca-tranche")),
             ("r.effectif", "quatre"), ("r.clients-types.particuliers", "20")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await DirectoryWebFactory.ParseAsync(response);
        var summary = page.QuerySelector(".error-summary")!;
        Assert.Equal(["#question-clients-types", "#question-effectif", "#question-ca-tranche"], summary.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Contains("nombre entier de 0 à 5", page.QuerySelector("#question-effectif-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("100", page.QuerySelector("#question-clients-types-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Merci de répondre à cette question.", page.QuerySelector("#question-ca-tranche-erreur")!.TextContent);
        Assert.Equal("quatre", page.QuerySelector<IHtmlInputElement>("#r\\.effectif")!.Value);
        Assert.Equal("true", page.QuerySelector("#r\\.effectif")!.GetAttribute("aria-invalid"));
        Assert.Equal("20", page.QuerySelector<IHtmlInputElement>("#r\\.clients-types\\.particuliers")!.Value);
        Assert.True(page.QuerySelectorAll<IHtmlInputElement>("input[name='r.canaux']").Single(i => i.Value == "site-propre").IsChecked);
        Assert.False(await site.Factory.WithDatabaseAsync(db => db.SurveyResponses.AnyAsync(r => r.WaveId == wave.Id && r.CompanyId == company, Cancel)));
    }

    [Fact]
    public async Task Answers_are_confidential_moderators_editors_and_other_companies_get_no_access()
    {
        var (company, _, _, url) = await OpenWaveAsync();
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, $"moderation{TestCompanies.Unique()}@annuaire-test.nc", Roles.Moderator);
        var editor = await AccountForms.MemberClientAsync(site.Factory, $"editeur{TestCompanies.Unique()}@editeurs-test.nc", company, MemberRole.Editor);
        var other = await TestCompanies.PublishedAsync(site.Factory);
        var stranger = await AccountForms.MemberClientAsync(site.Factory, $"autre{TestCompanies.Unique()}@proprietaires-test.nc", other.Id);

        DirectoryWebFactory.AssertRefused(await moderator.GetAsync(url, Cancel));
        DirectoryWebFactory.AssertRefused(await editor.GetAsync(url, Cancel));
        DirectoryWebFactory.AssertRefused(await stranger.GetAsync(url, Cancel));
        // Its own company, but not in the wave's population.
        var notAsked = $"/mon-espace/entreprises/{other.Id}/enquete/{url.Split('/').Last()}";
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(notAsked, Cancel)).StatusCode);
    }

    [Fact]
    public async Task After_closing_the_answers_are_shown_and_a_late_post_is_refused_with_the_closing_date()
    {
        var (company, wave, owner, url) = await OpenWaveAsync();
        var form = await FormAsync(owner, url);
        await using (var scope = site.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var closed = await db.SurveyWaves.SingleAsync(w => w.Id == wave.Id, Cancel);
            closed.ClosesAt = DateTime.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync(Cancel);
        }

        var late = await ProfileForms.PostAsync(owner, form, [("action", "envoyer"), .. TestSurveys.CompleteAnswers]);

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var page = await DirectoryWebFactory.ParseAsync(late);
        Assert.Contains("close depuis le", page.QuerySelector(".notice-error")!.TextContent, StringComparison.Ordinal);
        Assert.True(page.QuerySelector<IHtmlFieldSetElement>("fieldset.survey-all")!.IsDisabled);
        Assert.False(await site.Factory.WithDatabaseAsync(db => db.SurveyResponses.AnyAsync(r => r.CompanyId == company, Cancel)));
    }
}
