using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Buyers;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Web.Features.Requests;
using AnnuaireFiliere.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>The site with its mail server, the per-address limit of the buyers' forms out of the way.</summary>
public sealed class ContactRequestSite : IAsyncLifetime
{
    /// <summary>The mail server refuses every address of this domain.</summary>
    public const string BrokenDomain = "@panne-demandes.nc";

    public AccountSite Site { get; } = new()
    {
        TestServices = services =>
        {
            var real = services.Last(d => d.ServiceType == typeof(IMailSender));
            services.AddSingleton<IMailSender>(provider => new RefusingSender((IMailSender)real.ImplementationFactory!(provider)));
        },
    };

    private sealed class RefusingSender(IMailSender inner) : IMailSender
    {
        public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default) =>
            mail.To.EndsWith(BrokenDomain, StringComparison.OrdinalIgnoreCase)
                ? throw new IOException("550 mailbox unavailable")
                : inner.SendAsync(mail, cancellationToken);
    }

    public ValueTask InitializeAsync()
    {
        Site.Factory.Settings["Requests:PostsPerHour"] = "10000";
        return Site.InitializeAsync();
    }

    public ValueTask DisposeAsync() => Site.DisposeAsync();
}

/// <summary>
/// Contact and quote requests end to end (issue #19, part 1): the form, the confirmation mailed to the buyer and
/// nothing to the companies before it, one mail per company (reply-to the buyer, no other recipient named, none to a
/// company that turned requests off), a second confirmation sending nothing, the company's "Demandes reçues" and its
/// statuses, the buyer's copy and follow-up showing who opened it; and every refusal with a French message and what
/// was typed kept.
/// </summary>
public sealed class ContactRequestTests(ContactRequestSite fixture) : IClassFixture<ContactRequestSite>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private AccountSite Site => fixture.Site;

    private DirectoryWebFactory Factory => Site.Factory;

    private const string Message = "Bonjour, nous cherchons un prestataire pour refaire le site de la mairie, hébergement compris.";

    /// <summary>A published company with its own contact address (none when <paramref name="email"/> is false).</summary>
    private async Task<Company> CompanyAsync(string name, bool email = true, bool requestsOff = false)
    {
        var unique = TestCompanies.Unique();
        return await TestCompanies.AddAsync(Factory, $"{name} {unique}", PublicationStatus.Published, (c, _) =>
        {
            c.Email = email ? $"contact{unique}@demandes-test.nc" : null;
            c.RequestsOff = requestsOff;
        });
    }

    private static (string, string)[] Fields(string email, string subject, params (string, string)[] changed)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Marie Gope", ["Input.Organisation"] = "Mairie de Koné", ["Input.Email"] = email, ["Input.Phone"] = "+687 47 12 34",
            ["Input.Subject"] = subject, ["Input.Message"] = Message, ["Input.DesiredDate"] = DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.BudgetBand"] = BudgetBands.From2MTo10M, ["Input.Consent"] = "true",
        };
        foreach (var (name, value) in changed)
        {
            fields[name] = value;
        }
        return [.. fields.Select(f => (f.Key, f.Value))];
    }

    private static async Task<IHtmlFormElement> RequestFormAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await DirectoryWebFactory.ParseAsync(response)).QuerySelector<IHtmlFormElement>("form.request-form")!;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string, string)[] fields) =>
        await ProfileForms.PostAsync(client, await RequestFormAsync(client, url), fields);

    /// <summary>Puts these companies in the client's shortlist through the "import a shared list" form.</summary>
    private static async Task ShortlistAsync(HttpClient client, params Company[] companies)
    {
        var shared = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/ma-selection?" + string.Join('&', companies.Select(c => "e=" + c.Slug)), Cancel));
        var import = shared.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.GetAttribute("action")!.EndsWith("/ma-selection/importer", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await ProfileForms.PostAsync(client, import)).StatusCode);
    }

    private async Task<int> StoredAsync(string email) =>
        await Factory.WithDatabaseAsync(db => db.ContactRequests.CountAsync(r => r.Buyer.Email == email, Cancel));

    private static string Unique(string name) => $"{name}{TestCompanies.Unique()}";

    [Fact]
    public async Task A_quote_to_the_shortlist_is_confirmed_once_mailed_to_each_reachable_company_filed_by_members_and_followed_by_the_buyer()
    {
        var first = await CompanyAsync("Premier Devis");
        var second = await CompanyAsync("Second Devis");
        var off = await CompanyAsync("Sans Demandes", requestsOff: true);
        var silent = await CompanyAsync("Sans Adresse", email: false);
        var buyer = Factory.CreateBrowserLikeClient();
        await ShortlistAsync(buyer, first, second, off, silent);

        var shortlist = await DirectoryWebFactory.ParseAsync(await buyer.GetAsync("/ma-selection", Cancel));
        Assert.Equal("/ma-selection/devis", shortlist.QuerySelector("a[data-quote]")!.GetAttribute("href"));
        var page = await DirectoryWebFactory.ParseAsync(await buyer.GetAsync("/ma-selection/devis", Cancel));
        Assert.Equal([first.Slug, second.Slug], page.QuerySelectorAll("[data-recipient]").Select(e => e.GetAttribute("data-recipient")));
        Assert.Contains("ne reçoit pas de demandes", page.QuerySelector($"[data-unreachable='{off.Slug}']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("pas d'adresse e-mail", page.QuerySelector($"[data-unreachable='{silent.Slug}']")!.TextContent, StringComparison.Ordinal);

        var email = Unique("acheteuse") + "@mairie-test.nc";
        var subject = Unique("Refonte du site ");
        var posted = await PostAsync(buyer, "/ma-selection/devis", Fields(email, subject));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var told = await DirectoryWebFactory.ParseAsync(await buyer.GetAsync(posted.Headers.Location!.OriginalString, Cancel));
        Assert.Contains("Consultez votre boîte e-mail", told.QuerySelector("[data-check-mailbox]")!.TextContent, StringComparison.Ordinal);

        var confirmation = await Site.MailToAsync(email, "Confirmez votre demande : " + subject);
        Assert.Contains(first.DisplayName, confirmation.TextBody, StringComparison.Ordinal);
        var link = AccountForms.LinkIn(confirmation);
        // Nothing to any company before the buyer confirms; the GET (a link scanner's) confirms nothing.
        var confirmPage = await buyer.GetAsync(link, Cancel);
        Assert.Equal(HttpStatusCode.OK, confirmPage.StatusCode);
        Assert.Empty(Site.MailsTo(first.Email!));
        Assert.Empty(Site.MailsTo(second.Email!));

        var confirmForm = (await DirectoryWebFactory.ParseAsync(confirmPage)).QuerySelector<IHtmlFormElement>("form:has([data-confirm])")!;
        var confirmed = await ProfileForms.PostAsync(buyer, confirmForm);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);

        foreach (var (company, other) in new[] { (first, second), (second, first) })
        {
            var mail = await Site.MailToAsync(company.Email!, "Demande de devis : " + subject);
            Assert.Equal([company.Email!], mail.To.Mailboxes.Select(m => m.Address));
            Assert.Empty(mail.Cc);
            Assert.Equal([email], mail.ReplyTo.Mailboxes.Select(m => m.Address));
            Assert.Contains(Message, mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("Mairie de Koné", mail.HtmlBody, StringComparison.Ordinal);
            // Never the other recipients.
            foreach (var body in new[] { mail.TextBody, mail.HtmlBody })
            {
                Assert.DoesNotContain(other.DisplayName, body, StringComparison.Ordinal);
                Assert.DoesNotContain(other.Email!, body, StringComparison.Ordinal);
            }
            Assert.True(AccountForms.LinkIn(mail).Contains($"/mon-espace/entreprises/{company.Id}/demandes?demande=", StringComparison.Ordinal), mail.TextBody);
        }
        Assert.Empty(Site.MailsTo(off.Email!));

        // A second confirmation sends nothing more.
        var again = await ProfileForms.PostAsync(buyer, confirmForm);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var copy = await Site.MailToAsync(email, "Votre demande est envoyée : " + subject);
        Assert.Single(Site.MailsTo(first.Email!));
        Assert.Single(Site.MailsTo(email), m => m.Subject.StartsWith("Votre demande est envoyée", StringComparison.Ordinal));
        var sentPage = await DirectoryWebFactory.ParseAsync(await buyer.GetAsync(link, Cancel));
        Assert.NotNull(sentPage.QuerySelector("[data-sent]"));

        // The follow-up: nobody has opened it yet.
        var followUp = AccountForms.LinkIn(copy);
        Assert.Contains("/demandes/suivi/", followUp, StringComparison.Ordinal);
        var before = await DirectoryWebFactory.ParseAsync(await buyer.GetAsync(followUp, Cancel));
        Assert.Equal("non", before.QuerySelector($"[data-company='{first.Slug}']")!.GetAttribute("data-opened"));

        // The company's members: a count on the dashboard, the list, one opened (read), then answered.
        var member = await AccountForms.MemberClientAsync(Factory, Unique("membre") + "@premier-test.nc", first.Id, MemberRole.Editor);
        var dashboard = await DirectoryWebFactory.ParseAsync(await member.GetAsync("/mon-espace", Cancel));
        Assert.Equal("1", dashboard.QuerySelector($"[data-company='{first.Id}'] [data-received-requests]")!.GetAttribute("data-received-requests"));
        var listUrl = $"/mon-espace/entreprises/{first.Id}/demandes";
        var list = await DirectoryWebFactory.ParseAsync(await member.GetAsync(listUrl, Cancel));
        var item = Assert.Single(list.QuerySelectorAll("[data-request]"));
        Assert.Equal("New", item.GetAttribute("data-status"));
        var opened = await DirectoryWebFactory.ParseAsync(await member.GetAsync(item.QuerySelector("a")!.GetAttribute("href"), Cancel));
        var article = opened.QuerySelector("article[data-request]")!;
        Assert.Equal("Read", article.GetAttribute("data-status"));
        Assert.Contains(email, article.QuerySelector("[data-buyer]")!.TextContent, StringComparison.Ordinal);

        var after = await DirectoryWebFactory.ParseAsync(await buyer.GetAsync(followUp, Cancel));
        Assert.Equal("oui", after.QuerySelector($"[data-company='{first.Slug}']")!.GetAttribute("data-opened"));
        Assert.Equal("non", after.QuerySelector($"[data-company='{second.Slug}']")!.GetAttribute("data-opened"));

        var answer = opened.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.QuerySelector("[data-set-status='repondue']") is not null);
        var filed = await ProfileForms.PostAsync(member, answer, ("statut", "repondue"));
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        list = await DirectoryWebFactory.ParseAsync(await member.GetAsync(listUrl, Cancel));
        Assert.Equal("Answered", list.QuerySelector("[data-request]")!.GetAttribute("data-status"));
        // The form read before that change is stale: told, nothing overwritten.
        var archive = opened.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.QuerySelector("[data-set-status='archivee']") is not null);
        var stale = await ProfileForms.PostAsync(member, archive, ("statut", "archivee"));
        Assert.EndsWith("fait=conflit", stale.Headers.Location!.OriginalString, StringComparison.Ordinal);
        list = await DirectoryWebFactory.ParseAsync(await member.GetAsync(listUrl, Cancel));
        Assert.Equal("Answered", list.QuerySelector("[data-request]")!.GetAttribute("data-status"));

        // Another company's member cannot read it.
        var stranger = await AccountForms.MemberClientAsync(Factory, Unique("intrus") + "@second-test.nc", second.Id);
        DirectoryWebFactory.AssertRefused(await stranger.GetAsync(listUrl, Cancel));
    }

    [Fact]
    public async Task A_company_mail_that_fails_is_noted_not_listed_and_shown_as_not_sent_while_the_others_go()
    {
        var good = await CompanyAsync("Bonne Adresse");
        var unique = TestCompanies.Unique();
        var broken = await TestCompanies.AddAsync(Factory, $"Adresse En Panne {unique}", PublicationStatus.Published, (c, _) => c.Email = $"contact{unique}{ContactRequestSite.BrokenDomain}");
        var buyer = Factory.CreateBrowserLikeClient();
        await ShortlistAsync(buyer, good, broken);
        var email = Unique("panne") + "@mairie-test.nc";
        var subject = Unique("Panne ");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(buyer, "/ma-selection/devis", Fields(email, subject))).StatusCode);
        var link = AccountForms.LinkIn(await Site.MailToAsync(email, "Confirmez votre demande : " + subject));
        var form = (await DirectoryWebFactory.ParseAsync(await buyer.GetAsync(link, Cancel))).QuerySelector<IHtmlFormElement>("form:has([data-confirm])")!;
        Assert.Equal(HttpStatusCode.Redirect, (await ProfileForms.PostAsync(buyer, form)).StatusCode);

        await Site.MailToAsync(good.Email!, "Demande de devis : " + subject);
        var copy = await Site.MailToAsync(email, "Votre demande est envoyée : " + subject);
        Assert.DoesNotContain(broken.DisplayName, copy.TextBody, StringComparison.Ordinal);
        var failure = await Factory.WithDatabaseAsync(db => db.ContactRecipients.Where(r => r.CompanyId == broken.Id).Select(r => r.Failure).SingleAsync(Cancel));
        Assert.Contains("550", failure, StringComparison.Ordinal);
        var followUp = await DirectoryWebFactory.ParseAsync(await buyer.GetAsync(AccountForms.LinkIn(copy), Cancel));
        Assert.NotNull(followUp.QuerySelector($"[data-company='{broken.Slug}'] [data-state='non-envoyee']"));
        Assert.NotNull(followUp.QuerySelector($"[data-company='{good.Slug}'] [data-state='envoyee']"));
        var member = await AccountForms.MemberClientAsync(Factory, Unique("membre") + "@panne-test.nc", broken.Id);
        var list = await DirectoryWebFactory.ParseAsync(await member.GetAsync($"/mon-espace/entreprises/{broken.Id}/demandes", Cancel));
        Assert.NotNull(list.QuerySelector("[data-empty]"));
    }

    [Fact]
    public async Task The_profile_says_whether_a_company_can_be_contacted_and_its_members_turn_requests_off_in_the_profile_form()
    {
        var open = await CompanyAsync("Contactable");
        var off = await CompanyAsync("Pas De Demandes", requestsOff: true);
        var silent = await CompanyAsync("Pas Adresse", email: false);
        var visitor = Factory.CreateBrowserLikeClient();

        var profile = await DirectoryWebFactory.ParseAsync(await visitor.GetAsync($"/entreprises/{open.Slug}", Cancel));
        Assert.Equal($"/entreprises/{open.Slug}/contacter", profile.QuerySelector("a[data-contact-request='Reachable']")!.GetAttribute("href"));
        profile = await DirectoryWebFactory.ParseAsync(await visitor.GetAsync($"/entreprises/{off.Slug}", Cancel));
        Assert.Contains("ne reçoit pas de demandes", profile.QuerySelector("[data-contact-request='RequestsOff']")!.TextContent, StringComparison.Ordinal);
        Assert.Null(profile.QuerySelector("a[data-contact-request]"));
        profile = await DirectoryWebFactory.ParseAsync(await visitor.GetAsync($"/entreprises/{silent.Slug}", Cancel));
        Assert.Contains("pas d'adresse e-mail", profile.QuerySelector("[data-contact-request='NoEmail']")!.TextContent, StringComparison.Ordinal);
        var closed = await DirectoryWebFactory.ParseAsync(await visitor.GetAsync($"/entreprises/{off.Slug}/contacter", Cancel));
        Assert.Null(closed.QuerySelector("form.request-form"));
        Assert.NotNull(closed.QuerySelector("[data-unreachable='RequestsOff']"));

        // The owner turns requests off (and the needs digest) in the profile form.
        var owner = await AccountForms.MemberClientAsync(Factory, Unique("gerant") + "@contactable-test.nc", open.Id);
        var url = $"/mon-espace/entreprises/{open.Id}/modifier";
        var form = (await DirectoryWebFactory.ParseAsync(await owner.GetAsync(url, Cancel))).QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.GetAttribute("action") == url);
        Assert.Equal(HttpStatusCode.Redirect, (await ProfileForms.PostAsync(owner, form, ("Input.Contact.RequestsOff", "true"), ("Input.Contact.NeedsOff", "true"))).StatusCode);
        var saved = await Factory.WithDatabaseAsync(db => db.Companies.AsNoTracking().SingleAsync(c => c.Id == open.Id, Cancel));
        Assert.True(saved.RequestsOff);
        Assert.True(saved.NeedsOff);
        profile = await DirectoryWebFactory.ParseAsync(await visitor.GetAsync($"/entreprises/{open.Slug}", Cancel));
        Assert.NotNull(profile.QuerySelector("[data-contact-request='RequestsOff']"));
        var edit = await DirectoryWebFactory.ParseAsync(await owner.GetAsync(url, Cancel));
        Assert.True(edit.QuerySelector<IHtmlInputElement>("input[name='Input.Contact.RequestsOff'][type=checkbox]")!.IsChecked);
    }

    /// <summary>The form again, with a French message and what was typed.</summary>
    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> RefusedAsync(HttpResponseMessage response, string message, HttpStatusCode status = HttpStatusCode.OK)
    {
        Assert.Equal(status, response.StatusCode);
        var page = await DirectoryWebFactory.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("form.request-form")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Marie Gope", page.QuerySelector<IHtmlInputElement>("input[name='Input.Name']")!.Value);
        Assert.Equal("Mairie de Koné", page.QuerySelector<IHtmlInputElement>("input[name='Input.Organisation']")!.Value);
        Assert.StartsWith("Bonjour", page.QuerySelector<IHtmlTextAreaElement>("textarea[name='Input.Message']")!.Value, StringComparison.Ordinal);
        return page;
    }

    [Fact]
    public async Task Refusals_say_why_in_french_keep_what_was_typed_and_store_nothing()
    {
        var company = await CompanyAsync("Refus");
        var url = $"/entreprises/{company.Slug}/contacter";
        var visitor = Factory.CreateBrowserLikeClient();
        var email = Unique("refus") + "@mairie-test.nc";

        var linked = await RefusedAsync(await PostAsync(visitor, url, Fields(email, "Devis", ("Input.Message", "Bonjour, voyez notre cahier des charges sur www.exemple.nc avant de répondre."))),
            "contient un lien");
        Assert.Equal("true", linked.QuerySelector("textarea[name='Input.Message']")!.GetAttribute("aria-invalid"));
        await RefusedAsync(await PostAsync(visitor, url, Fields(email, "Devis", ("Input.Website", "https://promo.example"))), "n'a pas pu être envoyée");
        var pastDate = await RefusedAsync(await PostAsync(visitor, url, Fields(email, "Devis", ("Input.DesiredDate", "2020-01-01"))), "Cette date est passée");
        Assert.Equal("2020-01-01", pastDate.QuerySelector<IHtmlInputElement>("input[name='Input.DesiredDate']")!.Value);
        await RefusedAsync(await PostAsync(visitor, url, Fields(email, "Devis", ("Input.DesiredDate", "31/02/2026"))), "Cette date n'est pas valide");
        var noConsent = Fields(email, "Devis").Where(f => f.Item1 != "Input.Consent").ToArray();
        await RefusedAsync(await PostAsync(visitor, url, noConsent), "Cochez la case");

        // An attachment: a multipart post with a file part.
        var form = await RequestFormAsync(visitor, url);
        using (var multipart = new MultipartFormDataContent())
        {
            multipart.Add(new StringContent(form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value), "__RequestVerificationToken");
            foreach (var (name, value) in Fields(email, "Devis"))
            {
                multipart.Add(new StringContent(value), name);
            }
            multipart.Add(new ByteArrayContent("%PDF-1.4"u8.ToArray()), "piece", "cahier.pdf");
            await RefusedAsync(await visitor.PostAsync(url, multipart, Cancel), "pièces jointes ne sont pas acceptées");
        }

        // Blocked address and domain: the same words as any refusal.
        using (var scope = Factory.Services.CreateScope())
        {
            var guard = scope.ServiceProvider.GetRequiredService<BuyerGuard>();
            await guard.BlockAsync("bloquee@mairie-test.nc", "test", null, Cancel);
            await guard.BlockAsync("pourriel-test.nc", null, null, Cancel);
        }
        await RefusedAsync(await PostAsync(visitor, url, Fields("Bloquee@Mairie-test.nc", "Devis")), "n'a pas pu être envoyée");
        await RefusedAsync(await PostAsync(visitor, url, Fields("robot@envoi.pourriel-test.nc", "Devis")), "n'a pas pu être envoyée");
        Assert.Equal(0, await StoredAsync(email));
        Assert.Equal(0, await StoredAsync("bloquee@mairie-test.nc"));

        // The per-email limit: three waiting for confirmation in an hour, then 429 with the form kept.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(visitor, url, Fields(email, "Devis " + i))).StatusCode);
        }
        var limited = await PostAsync(visitor, url, Fields(email, "Devis 4"));
        Assert.NotNull(limited.Headers.RetryAfter);
        await RefusedAsync(limited, "beaucoup de demandes avec cette adresse", HttpStatusCode.TooManyRequests);
        Assert.Equal(3, await StoredAsync(email));
        Assert.Empty(Site.MailsTo(company.Email!));
    }

    [Fact]
    public async Task A_quote_to_more_companies_than_allowed_is_refused_with_the_ticks_kept()
    {
        var companies = new List<Company>();
        for (var i = 0; i <= ContactRequest.MaxRecipients; i++)
        {
            companies.Add(await CompanyAsync("Nombreuse"));
        }
        var visitor = Factory.CreateBrowserLikeClient();
        await ShortlistAsync(visitor, [.. companies]);
        var form = await RequestFormAsync(visitor, "/ma-selection/devis");
        // The first ten are ticked; the buyer ticks the eleventh too.
        Assert.Equal(ContactRequest.MaxRecipients, form.QuerySelectorAll<IHtmlInputElement>("input[name=entreprises]").Count(i => i.IsChecked));
        var email = Unique("nombreux") + "@mairie-test.nc";
        var response = await ProfileForms.PostAsync(visitor, form, [.. Fields(email, "Devis groupé"), .. companies.Select(c => ("entreprises", c.Id.ToString()))]);
        var page = await RefusedAsync(response, "10 entreprises au plus");
        Assert.Equal(ContactRequest.MaxRecipients + 1, page.QuerySelectorAll<IHtmlInputElement>("input[name=entreprises]").Count(i => i.IsChecked));
        Assert.Equal(0, await StoredAsync(email));
    }

    [Fact]
    public async Task An_unknown_or_expired_link_sends_nothing_and_says_so()
    {
        var company = await CompanyAsync("Expiree");
        var visitor = Factory.CreateBrowserLikeClient();
        var email = Unique("tardive") + "@mairie-test.nc";
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(visitor, $"/entreprises/{company.Slug}/contacter", Fields(email, "Tardive"))).StatusCode);
        var link = AccountForms.LinkIn(await Site.MailToAsync(email, "Confirmez votre demande : Tardive"));
        var page = await visitor.GetAsync(link, Cancel);
        var form = (await DirectoryWebFactory.ParseAsync(page)).QuerySelector<IHtmlFormElement>("form:has([data-confirm])")!;

        // Left three days: the request itself has expired.
        await Factory.WithDatabaseAsync(db => db.ContactRequests.Where(r => r.Buyer.Email == email)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, r => r.CreatedAt.AddDays(-3)), Cancel));
        var late = await ProfileForms.PostAsync(visitor, form);
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Contains("Ce lien a expiré", (await DirectoryWebFactory.ParseAsync(late)).QuerySelector("[data-problem]")!.TextContent, StringComparison.Ordinal);

        // A link signed long ago, or one for the follow-up: not a confirmation link.
        var id = await Factory.WithDatabaseAsync(db => db.ContactRequests.Where(r => r.Buyer.Email == email).Select(r => r.Id).SingleAsync(Cancel));
        var protection = Factory.Services.GetRequiredService<IDataProtectionProvider>();
        var old = new RequestLinks(protection, new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-10)), new ContactRequestLimits());
        var stored = await Factory.WithDatabaseAsync(db => db.ContactRequests.AsNoTracking().SingleAsync(r => r.Id == id, Cancel));
        foreach (var token in new[] { old.ConfirmToken(stored), Factory.Services.GetRequiredService<RequestLinks>().FollowUpToken(id), "abc" })
        {
            var unknown = await visitor.GetAsync("/demandes/confirmer/" + Uri.EscapeDataString(token), Cancel);
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Contains("n'est pas valable", (await DirectoryWebFactory.ParseAsync(unknown)).QuerySelector("[data-problem]")!.TextContent, StringComparison.Ordinal);
        }
        Assert.Empty(Site.MailsTo(company.Email!));
    }

    [Fact]
    public async Task Moderators_block_and_unblock_a_sender_and_members_cannot()
    {
        var moderator = await AccountForms.SignedInClientAsync(Factory, Unique("moderatrice") + "@annuaire-test.nc", Roles.Moderator);
        var index = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync("/moderation", Cancel));
        Assert.NotNull(index.QuerySelector("a[href='/moderation/expediteurs']"));
        var page = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync("/moderation/expediteurs", Cancel));
        var add = page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.GetAttribute("action")!.Contains("handler=ajouter", StringComparison.Ordinal));
        var domain = Unique("spam") + "-test.nc";

        var invalid = await ProfileForms.PostAsync(moderator, add, ("Pattern", "pas un domaine"), ("Reason", "essai"));
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var shown = await DirectoryWebFactory.ParseAsync(invalid);
        Assert.Contains("Indiquez une adresse e-mail", shown.QuerySelector("#expediteur-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("essai", shown.QuerySelector<IHtmlInputElement>("#expediteur-raison")!.Value);

        Assert.Equal(HttpStatusCode.Redirect, (await ProfileForms.PostAsync(moderator, add, ("Pattern", "@" + domain.ToUpperInvariant()), ("Reason", "robot"))).StatusCode);
        page = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync("/moderation/expediteurs", Cancel));
        var row = page.QuerySelector($"[data-blocked='{domain}']")!;
        Assert.Contains("robot", row.TextContent, StringComparison.Ordinal);

        var company = await CompanyAsync("Protegee");
        var visitor = Factory.CreateBrowserLikeClient();
        await RefusedAsync(await PostAsync(visitor, $"/entreprises/{company.Slug}/contacter", Fields("x@" + domain, "Offre")), "n'a pas pu être envoyée");

        var member = await AccountForms.MemberClientAsync(Factory, Unique("membre") + "@protegee-test.nc", company.Id);
        DirectoryWebFactory.AssertRefused(await member.GetAsync("/moderation/expediteurs", Cancel));

        Assert.Equal(HttpStatusCode.Redirect, (await ProfileForms.PostAsync(moderator, row.QuerySelector<IHtmlFormElement>("form")!)).StatusCode);
        page = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync("/moderation/expediteurs", Cancel));
        Assert.Null(page.QuerySelector($"[data-blocked='{domain}']"));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(visitor, $"/entreprises/{company.Slug}/contacter", Fields("x@" + domain, "Offre"))).StatusCode);
    }
}

/// <summary>The per-client-address limit of the buyers' forms: the French answer in the page, 429, the form kept.</summary>
public sealed class ContactRequestRateLimitTests : IAsyncLifetime
{
    private readonly DirectoryWebFactory _factory = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _factory.Settings["DemoData:SeedWhenEmpty"] = "false";
        _factory.Settings["Requests:PostsPerHour"] = "2";
        _ = _factory.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Past_the_posts_allowed_per_address_the_form_answers_429_in_french_with_what_was_typed()
    {
        var company = await TestCompanies.PublishedAsync(_factory);
        var url = $"/entreprises/{company.Slug}/contacter";
        var client = _factory.CreateBrowserLikeClient();
        async Task<HttpResponseMessage> PostAsync(string email)
        {
            var form = (await DirectoryWebFactory.ParseAsync(await client.GetAsync(url, Cancel))).QuerySelector<IHtmlFormElement>("form.request-form")!;
            return await ProfileForms.PostAsync(client, form, ("Input.Name", "Paul Néaoutyine"), ("Input.Email", email), ("Input.Subject", "Maintenance"),
                ("Input.Message", "Bonjour, nous cherchons une maintenance informatique pour nos bureaux."), ("Input.Consent", "true"));
        }
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync("un@adresse-test.nc")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync("deux@adresse-test.nc")).StatusCode);
        var limited = await PostAsync("trois@adresse-test.nc");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        var page = await DirectoryWebFactory.ParseAsync(limited);
        Assert.Contains("Trop de demandes depuis votre connexion", page.QuerySelector("form.request-form")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Paul Néaoutyine", page.QuerySelector<IHtmlInputElement>("input[name='Input.Name']")!.Value);
        Assert.Equal("trois@adresse-test.nc", page.QuerySelector<IHtmlInputElement>("input[name='Input.Email']")!.Value);
    }
}
