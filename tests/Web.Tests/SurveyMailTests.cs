using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Web.Features.Moderation;
using AnnuaireFiliere.Web.Features.Survey;
using AnnuaireFiliere.Web.Infrastructure;
using AnnuaireFiliere.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>
/// The site with the census mailer switched off as a hosted service (the tests run each pass themselves), and a mail
/// server that refuses every address at <c>panne-test.nc</c>.
/// </summary>
public sealed class SurveyMailSite : IAsyncLifetime
{
    public const string BrokenDomain = "@panne-test.nc";

    public AccountSite Site { get; } = new()
    {
        TestServices = services =>
        {
            var real = services.Last(d => d.ServiceType == typeof(IMailSender));
            services.AddSingleton<IMailSender>(provider => new RefusingSender((IMailSender)real.ImplementationFactory!(provider)));
        },
    };

    public ValueTask InitializeAsync()
    {
        Site.Factory.Settings["Survey:Mails"] = "false";
        return Site.InitializeAsync();
    }

    public ValueTask DisposeAsync() => Site.DisposeAsync();

    private sealed class RefusingSender(IMailSender inner) : IMailSender
    {
        public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default) =>
            mail.To.EndsWith(BrokenDomain, StringComparison.OrdinalIgnoreCase)
                ? throw new IOException("550 mailbox unavailable")
                : inner.SendAsync(mail, cancellationToken);
    }
}

/// <summary>
/// The census mails: invitations to owners (their Mon espace page) and to unclaimed companies (a signed link), a
/// failed send noted without stopping the pass, the analyst's counts; and the signed link's page: the form without an
/// account, that company and that wave only, 404 for a bad link, 410 once closed.
/// </summary>
public sealed class SurveyMailTests(SurveyMailSite fixture) : IClassFixture<SurveyMailSite>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private AccountSite Site => fixture.Site;

    private DirectoryWebFactory Factory => Site.Factory;

    private const string InvitationSubject = "Enquête de l'observatoire du numérique : {0} est invitée à répondre";

    private Task<int> PassAsync() =>
        new SurveyMailer(Factory.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, NullLogger<SurveyMailer>.Instance).RunOnceAsync(Cancel);

    /// <summary>A published company with this public contact email (none when null).</summary>
    private async Task<Company> CompanyAsync(string name, string? email) =>
        await TestCompanies.AddAsync(Factory, name + " " + TestCompanies.Unique(), PublicationStatus.Published, (c, _) => c.Email = email);

    private string Token(Guid wave, Guid company, DateTime closesAt) => Factory.Services.GetRequiredService<SurveyLinks>().Token(wave, company, closesAt);

    /// <summary>An unclaimed company with a contact email, an open wave asking it, and the address of its signed link.</summary>
    private async Task<(Company Company, SurveyWave Wave, string Url)> LinkAsync(string name, string title)
    {
        var company = await CompanyAsync(name, $"contact{TestCompanies.Unique()}@lien-test.nc");
        var wave = await TestSurveys.OpenWaveAsync(Factory, company.Id, title + TestCompanies.Unique());
        return (company, wave, "/enquete/" + Token(wave.Id, company.Id, wave.ClosesAt));
    }

    private static async Task<IHtmlFormElement> FormAsync(HttpClient client, string url) =>
        (await DirectoryWebFactory.ParseAsync(await client.GetAsync(url, Cancel))).QuerySelector<IHtmlFormElement>("form.survey-form")!;

    [Fact]
    public async Task A_pass_invites_owners_to_their_page_and_unclaimed_companies_with_a_signed_link_once_and_the_analyst_sees_what_was_sent()
    {
        var n = TestCompanies.Unique();
        var owned = await CompanyAsync("Houaïlou Informatique", $"contact{n}@houailou-test.nc");
        var ownerEmail = $"gerant{n}@houailou-test.nc";
        var owner = await AccountForms.ConfirmedUserAsync(Factory.Services, ownerEmail);
        await Factory.WithDatabaseAsync(db =>
        {
            db.CompanyMembers.Add(new CompanyMember { CompanyId = owned.Id, UserId = owner.Id, Role = MemberRole.Owner, Since = DateTime.UtcNow });
            return db.SaveChangesAsync(Cancel);
        });
        var unclaimed = await CompanyAsync("Poya Pixels", $"contact{n}@poya-test.nc");
        var broken = await CompanyAsync("Canala Câbles", $"contact{n}{SurveyMailSite.BrokenDomain}");
        var unreachable = await CompanyAsync("Sarraméa Systèmes", null);
        var wave = await TestSurveys.OpenWaveAsync(Factory, [owned.Id, unclaimed.Id, broken.Id, unreachable.Id], "Enquête courriels " + n);

        Assert.True(await PassAsync() >= 2);
        Assert.Equal(0, await PassAsync());

        var toOwner = await Site.MailToAsync(ownerEmail, string.Format(CultureInfo.InvariantCulture, InvitationSubject, owned.DisplayName));
        Assert.Equal($"http://localhost/mon-espace/entreprises/{owned.Id}/enquete/{wave.Id}", AccountForms.LinkIn(toOwner));
        Assert.Contains(wave.Title, toOwner.TextBody, StringComparison.Ordinal);
        var lastDay = TimeZoneInfo.ConvertTimeFromUtc(wave.ClosesAt.AddTicks(-1), Display.Noumea).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("fr-NC"));
        Assert.Contains($"jusqu'au {lastDay}", toOwner.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"http://localhost/mon-espace/entreprises/{owned.Id}/enquete/{wave.Id}\"", toOwner.HtmlBody, StringComparison.Ordinal);
        Assert.Empty(Site.MailsTo($"contact{n}@houailou-test.nc"));
        var toContact = await Site.MailToAsync($"contact{n}@poya-test.nc", string.Format(CultureInfo.InvariantCulture, InvitationSubject, unclaimed.DisplayName));
        var link = AccountForms.LinkIn(toContact);
        Assert.StartsWith("http://localhost/enquete/", link, StringComparison.Ordinal);
        Assert.Contains("S'il ne concerne pas votre entreprise, ignorez-le.", toContact.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("à l'origine de cette demande", toContact.TextBody, StringComparison.Ordinal);
        Assert.Single(Site.MailsTo(ownerEmail));
        Assert.Single(Site.MailsTo($"contact{n}@poya-test.nc"));

        // The signed link opens that company's form, without an account.
        var visitor = Factory.CreateBrowserLikeClient();
        var page = await DirectoryWebFactory.ParseAsync(await visitor.GetAsync(link, Cancel));
        Assert.Contains(unclaimed.DisplayName, page.QuerySelector(".lead")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("form.survey-form"));

        var failure = await Factory.WithDatabaseAsync(db => db.SurveyInvitations.AsNoTracking().SingleAsync(i => i.WaveId == wave.Id && i.CompanyId == broken.Id, Cancel));
        Assert.Contains("550", failure.Failure, StringComparison.Ordinal);
        var analyst = await AccountForms.SignedInClientAsync(Factory, $"analyste{n}@observatoire-test.nc", Roles.Analyst);
        var counts = await DirectoryWebFactory.ParseAsync(await analyst.GetAsync($"/observatoire/vagues/{wave.Id}", Cancel));
        Assert.Equal(2, SiteFixture.Digits(counts.QuerySelector("[data-invitations]")!.TextContent));
        Assert.Equal(0, SiteFixture.Digits(counts.QuerySelector("[data-reminders]")!.TextContent));
        Assert.Equal(1, SiteFixture.Digits(counts.QuerySelector("[data-failed]")!.TextContent));
        Assert.Equal(1, SiteFixture.Digits(counts.QuerySelector("[data-unreachable]")!.TextContent));
    }

    [Fact]
    public async Task Through_the_signed_link_a_contact_saves_a_draft_resumes_and_sends_the_answers_without_an_account()
    {
        var (company, wave, url) = await LinkAsync("Thio Télécom", "Enquête lien ");
        var visitor = Factory.CreateBrowserLikeClient();

        var first = await visitor.GetAsync(url, Cancel);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("no-store", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var draft = await ProfileForms.PostAsync(visitor, await FormAsync(visitor, url), ("action", "brouillon"), ("r.effectif", "4"));
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        Assert.Equal(url + "?fait=enregistre", draft.Headers.Location!.OriginalString);
        var resumed = await DirectoryWebFactory.ParseAsync(await visitor.GetAsync(url, Cancel));
        Assert.Equal("4", resumed.QuerySelector<IHtmlInputElement>("#r\\.effectif")!.Value);

        var sent = await ProfileForms.PostAsync(visitor, resumed.QuerySelector<IHtmlFormElement>("form.survey-form")!, [("action", "envoyer"), .. TestSurveys.CompleteAnswers]);

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var stored = await Factory.WithDatabaseAsync(db => db.SurveyResponses.AsNoTracking().SingleAsync(r => r.WaveId == wave.Id && r.CompanyId == company.Id, Cancel));
        Assert.Equal(SurveyResponseStatus.Submitted, stored.Status);
        Assert.Null(stored.UpdatedBy);
        Assert.Equal(4, SurveyWaves.Read(stored)["effectif"].Number);
    }

    [Fact]
    public async Task A_tampered_or_foreign_token_is_not_found_and_reaches_no_other_company_or_wave()
    {
        var company = await CompanyAsync("Bourail Bits", $"contact{TestCompanies.Unique()}@bourail-test.nc");
        var other = await CompanyAsync("Voh Vidéo", $"contact{TestCompanies.Unique()}@voh-test.nc");
        var wave = await TestSurveys.OpenWaveAsync(Factory, [company.Id, other.Id], "Enquête A " + TestCompanies.Unique());
        var otherWave = await TestSurveys.OpenWaveAsync(Factory, other.Id, "Enquête B " + TestCompanies.Unique());
        var valid = Token(wave.Id, company.Id, wave.ClosesAt);
        var tampered = valid[..^4] + (valid.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var freshness = Factory.Services.GetRequiredService<FreshnessLinks>().Token(wave.Id, company.Id);
        var visitor = Factory.CreateBrowserLikeClient();

        foreach (var token in new[] { tampered, freshness, "pas-un-jeton", Token(otherWave.Id, company.Id, otherWave.ClosesAt) })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/enquete/" + token, Cancel)).StatusCode);
        }

        // The good link's form posted to a tampered link saves nothing; the good link saves for its company and wave only.
        var form = await FormAsync(visitor, "/enquete/" + valid);
        form.SetAttribute("action", "/enquete/" + tampered);
        Assert.Equal(HttpStatusCode.NotFound, (await ProfileForms.PostAsync(visitor, form, ("action", "brouillon"), ("r.effectif", "2"))).StatusCode);
        form.SetAttribute("action", "/enquete/" + valid);
        Assert.Equal(HttpStatusCode.Redirect, (await ProfileForms.PostAsync(visitor, form, ("action", "brouillon"), ("r.effectif", "2"))).StatusCode);
        var responses = await Factory.WithDatabaseAsync(db => db.SurveyResponses.AsNoTracking()
            .Where(r => r.CompanyId == company.Id || r.CompanyId == other.Id).Select(r => new { r.WaveId, r.CompanyId }).ToListAsync(Cancel));
        Assert.Equal(new[] { new { WaveId = wave.Id, CompanyId = company.Id } }, responses);
    }

    [Fact]
    public async Task Once_the_wave_has_closed_the_link_answers_410_with_the_closing_date_in_french_and_saves_nothing()
    {
        var (company, wave, url) = await LinkAsync("Kaala Cloud", "Enquête close ");
        var visitor = Factory.CreateBrowserLikeClient();
        var form = await FormAsync(visitor, url);
        var closedAt = DateTime.UtcNow.AddMinutes(-1);
        await Factory.WithDatabaseAsync(db => db.SurveyWaves.Where(w => w.Id == wave.Id).ExecuteUpdateAsync(set => set.SetProperty(w => w.ClosesAt, closedAt), Cancel));

        var gone = await visitor.GetAsync(url, Cancel);
        var late = await ProfileForms.PostAsync(visitor, form, [("action", "envoyer"), .. TestSurveys.CompleteAnswers]);

        var date = TimeZoneInfo.ConvertTimeFromUtc(closedAt, Display.Noumea).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("fr-NC"));
        foreach (var response in new[] { gone, late })
        {
            Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
            var page = await DirectoryWebFactory.ParseAsync(response);
            Assert.Contains($"est close depuis le {date}", page.QuerySelector("[data-closed]")!.TextContent, StringComparison.Ordinal);
            Assert.Null(page.QuerySelector("form.survey-form"));
        }
        Assert.False(await Factory.WithDatabaseAsync(db => db.SurveyResponses.AnyAsync(r => r.CompanyId == company.Id, Cancel)));
    }

    [Fact]
    public async Task Saves_through_the_link_are_limited_per_address_and_the_refused_answers_are_kept()
    {
        await using var factory = new DirectoryWebFactory(); // its own limiter
        _ = factory.Server;
        var company = await TestCompanies.AddAsync(factory, "Ouégoa Ordinateurs", PublicationStatus.Published, (c, _) => c.Email = "contact@ouegoa-test.nc");
        var wave = await TestSurveys.OpenWaveAsync(factory, company.Id, "Enquête limitée");
        var url = "/enquete/" + factory.Services.GetRequiredService<SurveyLinks>().Token(wave.Id, company.Id, wave.ClosesAt);
        var visitor = factory.CreateBrowserLikeClient();
        var form = await FormAsync(visitor, url);
        for (var i = 0; i < RespondModel.PostsPerHour; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await ProfileForms.PostAsync(visitor, form, ("action", "brouillon"), ("r.effectif", "3"))).StatusCode);
        }

        var refused = await ProfileForms.PostAsync(visitor, form, ("action", "brouillon"), ("r.effectif", "5"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var page = await DirectoryWebFactory.ParseAsync(refused);
        Assert.Contains("Trop d'enregistrements", page.QuerySelector(".notice-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("5", page.QuerySelector<IHtmlInputElement>("#r\\.effectif")!.Value);
        var stored = await factory.WithDatabaseAsync(db => db.SurveyResponses.AsNoTracking().SingleAsync(r => r.CompanyId == company.Id, Cancel));
        Assert.Equal(3, SurveyWaves.Read(stored)["effectif"].Number);
    }
}
