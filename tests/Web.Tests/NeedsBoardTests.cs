using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Buyers;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Features.Needs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>A site of its own (no demo data), its digest switched off as a hosted service: the tests run each pass.</summary>
public sealed class NeedsSite : IAsyncLifetime
{
    public AccountSite Site { get; } = new();

    public ValueTask InitializeAsync()
    {
        Site.Factory.Settings["DemoData:SeedWhenEmpty"] = "false";
        Site.Factory.Settings["Needs:Mails"] = "false";
        Site.Factory.Settings["Needs:PostsPerHour"] = "1000";
        return Site.InitializeAsync();
    }

    public ValueTask DisposeAsync() => Site.DisposeAsync();
}

/// <summary>
/// The needs board end to end (issue #19, point 2): a need posted without an account → confirmed by its mailed link →
/// published by a moderator → the matching companies (checked against the rule applied directly to every company of
/// the site) get one digest a day → companies answer → the buyer sees the answers and the contact rules hold →
/// closing with an outcome → the history; the refusals of the form, and expiry after the deadline.
/// </summary>
public sealed class NeedsBoardTests(NeedsSite fixture) : IClassFixture<NeedsSite>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private AccountSite Site => fixture.Site;

    private DirectoryWebFactory Factory => Site.Factory;

    /// <summary>An activity, another one, and a service of the catalogue that the test companies' defaults do not have.</summary>
    private const string Wanted = "A0103";
    private const string Other = "A0104";
    private const string WantedService = "boutique-en-ligne";
    private const string Noumea = "98818";
    private const string Koumac = "98812";

    private static string Tomorrow(int days = 30) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Infrastructure.Display.Noumea).DateTime).AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static (string, string)[] NeedFields(string title, string? email, string[] activities, string[] services, string commune, string deadline,
        string description = "Nous cherchons un prestataire pour refaire notre boutique en ligne et la relier à notre caisse.") =>
    [
        ("Input.Title", title),
        ("Input.Description", description),
        .. activities.Select(a => ("Input.ActivityCodes", a)),
        .. services.Select(s => ("Input.ServiceCodes", s)),
        ("Input.CommuneCode", commune),
        ("Input.Deadline", deadline),
        ("Input.BudgetBand", BudgetBands.From500kTo2M),
        ("Input.BuyerKind", "public"),
        ("Input.ContactPreference", "courriel"),
        ("Input.Name", "Marie Tein"),
        ("Input.Organisation", "Mairie de Test"),
        .. email is null ? Array.Empty<(string, string)>() : [("Input.Email", email)],
        ("Input.Phone", "27 12 34"),
    ];

    /// <summary>Posts the form of <paramref name="url"/> chosen by <paramref name="selector"/>, its hidden fields with <paramref name="fields"/>.</summary>
    internal static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string selector, params (string Name, string Value)[] fields)
    {
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync(url, Cancel));
        var form = page.QuerySelector<IHtmlFormElement>(selector);
        Assert.True(form is not null, $"No form {selector} on {url}");
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]")
            .Where(i => fields.All(f => f.Name != i.Name))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Concat(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
        return await client.PostAsync(action, new FormUrlEncodedContent(values), Cancel);
    }

    private static async Task<string> TextAsync(HttpResponseMessage response) => (await DirectoryWebFactory.ParseAsync(response)).Body!.TextContent;

    private Task<Need> NeedAsync(string title) => Factory.WithDatabaseAsync(db => db.Needs.AsNoTracking().SingleAsync(n => n.Title == title, Cancel));

    private Task<int> DigestAsync(FakeTimeProvider clock) =>
        new NeedDigestMailer(Factory.Services.GetRequiredService<IServiceScopeFactory>(), clock, NullLogger<NeedDigestMailer>.Instance).RunOnceAsync(Cancel);

    /// <summary>A published company with these activities, services and place, claimed by a new owner (its address) unless not.</summary>
    private async Task<(Company Company, string? Owner)> CompanyAsync(string name, string primary, string[] services, string commune, bool wholeTerritory,
        bool claimed = true, bool needsOff = false)
    {
        var n = TestCompanies.Unique();
        var company = await TestCompanies.AddAsync(Factory, $"{name} {n}", PublicationStatus.Published, (c, _) =>
        {
            c.PrimaryActivityCode = primary;
            c.SecondaryActivities.Clear();
            c.Services = [];
            c.ServiceCodes = [.. services];
            c.CommuneCode = commune;
            c.ServiceArea = new ServiceArea { WholeTerritory = wholeTerritory };
            c.NeedsOff = needsOff;
        });
        if (!claimed)
        {
            return (company, null);
        }
        var owner = $"gerant{n}@besoins-test.nc";
        var user = await AccountForms.ConfirmedUserAsync(Factory.Services, owner);
        await Factory.WithDatabaseAsync(db =>
        {
            db.CompanyMembers.Add(new CompanyMember { CompanyId = company.Id, UserId = user.Id, Role = MemberRole.Owner, Since = DateTime.UtcNow });
            return db.SaveChangesAsync(Cancel);
        });
        return (company, owner);
    }

    /// <summary>
    /// The rule of the issue applied directly to every company of the site: published; one of the need's activities
    /// (primary or secondary) or one of its services; located within 25 km of the need's commune or with a service area
    /// covering it (the commune, its province, the whole territory), anywhere for the whole territory; with a member;
    /// not turned off.
    /// </summary>
    private async Task<HashSet<Guid>> ExpectedAsync(Need need)
    {
        var taxonomy = TaxonomyCatalog.Default;
        var companies = await Factory.WithDatabaseAsync(db => db.Companies.AsNoTracking().Include(c => c.SecondaryActivities).ToListAsync(Cancel));
        var members = (await Factory.WithDatabaseAsync(db => db.CompanyMembers.Select(m => m.CompanyId).ToListAsync(Cancel))).ToHashSet();
        var place = need.CommuneCode is null ? null : taxonomy.FindCommune(need.CommuneCode)!;
        var near = place is null ? [] : taxonomy.NearestCommunes(place).Where(x => x.Km <= 25).Select(x => x.Commune.Code).Append(place.Code).ToHashSet();
        bool Covers(Company c) => place is null || near.Contains(c.CommuneCode) || c.ServiceArea.WholeTerritory
            || c.ServiceArea.CommuneCodes.Contains(place.Code) || c.ServiceArea.ProvinceCodes.Contains(place.ProvinceCode)
            || c.ServiceArea.ProvinceCodes.Intersect(place.OtherProvinceCodes).Any();
        return companies.Where(c => c.Status == PublicationStatus.Published
                && (c.SecondaryActivities.Select(a => a.ActivityCode).Append(c.PrimaryActivityCode).Intersect(need.ActivityCodes).Any() || c.ServiceCodes.Intersect(need.ServiceCodes).Any())
                && Covers(c) && members.Contains(c.Id) && !c.NeedsOff)
            .Select(c => c.Id).ToHashSet();
    }

    private static string DigestSubject(Company company, int count) => $"{company.DisplayName} : {count} nouveau(x) besoin(s) d'acheteurs pour vous";

    [Fact]
    public async Task A_need_goes_from_posting_to_confirmation_moderation_digests_answers_and_closing_with_its_history()
    {
        var n = TestCompanies.Unique();
        var activityOnly = await CompanyAsync("Activité Seule", Wanted, [], Noumea, wholeTerritory: false);
        var serviceOnly = await CompanyAsync("Service Seul", Other, [WantedService], Noumea, wholeTerritory: false);
        var neither = await CompanyAsync("Ni Lun Ni Lautre", Other, [], Noumea, wholeTerritory: true);
        var farAway = await CompanyAsync("Koumac Loin", Wanted, [], Koumac, wholeTerritory: false);
        var farButEverywhere = await CompanyAsync("Koumac Partout", Wanted, [], Koumac, wholeTerritory: true);
        var unclaimed = await CompanyAsync("Sans Gérant", Wanted, [WantedService], Noumea, wholeTerritory: true, claimed: false);
        var turnedOff = await CompanyAsync("Sans Besoins", Wanted, [WantedService], Noumea, wholeTerritory: true, needsOff: true);

        // Posted without an account: nothing is public until the address is confirmed.
        var buyer = $"acheteuse{n}@mairie-test.nc";
        var title = $"Refonte de la boutique en ligne {n}";
        var visitor = Factory.CreateBrowserLikeClient();
        var posted = await PostAsync(visitor, "/besoins/nouveau", "form.need-form", NeedFields(title, buyer, [Wanted], [WantedService], Noumea, Tomorrow()));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/besoins/nouveau?etat=envoye", posted.Headers.Location!.OriginalString);
        var need = await NeedAsync(title);
        Assert.Equal(NeedStatus.AwaitingConfirmation, need.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/besoins/{need.Slug}", Cancel)).StatusCode);
        var confirmation = await Site.MailToAsync(buyer, $"Confirmez votre besoin « {title} »");
        var confirmLink = new Uri(AccountForms.LinkIn(confirmation)).PathAndQuery;
        Assert.StartsWith("/besoins/confirmer/", confirmLink, StringComparison.Ordinal);
        // Opening the link confirms nothing (a mail scanner follows links); the button does.
        Assert.Contains("Confirmer mon besoin", await TextAsync(await visitor.GetAsync(confirmLink, Cancel)), StringComparison.Ordinal);
        Assert.Equal(NeedStatus.AwaitingConfirmation, (await NeedAsync(title)).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(visitor, confirmLink, ".narrow form")).StatusCode);
        Assert.Equal(NeedStatus.PendingReview, (await NeedAsync(title)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/besoins/confirmer/faux-jeton", Cancel)).StatusCode);

        // The moderators publish it: the buyer is mailed the follow-up link, the matching companies are chosen.
        var moderator = await AccountForms.SignedInClientAsync(Factory, $"moderation{n}@annuaire-test.nc", Roles.Moderator);
        Assert.Contains(title, await TextAsync(await moderator.GetAsync("/moderation/besoins", Cancel)), StringComparison.Ordinal);
        Assert.Contains("Besoins déposés", await TextAsync(await moderator.GetAsync("/moderation", Cancel)), StringComparison.Ordinal);
        var decided = await PostAsync(moderator, "/moderation/besoins", $"[data-item='{need.Id}'] form", ("decision", "accepter"));
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        need = await NeedAsync(title);
        Assert.Equal(NeedStatus.Published, need.Status);
        var published = await Site.MailToAsync(buyer, $"Votre besoin « {title} » est publié");
        var followLink = new Uri(AccountForms.LinkIn(published)).PathAndQuery;
        Assert.StartsWith("/besoins/suivi/", followLink, StringComparison.Ordinal);

        var matched = (await Factory.WithDatabaseAsync(db => db.NeedMatches.Where(m => m.NeedId == need.Id).Select(m => m.CompanyId).ToListAsync(Cancel))).ToHashSet();
        var expected = await ExpectedAsync(need);
        Assert.Equal(expected.OrderBy(id => id), matched.OrderBy(id => id));
        // The fixture does test each case of the rule.
        Assert.Subset(matched, new HashSet<Guid> { activityOnly.Company.Id, serviceOnly.Company.Id, farButEverywhere.Company.Id });
        Assert.DoesNotContain(neither.Company.Id, matched);
        Assert.DoesNotContain(farAway.Company.Id, matched);
        Assert.DoesNotContain(unclaimed.Company.Id, matched);
        Assert.DoesNotContain(turnedOff.Company.Id, matched);
        Assert.NotNull(need.MatchedAt);

        // On the board, without the buyer's contact details.
        var board = await DirectoryWebFactory.ParseAsync(await visitor.GetAsync("/besoins", Cancel));
        Assert.NotNull(board.QuerySelector($"[data-need='{need.Slug}']"));
        var anonymousPage = await DirectoryWebFactory.ParseAsync(await visitor.GetAsync($"/besoins/{need.Slug}", Cancel));
        Assert.Null(anonymousPage.QuerySelector("[data-buyer-contact]"));
        Assert.DoesNotContain(buyer, anonymousPage.Body!.TextContent, StringComparison.Ordinal);

        // The digest: one mail to each owner of a matched company, none to the others; once a day.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Assert.True(await DigestAsync(clock) >= 3);
        foreach (var company in new[] { activityOnly, serviceOnly, farButEverywhere })
        {
            var digest = await Site.MailToAsync(company.Owner!, DigestSubject(company.Company, 1));
            Assert.Contains(title, digest.TextBody, StringComparison.Ordinal);
            Assert.Contains($"/besoins/{need.Slug}", digest.HtmlBody, StringComparison.Ordinal);
            Assert.DoesNotContain(buyer, digest.TextBody, StringComparison.Ordinal);
        }
        foreach (var company in new[] { neither, farAway, turnedOff })
        {
            Assert.Empty(Site.MailsTo(company.Owner!));
        }

        // A second need, posted by a signed-in buyer (no confirmation), matching the same company: not the same day.
        var accountBuyer = $"acheteur-compte{n}@province-test.nc";
        var signedBuyer = await AccountForms.SignedInClientAsync(Factory, accountBuyer, role: null);
        var second = $"Application de suivi des stocks {n}";
        var postedSigned = await PostAsync(signedBuyer, "/besoins/nouveau", "form.need-form", NeedFields(second, null, [Wanted], [], Noumea, Tomorrow(20)));
        Assert.Equal("/besoins/mes-besoins?etat=depose", postedSigned.Headers.Location!.OriginalString);
        var secondNeed = await NeedAsync(second);
        Assert.Equal(NeedStatus.PendingReview, secondNeed.Status);
        Assert.Equal(accountBuyer, secondNeed.Buyer.Email);
        await PostAsync(moderator, "/moderation/besoins", $"[data-item='{secondNeed.Id}'] form", ("decision", "accepter"));
        Assert.Equal(0, await DigestAsync(clock));
        clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await DigestAsync(clock));
        clock.Advance(TimeSpan.FromHours(2));
        Assert.True(await DigestAsync(clock) >= 2);
        await Site.MailsAsync(_ => Task.FromResult(Site.MailsTo(activityOnly.Owner!).Count == 2), "No second digest");
        var digests = new List<string>();
        foreach (var mail in Site.MailsTo(activityOnly.Owner!))
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data));
            digests.Add((await MimeKit.MimeMessage.LoadAsync(stream, Cancel)).TextBody ?? string.Empty);
        }
        Assert.Single(digests, d => d.Contains(second, StringComparison.Ordinal) && !d.Contains(title, StringComparison.Ordinal));
        Assert.Single(digests, d => d.Contains(title, StringComparison.Ordinal) && !d.Contains(second, StringComparison.Ordinal));
        Assert.Single(Site.MailsTo(serviceOnly.Owner!));   // the second need asks no service
        Assert.Equal(0, await DigestAsync(clock));

        // Companies answer "Je suis intéressé": then they see the buyer's details; once per company.
        var owner = Factory.CreateBrowserLikeClient();
        await AccountForms.SignInAsync(owner, activityOnly.Owner!);
        var needUrl = $"/besoins/{need.Slug}";
        var withLink = await PostAsync(owner, needUrl, "form.need-answer-form", ("Message", "Voyez nos réalisations sur exemple.com/references"));
        var refusedPage = await DirectoryWebFactory.ParseAsync(withLink);
        Assert.Contains("sans lien", refusedPage.QuerySelector("#reponse-message-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Voyez nos réalisations sur exemple.com/references", refusedPage.QuerySelector<IHtmlTextAreaElement>("#reponse-message")!.Value);
        var answered = await PostAsync(owner, needUrl, "form.need-answer-form", ("Message", "Nous faisons des boutiques en ligne depuis dix ans, reliées aux caisses."));
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var ownerPage = await DirectoryWebFactory.ParseAsync(await owner.GetAsync(needUrl, Cancel));
        Assert.Contains(buyer, ownerPage.QuerySelector("[data-buyer-contact]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(ownerPage.QuerySelector("form.need-answer-form"));
        await Site.MailToAsync(buyer, $"{activityOnly.Company.DisplayName} est intéressée par votre besoin « {title} »");
        var other = Factory.CreateBrowserLikeClient();
        await AccountForms.SignInAsync(other, serviceOnly.Owner!);
        Assert.Null((await DirectoryWebFactory.ParseAsync(await other.GetAsync(needUrl, Cancel))).QuerySelector("[data-buyer-contact]"));
        await PostAsync(other, needUrl, "form.need-answer-form", ("Message", "Boutique en ligne et caisse : notre spécialité."));
        // A member of no company cannot answer; the buyer's details stay hidden to them.
        var stranger = await AccountForms.SignedInClientAsync(Factory, $"curieux{n}@besoins-test.nc", role: null);
        var strangerPage = await DirectoryWebFactory.ParseAsync(await stranger.GetAsync(needUrl, Cancel));
        Assert.Null(strangerPage.QuerySelector("[data-buyer-contact]"));
        Assert.Null(strangerPage.QuerySelector("form.need-answer-form"));

        // The buyer's follow-up page: the answers with each company's message and profile; closing needs an outcome.
        var follow = await DirectoryWebFactory.ParseAsync(await visitor.GetAsync(followLink, Cancel));
        Assert.Equal(2, follow.QuerySelectorAll(".need-answers li").Length);
        Assert.Contains("depuis dix ans", follow.QuerySelector($"[data-answer='{activityOnly.Company.Slug}']")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(follow.QuerySelector($"[data-answer='{serviceOnly.Company.Slug}'] a[href='/entreprises/{serviceOnly.Company.Slug}']"));
        var noOutcome = await DirectoryWebFactory.ParseAsync(await PostAsync(visitor, followLink, "form.need-close-form", ("issue", "annule"), ("resultat", "")));
        Assert.Contains("ce qu'il en est ressorti", noOutcome.QuerySelector(".need-close-form [role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.True(noOutcome.QuerySelector<IHtmlInputElement>("input[name=issue][value=annule]")!.IsChecked);
        var closed = await PostAsync(visitor, followLink, "form.need-close-form", ("issue", "pourvu"), ("resultat", "Confié à Activité Seule, travaux en janvier."));
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        need = await NeedAsync(title);
        Assert.Equal(NeedStatus.Filled, need.Status);
        Assert.Equal("Confié à Activité Seule, travaux en janvier.", need.Outcome);
        Assert.Null((await DirectoryWebFactory.ParseAsync(await visitor.GetAsync("/besoins", Cancel))).QuerySelector($"[data-need='{need.Slug}']"));
        Assert.Null((await DirectoryWebFactory.ParseAsync(await other.GetAsync(needUrl, Cancel))).QuerySelector("form.need-answer-form"));

        // The history: every step, in order.
        var history = await Factory.WithDatabaseAsync(db => db.NeedChanges.Where(c => c.NeedId == need.Id).ToListAsync(Cancel));
        Assert.Equal(
            [NeedStatus.AwaitingConfirmation, NeedStatus.PendingReview, NeedStatus.Published, NeedStatus.Published, NeedStatus.Published, NeedStatus.Filled],
            history.OrderBy(c => c.At).ThenBy(c => c.Id).Select(c => c.Status));
        Assert.Equal(Core.Buyers.Needs.BuyerActor, history.OrderBy(c => c.At).ThenBy(c => c.Id).Last().Actor);

        // The signed-in buyer's space lists their need with its status.
        var mine = await DirectoryWebFactory.ParseAsync(await signedBuyer.GetAsync("/besoins/mes-besoins", Cancel));
        Assert.Equal("Published", mine.QuerySelector($"[data-need='{secondNeed.Slug}'] [data-status]")!.GetAttribute("data-status"));
        Assert.Null(mine.QuerySelector($"[data-need='{need.Slug}']"));
    }

    [Fact]
    public async Task The_form_refuses_links_unknown_codes_past_deadlines_blocked_senders_and_too_many_needs_in_French_keeping_what_was_typed()
    {
        var n = TestCompanies.Unique();
        var client = Factory.CreateBrowserLikeClient();
        var email = $"refus{n}@acheteur-test.nc";

        async Task<IHtmlDocument> RefusedAsync(params (string, string)[] fields)
        {
            var response = await PostAsync(client, "/besoins/nouveau", "form.need-form", fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await DirectoryWebFactory.ParseAsync(response);
        }

        var link = await RefusedAsync(NeedFields($"Un besoin avec un lien {n}", email, [Wanted], [], Noumea, Tomorrow(),
            description: "Tout est décrit sur https://exemple.com/cahier-des-charges, merci de regarder."));
        Assert.Contains("Les liens ne sont pas acceptés", link.QuerySelector("#besoin-description-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", link.QuerySelector(".need-form [role=alert]")!.GetAttribute("data-error-count"));
        Assert.Equal($"Un besoin avec un lien {n}", link.QuerySelector<IHtmlInputElement>("#besoin-titre")!.Value);
        Assert.Equal("true", link.QuerySelector("#besoin-description")!.GetAttribute("aria-invalid"));
        Assert.True(link.QuerySelector<IHtmlInputElement>($"input[name='Input.ActivityCodes'][value='{Wanted}']")!.IsChecked);

        var unknown = await RefusedAsync(NeedFields($"Codes inconnus {n}", email, ["Z9999"], ["pas-un-service"], "00000", Tomorrow()));
        Assert.Contains("n'existe pas", unknown.QuerySelector("#besoin-activitycodes-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Choisissez une commune", unknown.QuerySelector("#besoin-communecode-erreur")!.TextContent, StringComparison.Ordinal);

        var none = await RefusedAsync(NeedFields($"Sans activité {n}", email, [], [], Noumea, Tomorrow()));
        Assert.Contains("au moins une activité", none.QuerySelector("#besoin-activitycodes-erreur")!.TextContent, StringComparison.Ordinal);

        var past = await RefusedAsync(NeedFields($"Échéance passée {n}", email, [Wanted], [], Noumea, Tomorrow(-3)));
        Assert.Contains("L'échéance doit être après aujourd'hui", past.QuerySelector("#besoin-deadline-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Tomorrow(-3), past.QuerySelector<IHtmlInputElement>("#besoin-echeance")!.Value);
        var far = await RefusedAsync(NeedFields($"Échéance lointaine {n}", email, [Wanted], [], Noumea, Tomorrow(400)));
        Assert.NotNull(far.QuerySelector("#besoin-deadline-erreur"));

        var badEmail = await RefusedAsync(NeedFields($"Adresse fausse {n}", "pas-une-adresse", [Wanted], [], Noumea, Tomorrow()));
        Assert.Contains("adresse électronique valide", badEmail.QuerySelector("#besoin-email-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("pas-une-adresse", badEmail.QuerySelector<IHtmlInputElement>("#besoin-email")!.Value);

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<BuyerGuard>().BlockAsync($"spam{n}-test.nc", "essai", null, Cancel));
        }
        var blocked = await RefusedAsync(NeedFields($"Expéditeur bloqué {n}", $"quelquun@spam{n}-test.nc", [Wanted], [], Noumea, Tomorrow()));
        Assert.Contains("ne peut pas être enregistré", blocked.QuerySelector(".need-form [role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"Expéditeur bloqué {n}", blocked.QuerySelector<IHtmlInputElement>("#besoin-titre")!.Value);

        for (var i = 0; i < Core.Buyers.Needs.PerEmailPerDay; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, "/besoins/nouveau", "form.need-form", NeedFields($"Besoin numéro {i} {n}", email, [Wanted], [], "", Tomorrow()))).StatusCode);
        }
        var tooMany = await RefusedAsync(NeedFields($"Un besoin de trop {n}", email, [Wanted], [], "", Tomorrow()));
        Assert.Contains("ne peut pas être enregistré", tooMany.QuerySelector(".need-form [role=alert]")!.TextContent, StringComparison.Ordinal);

        // A robot filling the hidden field is told the same as a person, and nothing is stored or mailed.
        var robot = $"Besoin de robot {n}";
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, "/besoins/nouveau", "form.need-form",
            [.. NeedFields(robot, $"robot{n}@acheteur-test.nc", [Wanted], [], Noumea, Tomorrow()), ("Input.Website", "http://spam.example")])).StatusCode);
        Assert.False(await Factory.WithDatabaseAsync(db => db.Needs.AnyAsync(x => x.Title == robot, Cancel)));
        Assert.Empty(Site.MailsTo($"robot{n}@acheteur-test.nc"));
    }

    [Fact]
    public async Task Owners_turn_the_needs_off_in_their_profile_form_ticked_by_default_and_then_no_need_is_matched_to_their_company()
    {
        var n = TestCompanies.Unique();
        var (company, owner) = await CompanyAsync("Réglage Besoins", Wanted, [], Noumea, wholeTerritory: true);
        var client = Factory.CreateBrowserLikeClient();
        await AccountForms.SignInAsync(client, owner!);
        var url = $"/mon-espace/entreprises/{company.Id}/modifier";
        var form = (await DirectoryWebFactory.ParseAsync(await client.GetAsync(url, Cancel))).QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.GetAttribute("action") == url);
        Assert.False(form.QuerySelector<IHtmlInputElement>("input[type=checkbox][name='Input.Contact.NeedsOff']")!.IsChecked);

        await ProfileForms.PostAsync(client, form, ("Input.Contact.NeedsOff", "true"));

        Assert.True(await Factory.WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company.Id).Select(c => c.NeedsOff).SingleAsync(Cancel)));
        var title = $"Besoin après le réglage {n}";
        await PostAsync(Factory.CreateBrowserLikeClient(), "/besoins/nouveau", "form.need-form", NeedFields(title, $"reglage{n}@acheteur-test.nc", [Wanted], [], Noumea, Tomorrow()));
        var need = await NeedAsync(title);
        await using var scope = Factory.Services.CreateAsyncScope();
        var needs = scope.ServiceProvider.GetRequiredService<Core.Buyers.Needs>();
        await needs.ConfirmAsync(need.Id, Cancel);
        Assert.Equal(LifecycleOutcome.Done, await needs.DecideAsync(need.Id, approve: true, null, null, new Actor(null, "moderation@annuaire-test.nc", true), Cancel));
        var matched = await Factory.WithDatabaseAsync(db => db.NeedMatches.Where(m => m.NeedId == need.Id).Select(m => m.CompanyId).ToListAsync(Cancel));
        Assert.DoesNotContain(company.Id, matched);
        Assert.Equal((await ExpectedAsync(need)).Order(), matched.Order());
    }

    [Fact]
    public async Task A_search_that_finds_nothing_offers_to_post_a_need_and_the_needs_pages_speak_English_when_asked()
    {
        var client = Factory.CreateBrowserLikeClient();
        var empty = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/recherche?q=zzqxwvyy", Cancel));
        Assert.NotNull(empty.QuerySelector(".no-hits a[href='/besoins/nouveau']"));
        Assert.NotNull((await DirectoryWebFactory.ParseAsync(await client.GetAsync("/", Cancel))).QuerySelector("footer a[href='/besoins']"));

        var board = await DirectoryWebFactory.ParseAsync(await client.SendAsync(DirectoryWebFactory.Get("/besoins", "en"), Cancel));
        Assert.Equal("Buyers' needs", board.QuerySelector("h1")!.TextContent.Trim());
        var form = await DirectoryWebFactory.ParseAsync(await client.SendAsync(DirectoryWebFactory.Get("/besoins/nouveau", "en"), Cancel));
        Assert.Equal("Post a need", form.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Title of the need", form.QuerySelector("label[for=besoin-titre]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_published_need_expires_after_its_deadline_and_leaves_the_board_and_the_answers()
    {
        var n = TestCompanies.Unique();
        var title = $"Besoin bientôt échu {n}";
        var buyer = $"echu{n}@acheteur-test.nc";
        var client = Factory.CreateBrowserLikeClient();
        await PostAsync(client, "/besoins/nouveau", "form.need-form", NeedFields(title, buyer, [Wanted], [], Noumea, Tomorrow(1)));
        var need = await NeedAsync(title);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var needs = scope.ServiceProvider.GetRequiredService<Core.Buyers.Needs>();
            Assert.True(await needs.ConfirmAsync(need.Id, Cancel));
            Assert.Equal(LifecycleOutcome.Done, await needs.DecideAsync(need.Id, approve: true, null, null, new Actor(null, "moderation@annuaire-test.nc", true), Cancel));
        }
        Assert.NotNull((await DirectoryWebFactory.ParseAsync(await client.GetAsync("/besoins", Cancel))).QuerySelector($"[data-need='{need.Slug}']"));

        await DigestAsync(new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(3)));

        need = await NeedAsync(title);
        Assert.Equal(NeedStatus.Expired, need.Status);
        Assert.Null((await DirectoryWebFactory.ParseAsync(await client.GetAsync("/besoins", Cancel))).QuerySelector($"[data-need='{need.Slug}']"));
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync($"/besoins/{need.Slug}", Cancel));
        Assert.Contains("L'échéance de ce besoin est passée", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".need-answer"));
        var last = (await Factory.WithDatabaseAsync(db => db.NeedChanges.Where(c => c.NeedId == need.Id).ToListAsync(Cancel))).OrderBy(c => c.At).ThenBy(c => c.Id).Last();
        Assert.Equal((NeedStatus.Expired, Core.Buyers.Needs.SiteActor), (last.Status, last.Actor));
    }
}

/// <summary>The needs' forms answer 429 with a French message past the posts allowed per client address, keeping what was typed.</summary>
public sealed class NeedsLimitTests : IAsyncLifetime
{
    private readonly DirectoryWebFactory _factory = new();

    public ValueTask InitializeAsync()
    {
        _factory.Settings["DemoData:SeedWhenEmpty"] = "false";
        _factory.Settings["Needs:Mails"] = "false";
        _factory.Settings["Needs:PostsPerHour"] = "2";
        _ = _factory.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Past_the_limit_the_form_answers_429_in_French_with_what_was_typed()
    {
        var client = _factory.CreateBrowserLikeClient();
        (string, string)[] fields = [("Input.Title", "Un titre gardé tel quel"), ("Input.Description", "court")];
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await NeedsBoardTests.PostAsync(client, "/besoins/nouveau", "form.need-form", fields)).StatusCode);
        }
        var refused = await NeedsBoardTests.PostAsync(client, "/besoins/nouveau", "form.need-form", fields);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var page = await DirectoryWebFactory.ParseAsync(refused);
        Assert.Contains("Trop d'envois depuis votre connexion", page.QuerySelector(".need-form [role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Un titre gardé tel quel", page.QuerySelector<IHtmlInputElement>("#besoin-titre")!.Value);
    }
}
