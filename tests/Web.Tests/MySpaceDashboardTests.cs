using System.Net;
using AngleSharp.Dom;
using AnnuaireFiliere.Core.Companies;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>
/// <c>/mon-espace</c> as a professional reads it: where each company stands and what comes next, how complete it is for
/// buyers, and its audience (profile views and contact clicks, counted for people only).
/// </summary>
public sealed class MySpaceDashboardTests(AccountSite site) : IClassFixture<AccountSite>
{
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_company_says_where_it_stands_what_comes_next_and_offers_what_makes_sense_there()
    {
        var at = DateTime.UtcNow.AddDays(-2);
        var published = await TestCompanies.PublishedAsync(site.Factory);
        var pending = await TestCompanies.AddAsync(site.Factory, PublicationStatus.PendingReview);
        var rejected = await TestCompanies.AddAsync(site.Factory, PublicationStatus.Rejected, (c, db) =>
            db.CompanyChanges.Add(TestCompanies.HistoryEntry(c, ChangeKind.Rejected, at, null, "moderation@annuaire-test.nc", reason: "Le site web ne répond pas.")));
        var archived = await TestCompanies.AddAsync(site.Factory, PublicationStatus.Archived, (c, db) =>
            db.CompanyChanges.Add(TestCompanies.HistoryEntry(c, ChangeKind.Unpublished, at, null, "moderation@annuaire-test.nc", reason: "Entreprise fermée d'après le registre.")));
        var draft = await TestCompanies.AddAsync(site.Factory, PublicationStatus.Draft);
        var ridetAsked = await TestCompanies.PublishedAsync(site.Factory);
        const string email = "gerante@etats-tableau.nc";
        var owner = await AccountForms.MemberClientAsync(site.Factory, email, published.Id);
        await site.Factory.WithDatabaseAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email, Cancel);
            foreach (var company in new[] { pending, rejected, archived, draft, ridetAsked })
            {
                db.CompanyMembers.Add(new CompanyMember { CompanyId = company.Id, UserId = user.Id, Role = MemberRole.Owner, Since = at });
            }
            db.AccessRequests.Add(new AccessRequest { CompanyId = ridetAsked.Id, UserId = user.Id, Kind = AccessRequestKind.Ridet, Ridet = TestCompanies.NewRidet(), CreatedAt = at });
            return await db.SaveChangesAsync(Cancel);
        });

        var space = await DirectoryWebFactory.ParseAsync(await owner.GetAsync("/mon-espace", Cancel));
        IElement Card(Company company) => space.QuerySelector($"[data-company='{company.Id}']")!;

        Assert.Equal("Publiée", Card(published).QuerySelector("[data-status]")!.TextContent);
        Assert.Contains("visible dans l'annuaire", Card(published).QuerySelector("[data-next]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Publiée, modification en attente", Card(ridetAsked).QuerySelector("[data-status]")!.TextContent);
        Assert.Contains("changement de numéro RIDET", Card(ridetAsked).QuerySelector("[data-next]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("En attente de validation", Card(pending).QuerySelector("[data-status]")!.TextContent);
        Assert.Contains("vous recevrez un courriel", Card(pending).QuerySelector("[data-next]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Refusée", Card(rejected).QuerySelector("[data-status]")!.TextContent);
        Assert.Contains("Le site web ne répond pas.", Card(rejected).QuerySelector("[data-reason]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("repart en validation", Card(rejected).QuerySelector("[data-next]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Retirée de l'annuaire", Card(archived).QuerySelector("[data-status]")!.TextContent);
        Assert.Contains("Entreprise fermée d'après le registre.", Card(archived).QuerySelector("[data-reason]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Brouillon", Card(draft).QuerySelector("[data-status]")!.TextContent);

        // "Mon profil est à jour", the public profile's link and the audience: for what the directory shows only.
        foreach (var company in new[] { published, ridetAsked })
        {
            Assert.Equal("/mon-espace?handler=confirmer", Card(company).QuerySelector("form")!.GetAttribute("action"));
            Assert.Equal("/entreprises/" + company.Slug, Card(company).QuerySelector("[data-public-profile]")!.GetAttribute("href"));
            Assert.NotNull(Card(company).QuerySelector("[data-audience]"));
        }
        foreach (var company in new[] { pending, rejected, archived, draft })
        {
            var card = Card(company);
            Assert.Null(card.QuerySelector("form"));
            Assert.Null(card.QuerySelector("[data-public-profile]"));
            Assert.Null(card.QuerySelector("[data-audience]"));
            Assert.DoesNotContain("confirmé", card.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain(card.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/entreprises/" + company.Slug);
        }
    }

    [Fact]
    public async Task Completeness_counts_what_buyers_look_for_and_links_each_missing_item_to_where_it_is_filled()
    {
        var company = await TestCompanies.PublishedAsync(site.Factory, (c, _) =>
        {
            (c.DescriptionFr, c.Website, c.FoundingYear) = (null, null, null);
            c.SecondaryActivities.Clear();
        });
        var owner = await AccountForms.MemberClientAsync(site.Factory, "completude@tableau-test.nc", company.Id);

        var card = (await DirectoryWebFactory.ParseAsync(await owner.GetAsync("/mon-espace", Cancel))).QuerySelector($"[data-company='{company.Id}']")!;

        // Ten items, five there (services, skills, phone or email, service area, headcount).
        Assert.Equal("50", card.QuerySelector("[data-completeness]")!.GetAttribute("data-completeness"));
        Assert.Contains("Fiche complète à 50\u00a0%", card.TextContent, StringComparison.Ordinal);
        var edit = $"/mon-espace/entreprises/{company.Id}/modifier";
        Assert.Equal(
            [("description", edit + "#contact-descriptionfr"), ("logo", $"/mon-espace/entreprises/{company.Id}/logo"), ("secondaryActivities", edit + "#activites-secondaires"),
                ("website", edit + "#contact-website"), ("foundingYear", edit + "#identity-foundingyear")],
            card.QuerySelectorAll("[data-missing] li").Select(li => (li.GetAttribute("data-item"), li.QuerySelector("a")!.GetAttribute("href"))));

        // Each link leads to a control of that id on the editor.
        var editor = await DirectoryWebFactory.ParseAsync(await owner.GetAsync(edit, Cancel));
        foreach (var id in new[] { "contact-descriptionfr", "activites-secondaires", "contact-website", "identity-foundingyear" })
        {
            Assert.NotNull(editor.GetElementById(id));
        }
    }

    [Fact]
    public async Task Profile_views_and_contact_clicks_of_people_are_counted_and_shown_but_not_those_of_robots_or_members()
    {
        var company = await TestCompanies.PublishedAsync(site.Factory);
        var owner = await AccountForms.MemberClientAsync(site.Factory, "audience@tableau-test.nc", company.Id);
        var person = site.Factory.CreateBrowserLikeClient();
        person.DefaultRequestHeaders.UserAgent.ParseAdd(Browser);
        var robot = site.Factory.CreateBrowserLikeClient();
        robot.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
        var script = site.Factory.CreateBrowserLikeClient(); // no User-Agent at all
        owner.DefaultRequestHeaders.UserAgent.ParseAdd(Browser);
        var profile = "/entreprises/" + company.Slug;

        var page = await DirectoryWebFactory.ParseAsync(await person.GetAsync(profile, Cancel));
        var beacon = page.QuerySelector("[data-contact-count]")!.GetAttribute("data-contact-count")!;
        Assert.Equal(profile + "/contact", beacon);
        Assert.Equal(["https://www." + company.Slug.Replace("-", "", StringComparison.Ordinal) + ".nc", "mailto:" + company.Email, "tel:+687271234"],
            page.QuerySelectorAll("[data-contact-count] a[data-contact]").Select(a => a.GetAttribute("href")));
        await person.GetAsync(profile, Cancel);
        Assert.Equal(HttpStatusCode.NoContent, (await person.PostAsync(beacon, null, Cancel)).StatusCode);
        foreach (var other in new[] { robot, script, owner })
        {
            Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(profile, Cancel)).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await other.PostAsync(beacon, null, Cancel)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await person.PostAsync("/entreprises/nexiste-pas/contact", null, Cancel)).StatusCode);

        var card = (await DirectoryWebFactory.ParseAsync(await owner.GetAsync("/mon-espace", Cancel))).QuerySelector($"[data-company='{company.Id}']")!;
        Assert.Equal("2", card.QuerySelector("[data-views]")!.TextContent);
        Assert.Equal("1", card.QuerySelector("[data-contact-clicks]")!.TextContent);
        Assert.Contains("Ces 30 derniers jours", card.QuerySelector("[data-audience]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audience_table_holds_counts_and_nothing_that_names_a_person()
    {
        var columns = await site.Factory.WithDatabaseAsync(db =>
            TableColumns.OfAsync(db, "ProfileDailyCounts", Cancel));
        Assert.Equal(["CompanyId", "Day", "Views", "ContactClicks"], columns);
    }

    [Fact]
    public async Task The_contact_click_beacon_counts_nothing_for_a_profile_that_is_not_published()
    {
        var pending = await TestCompanies.AddAsync(site.Factory, PublicationStatus.PendingReview);
        var person = site.Factory.CreateBrowserLikeClient();
        person.DefaultRequestHeaders.UserAgent.ParseAdd(Browser);

        Assert.Equal(HttpStatusCode.NotFound, (await person.PostAsync($"/entreprises/{pending.Slug}/contact", null, Cancel)).StatusCode);
        Assert.False(await site.Factory.WithDatabaseAsync(db => db.ProfileDailyCounts.AnyAsync(c => c.CompanyId == pending.Id, Cancel)));
    }
}
