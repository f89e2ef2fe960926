using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Buyers;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Web.Features.SavedSearches;
using AnnuaireFiliere.Web.Features.Survey;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>The site without demo data, with the alerts mailer switched off as a hosted service (the tests run each pass at the time they set).</summary>
public sealed class SavedSearchSite : IAsyncLifetime
{
    public AccountSite Site { get; } = new();

    public ValueTask InitializeAsync()
    {
        Site.Factory.Settings["DemoData:SeedWhenEmpty"] = "false";
        Site.Factory.Settings["SavedSearches:Mails"] = "false";
        Site.Factory.Settings["Accounts:FormPostsPerMinute"] = "1000";
        return Site.InitializeAsync();
    }

    public ValueTask DisposeAsync() => Site.DisposeAsync();
}

/// <summary>
/// Saved searches (issue #19, point 3): saved from <c>/recherche</c>, listed, changed and deleted in
/// <c>/compte/recherches</c>; the alerts with the clock set: a company published or changed after saving is in the next
/// mail, once; weekly waits a week; nothing new, no mail; the one-click unsubscribe link; refusals in French.
/// </summary>
public sealed partial class SavedSearchTests(SavedSearchSite fixture) : IClassFixture<SavedSearchSite>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private AccountSite Site => fixture.Site;

    private DirectoryWebFactory Factory => Site.Factory;

    private const string SaveAction = "/compte/recherches?handler=enregistrer";

    /// <summary>A word of letters no other test uses (searched as typed, so that no near word matches).</summary>
    private static string Word() =>
        "veille" + string.Concat(TestCompanies.Unique().ToString(CultureInfo.InvariantCulture).Select(d => (char)('b' + (d - '0'))));

    private static string Query(string word) => $"q={word}&sans_correction=1";

    private Task<int> PassAsync(DateTime at) =>
        new SavedSearchMailer(Factory.Services.GetRequiredService<IServiceScopeFactory>(), new FakeTimeProvider(new DateTimeOffset(at, TimeSpan.Zero)),
            NullLogger<SavedSearchMailer>.Instance).RunOnceAsync(Cancel);

    private async Task<(HttpClient Client, string Email)> BuyerAsync()
    {
        var email = $"acheteur{TestCompanies.Unique()}@veille-test.nc";
        return (await AccountForms.SignedInClientAsync(Factory, email, role: null), email);
    }

    /// <summary>Saves the search of <paramref name="query"/> from the search page's own form.</summary>
    private static async Task<HttpResponseMessage> SaveFromSearchPageAsync(HttpClient client, string query, string name, string frequency) =>
        await AccountForms.SubmitAsync(client, "/recherche?" + query, SaveAction, ("Save.Name", name), ("Save.Frequency", frequency));

    /// <summary>Posts to <paramref name="action"/> with the antiforgery token of <c>/compte</c> (a form of the account's own).</summary>
    private static async Task<HttpResponseMessage> PostToAsync(HttpClient client, string action, params (string Name, string Value)[] fields)
    {
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/compte", Cancel));
        var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        return await client.PostAsync(action, new FormUrlEncodedContent(
            fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token))), Cancel);
    }

    private async Task<SavedSearch> SavedAsync(string email, string query) =>
        await Factory.WithDatabaseAsync(async db =>
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email, Cancel);
            return await db.SavedSearches.AsNoTracking().SingleAsync(s => s.UserId == user.Id && s.Query == query, Cancel);
        });

    private static string SubjectFor(string name, int count) =>
        count == 1 ? $"Votre recherche « {name} » : 1 entreprise nouvelle ou mise à jour" : $"Votre recherche « {name} » : {count} entreprises nouvelles ou mises à jour";

    [GeneratedRegex(@"http://localhost/alertes/desabonnement/\S+")]
    private static partial Regex UnsubscribeLink();

    private static string UnsubscribeIn(MimeMessage mail) => UnsubscribeLink().Match(mail.TextBody ?? string.Empty).Value;

    [Fact]
    public async Task A_search_is_saved_from_the_search_page_and_listed_with_a_link_to_run_it_and_a_visitor_is_sent_to_sign_in_and_back()
    {
        var word = Word();
        var (client, email) = await BuyerAsync();

        var search = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/recherche?" + Query(word) + "&page=2", Cancel));
        var form = search.QuerySelector<IHtmlFormElement>("form#enregistrer-recherche")!;
        Assert.Equal(Query(word), form.QuerySelector<IHtmlInputElement>("input[name='Save.Query']")!.Value);
        Assert.Equal(word, form.QuerySelector<IHtmlInputElement>("input[name='Save.Name']")!.Value);
        Assert.Null(search.QuerySelector("form#recherche form"));

        var saved = await SaveFromSearchPageAsync(client, Query(word), "Mes agences", "quotidienne");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/compte/recherches?enregistree=1", saved.Headers.Location!.OriginalString);

        var list = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/compte/recherches?enregistree=1", Cancel));
        Assert.NotNull(list.QuerySelector("[data-saved]"));
        var run = list.QuerySelector<IHtmlAnchorElement>("[data-saved-searches] a[data-run]")!;
        Assert.Equal("Mes agences", run.TextContent);
        Assert.Equal("/recherche?" + Query(word), run.GetAttribute("href"));
        var row = await SavedAsync(email, Query(word));
        Assert.Equal(AlertFrequency.Daily, row.Frequency);
        Assert.True(row.Alerts);

        // The account's data download holds it.
        var data = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/compte/donnees", Cancel)).RootElement;
        Assert.Equal(["Mes agences"], data.GetProperty("savedSearches").EnumerateArray().Select(s => s.GetProperty("name").GetString()));

        // The account page leads to the list.
        var account = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/compte", Cancel));
        Assert.Equal("/compte/recherches", account.QuerySelector("[data-saved-searches-link]")!.GetAttribute("href"));

        // A visitor: a link to sign in that comes back to the same search; no form.
        var visitor = Factory.CreateBrowserLikeClient();
        var anonymous = await DirectoryWebFactory.ParseAsync(await visitor.GetAsync("/recherche?" + Query(word), Cancel));
        Assert.Null(anonymous.QuerySelector("form#enregistrer-recherche"));
        var signIn = anonymous.QuerySelector("[data-sign-in-to-save]")!.GetAttribute("href")!;
        Assert.Equal("/compte/connexion?returnUrl=" + Uri.EscapeDataString("/recherche?" + Query(word)), signIn);
        var back = await AccountForms.SignInAsync(visitor, email, url: signIn);
        Assert.Equal("/recherche?" + Query(word), back.Headers.Location!.OriginalString);

        // The empty search offers nothing to save; the list page is for accounts only.
        Assert.Null((await DirectoryWebFactory.ParseAsync(await client.GetAsync("/recherche", Cancel))).QuerySelector("form#enregistrer-recherche"));
        Assert.Null((await DirectoryWebFactory.ParseAsync(await client.GetAsync("/recherche?tri=nom", Cancel))).QuerySelector("form#enregistrer-recherche"));
        Assert.Equal("#zone-enregistrer", search.QuerySelector("a.save-search-link")!.GetAttribute("href"));
        var refused = await Factory.CreateBrowserLikeClient().GetAsync("/compte/recherches", Cancel);
        Assert.StartsWith("/compte/connexion", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_daily_alert_mails_the_companies_published_or_changed_after_saving_once_and_nothing_when_nothing_is_new()
    {
        var word = Word();
        var before = await TestCompanies.AddAsync(Factory, $"Atelier {word} Bourail", PublicationStatus.Published,
            (c, _) => { c.CreatedAt = c.UpdatedAt = DateTime.UtcNow.AddDays(-30); c.PublishedAt = DateTime.UtcNow.AddDays(-30); });
        var untouched = await TestCompanies.AddAsync(Factory, $"Studio {word} Thio", PublicationStatus.Published,
            (c, _) => { c.CreatedAt = c.UpdatedAt = DateTime.UtcNow.AddDays(-30); c.PublishedAt = DateTime.UtcNow.AddDays(-30); });
        var (client, email) = await BuyerAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await SaveFromSearchPageAsync(client, Query(word), "Veille Bourail", "quotidienne")).StatusCode);
        var saved = await SavedAsync(email, Query(word));

        // After saving: a new company that matches, one that does not, a draft that matches, and a change to an older one.
        var fresh = await TestCompanies.AddAsync(Factory, $"Agence {word} Koné", PublicationStatus.Published);
        var other = await TestCompanies.AddAsync(Factory, $"Agence {Word()} Poum", PublicationStatus.Published);
        await TestCompanies.AddAsync(Factory, $"Brouillon {word} Voh", PublicationStatus.Draft);
        await Factory.WithDatabaseAsync(async db =>
        {
            var company = await db.Companies.SingleAsync(c => c.Id == before.Id, Cancel);
            company.DescriptionFr = "Agence web, désormais aussi à Koumac.";
            return await db.SaveChangesAsync(Cancel);
        });
        await Factory.IndexedAsync();

        // Not a day yet: nothing.
        await PassAsync(saved.CheckedUntil.AddHours(23));
        Assert.Empty(Site.MailsTo(email));

        var day = saved.CheckedUntil.AddDays(1).AddMinutes(1);
        await PassAsync(day);
        var mail = await Site.MailToAsync(email, SubjectFor("Veille Bourail", 2));
        Assert.Contains("Nouvelles entreprises (1)", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"- {fresh.DisplayName} : http://localhost/entreprises/{fresh.Slug}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Profils mis à jour (1)", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"- {before.DisplayName} : http://localhost/entreprises/{before.Slug}", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(untouched.DisplayName, mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(other.DisplayName, mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Brouillon", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost/recherche?" + Query(word), mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"http://localhost/entreprises/{fresh.Slug}\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"http://localhost/recherche?q={word}&amp;sans_correction=1\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith("http://localhost/alertes/desabonnement/", UnsubscribeIn(mail), StringComparison.Ordinal);
        Assert.Contains("un clic, sans connexion", mail.TextBody, StringComparison.Ordinal);

        // The next day, nothing changed: no second mail, and the window moved on all the same.
        await PassAsync(day.AddDays(1).AddMinutes(1));
        Assert.Single(Site.MailsTo(email));
        Assert.Equal(day.AddDays(1).AddMinutes(1), (await SavedAsync(email, Query(word))).CheckedUntil);
        var list = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/compte/recherches", Cancel));
        Assert.Contains("dernier courriel le", list.QuerySelector($"[data-saved-search='{saved.Id}']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_weekly_alert_waits_seven_days_and_an_english_account_gets_it_in_english()
    {
        var word = Word();
        var (client, email) = await BuyerAsync();
        await Factory.WithDatabaseAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email, Cancel);
            user.PreferredLanguage = "en";
            return await db.SaveChangesAsync(Cancel);
        });
        Assert.Equal(HttpStatusCode.Redirect, (await SaveFromSearchPageAsync(client, Query(word), "Weekly watch", "hebdomadaire")).StatusCode);
        var saved = await SavedAsync(email, Query(word));
        Assert.Equal(AlertFrequency.Weekly, saved.Frequency);
        var fresh = await TestCompanies.AddAsync(Factory, $"Lagoon {word} Lifou", PublicationStatus.Published);

        await PassAsync(saved.CheckedUntil.AddDays(1).AddMinutes(1));
        await PassAsync(saved.CheckedUntil.AddDays(6).AddHours(23));
        Assert.Empty(Site.MailsTo(email));

        await PassAsync(saved.CheckedUntil.AddDays(7).AddMinutes(1));
        var mail = await Site.MailToAsync(email, "Your search “Weekly watch”: 1 new or updated company");
        Assert.Contains("New companies (1)", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(fresh.DisplayName, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("weekly email", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_unsubscribe_link_stops_the_alerts_once_without_signing_in_and_a_forged_link_is_refused()
    {
        var word = Word();
        var (client, email) = await BuyerAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await SaveFromSearchPageAsync(client, Query(word), "À arrêter", "quotidienne")).StatusCode);
        var saved = await SavedAsync(email, Query(word));
        await TestCompanies.AddAsync(Factory, $"Réseaux {word} Maré", PublicationStatus.Published);
        var day = saved.CheckedUntil.AddDays(1).AddMinutes(1);
        await PassAsync(day);
        var link = UnsubscribeIn(await Site.MailToAsync(email, SubjectFor("À arrêter", 1)));
        var path = new Uri(link).PathAndQuery;

        // A visitor without the account's cookie: the page names the search and asks for one click.
        var visitor = Factory.CreateBrowserLikeClient();
        var page = await visitor.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.CacheControl!.NoStore);
        Assert.Contains("« À arrêter »", (await DirectoryWebFactory.ParseAsync(page)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.True((await SavedAsync(email, Query(word))).Alerts); // the GET changes nothing

        var done = await DirectoryWebFactory.ParseAsync(await AccountForms.SubmitAsync(visitor, path, path));
        Assert.NotNull(done.QuerySelector("[data-unsubscribed]"));
        Assert.False((await SavedAsync(email, Query(word))).Alerts);

        // Once: the link now says it was already done; the search stays listed, and no mail goes any more.
        var again = await DirectoryWebFactory.ParseAsync(await visitor.GetAsync(path, Cancel));
        Assert.NotNull(again.QuerySelector("[data-already]"));
        Assert.Null(again.QuerySelector("main button"));
        await TestCompanies.AddAsync(Factory, $"Câbles {word} Ouvéa", PublicationStatus.Published);
        await PassAsync(day.AddDays(2));
        Assert.Single(Site.MailsTo(email));
        var list = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/compte/recherches", Cancel));
        Assert.Contains("Courriels arrêtés", list.QuerySelector($"[data-saved-search='{saved.Id}']")!.TextContent, StringComparison.Ordinal);

        // Forged, damaged, or made for another purpose: 404 with a message, nothing changed.
        var token = path["/alertes/desabonnement/".Length..];
        var otherPurpose = Factory.Services.GetRequiredService<SurveyLinks>().Token(saved.Id, saved.UserId, DateTime.UtcNow.AddDays(10));
        foreach (var forged in new[] { "n-importe-quoi", token[..^4] + "AAAA", otherPurpose })
        {
            var response = await visitor.GetAsync("/alertes/desabonnement/" + forged, Cancel);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.NotNull((await DirectoryWebFactory.ParseAsync(response)).QuerySelector("[data-unknown-link]"));
        }
    }

    [Fact]
    public async Task An_account_changes_turns_off_and_deletes_its_saved_searches_and_cannot_touch_another_accounts()
    {
        var (client, email) = await BuyerAsync();
        var (intruder, _) = await BuyerAsync();
        var first = Query(Word());
        var second = Query(Word());
        Assert.Equal(HttpStatusCode.Redirect, (await SaveFromSearchPageAsync(client, first, "Première", "hebdomadaire")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveFromSearchPageAsync(client, second, "Seconde", "hebdomadaire")).StatusCode);
        var one = await SavedAsync(email, first);
        var two = await SavedAsync(email, second);

        var changed = await AccountForms.SubmitAsync(client, "/compte/recherches", "/compte/recherches?handler=modifier",
            ("Edit.Id", one.Id.ToString()), ("Edit.Name", "Première, renommée"), ("Edit.Frequency", "quotidienne"));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var after = await SavedAsync(email, first);
        Assert.Equal(("Première, renommée", AlertFrequency.Daily, false), (after.Name, after.Frequency, after.Alerts));

        // Someone else's id: 404, nothing changed or deleted.
        Assert.Equal(HttpStatusCode.NotFound, (await PostToAsync(intruder, "/compte/recherches?handler=modifier",
            ("Edit.Id", two.Id.ToString()), ("Edit.Name", "Volée"), ("Edit.Frequency", "quotidienne"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostToAsync(intruder, "/compte/recherches?handler=supprimer", ("Edit.Id", two.Id.ToString()))).StatusCode);
        Assert.Equal("Seconde", (await SavedAsync(email, second)).Name);

        var deleted = await AccountForms.SubmitAsync(client, "/compte/recherches", "/compte/recherches?handler=supprimer", ("Edit.Id", two.Id.ToString()));
        Assert.Equal("/compte/recherches?supprimee=1", deleted.Headers.Location!.OriginalString);
        var list = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/compte/recherches", Cancel));
        Assert.Equal(["Première, renommée"], list.QuerySelectorAll("[data-saved-searches] a[data-run]").Select(a => a.TextContent));
        Assert.Equal("Supprimer « Première, renommée »", list.QuerySelector("form[data-delete] button")!.TextContent);
    }

    [Fact]
    public async Task Bad_input_is_refused_in_french_keeping_what_was_typed_never_with_a_500()
    {
        var (client, email) = await BuyerAsync();
        var word = Word();

        async Task<AngleSharp.Html.Dom.IHtmlDocument> RefusedAsync(string? query, string name, string frequency = "hebdomadaire")
        {
            var response = await PostToAsync(client, SaveAction, ("Save.Name", name), ("Save.Frequency", frequency), ("Save.Query", query ?? string.Empty));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await DirectoryWebFactory.ParseAsync(response);
            Assert.NotNull(page.QuerySelector("[data-save-refused]"));
            return page;
        }
        static string Errors(AngleSharp.Html.Dom.IHtmlDocument page) => string.Join(" | ", page.QuerySelectorAll(".field-error").Select(e => e.TextContent.Trim()));

        var empty = await RefusedAsync(Query(word), "   ");
        Assert.Equal("Donnez un nom à cette recherche.", Errors(empty));
        Assert.Equal(Query(word), empty.QuerySelector<IHtmlInputElement>("input[name='Save.Query']")!.Value);

        var longName = new string('x', SavedSearch.NameMaxLength + 1);
        var tooLong = await RefusedAsync(Query(word), longName);
        Assert.Equal("Le nom est trop long : 120 caractères au plus.", Errors(tooLong));
        Assert.Equal(longName, tooLong.QuerySelector<IHtmlInputElement>("input[name='Save.Name']")!.Value);
        Assert.Equal("true", tooLong.QuerySelector("input[name='Save.Name']")!.GetAttribute("aria-invalid"));

        Assert.StartsWith("Cette recherche contient des critères que l'annuaire ne connaît pas.", Errors(await RefusedAsync("secteur=inexistant&q=" + word, "Secteur inconnu")), StringComparison.Ordinal);
        Assert.StartsWith("Cette recherche contient des critères", Errors(await RefusedAsync("annee_min=douze&q=" + word, "Année")), StringComparison.Ordinal);
        Assert.StartsWith("Une recherche sans mot ni filtre ne peut pas être enregistrée", Errors(await RefusedAsync("n'importe=quoi&%%%", "Rien")), StringComparison.Ordinal);
        Assert.StartsWith("Une recherche sans mot ni filtre", Errors(await RefusedAsync(null, "Rien")), StringComparison.Ordinal);
        Assert.StartsWith("Une recherche sans mot ni filtre", Errors(await RefusedAsync("tri=nom", "Tout, par nom")), StringComparison.Ordinal);
        Assert.StartsWith("Cette recherche est trop longue", Errors(await RefusedAsync("q=" + new string('a', SavedSearch.QueryMaxLength), "Longue")), StringComparison.Ordinal);
        var frequency = await RefusedAsync(Query(word), "Mensuelle", "mensuelle");
        Assert.Equal("Choisissez « chaque jour » ou « chaque semaine ».", Errors(frequency));
        Assert.Equal("Mensuelle", frequency.QuerySelector<IHtmlInputElement>("input[name='Save.Name']")!.Value);

        // The same search twice, then more than the most an account may keep.
        Assert.Equal(HttpStatusCode.Redirect, (await PostToAsync(client, SaveAction, ("Save.Name", "Une"), ("Save.Frequency", "hebdomadaire"), ("Save.Query", Query(word)))).StatusCode);
        Assert.Equal("Vous avez déjà enregistré cette recherche.", Errors(await RefusedAsync(Query(word), "Deux fois")));
        await Factory.WithDatabaseAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email, Cancel);
            for (var i = 1; i < SavedSearch.MaxPerAccount; i++)
            {
                db.SavedSearches.Add(new SavedSearch { UserId = user.Id, Name = $"Remplissage {i}", Query = Query(Word()), CreatedAt = DateTime.UtcNow, CheckedUntil = DateTime.UtcNow });
            }
            return await db.SaveChangesAsync(Cancel);
        });
        Assert.Equal("Vous avez déjà 20 recherches enregistrées, le maximum. Supprimez-en une pour enregistrer celle-ci.", Errors(await RefusedAsync(Query(Word()), "Une de trop")));

        // Renaming to nothing: the message in that search's row, with what was typed.
        var saved = await SavedAsync(email, Query(word));
        var rename = await AccountForms.SubmitAsync(client, "/compte/recherches", "/compte/recherches?handler=modifier",
            ("Edit.Id", saved.Id.ToString()), ("Edit.Name", ""), ("Edit.Frequency", "hebdomadaire"), ("Edit.Alerts", "true"));
        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        var row = (await DirectoryWebFactory.ParseAsync(rename)).QuerySelector($"[data-saved-search='{saved.Id}']")!;
        Assert.Equal("Donnez un nom à cette recherche.", row.QuerySelector(".field-error")!.TextContent.Trim());
        Assert.Equal("Une", (await SavedAsync(email, Query(word))).Name);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/compte/recherches?handler=modifier",
            new FormUrlEncodedContent([new("Edit.Id", "pas-un-guid"), new("Edit.Name", "x")]), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostToAsync(client, "/compte/recherches?handler=modifier",
            ("Edit.Id", "pas-un-guid"), ("Edit.Name", "x"), ("Edit.Frequency", "quotidienne"))).StatusCode);
    }
}
