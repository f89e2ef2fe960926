using System.Net;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>
/// <c>/moderation</c>: new profiles, claims and publication, decided once by moderators, written to the company's
/// history and mailed (through an SMTP server on loopback) with their reason.
/// </summary>
public sealed class ModerationQueueTests(AccountSite site) : IClassFixture<AccountSite>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_profile_is_refused_only_with_a_reason_published_once_mailed_and_then_found()
    {
        var company = await NewCompanyAsync("Atelier Numérique Ouvéa", PublicationStatus.PendingReview);
        var owner = await AccountForms.MemberClientAsync(site.Factory, "proprietaire.ouvea@exemple.nc", company);
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "moderation.profils@annuaire-test.nc", Roles.Moderator);

        var home = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync("/moderation", Cancel));
        Assert.True(int.Parse(home.QuerySelector("[data-queue='/moderation/profils']")!.TextContent, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        var queue = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync("/moderation/profils", Cancel));
        var item = queue.QuerySelector($"[data-item='{company}']")!;
        Assert.Contains("proprietaire.ouvea@exemple.nc", item.TextContent, StringComparison.Ordinal);

        var noReason = await Decide(moderator, queue, "/moderation/profils", company, "refuser", "  ");
        Assert.Equal("/moderation/profils?resultat=motif-requis", noReason.Headers.Location!.OriginalString);
        Assert.Equal(PublicationStatus.PendingReview, await StatusAsync(company));

        var published = await Decide(moderator, queue, "/moderation/profils", company, "accepter", null);
        var late = await Decide(moderator, queue, "/moderation/profils", company, "refuser", "Trop tard.");

        Assert.Equal("/moderation/profils?resultat=fait", published.Headers.Location!.OriginalString);
        Assert.Equal("/moderation/profils?resultat=deja-traite", late.Headers.Location!.OriginalString);
        Assert.Equal(PublicationStatus.Published, await StatusAsync(company));
        Assert.Contains("publiée", (await site.MailToAsync("proprietaire.ouvea@exemple.nc", "Votre fiche Atelier Numérique Ouvéa est publiée")).TextBody, StringComparison.Ordinal);
        await FoundAsync("Atelier Numérique Ouvéa", expected: true);

        // The owner reads the decision in the history, with who took it.
        var history = await DirectoryWebFactory.ParseAsync(await owner.GetAsync($"/mon-espace/entreprises/{company}/historique", Cancel));
        var approved = history.QuerySelector("[data-change=Approved]")!;
        Assert.Contains("moderation.profils@annuaire-test.nc", approved.TextContent, StringComparison.Ordinal);
        Assert.Equal("Publiée", approved.QuerySelector("[data-field=status] td:last-child")!.TextContent);
    }

    [Fact]
    public async Task Claims_from_the_website_domain_come_first_a_refusal_is_mailed_with_its_reason_and_an_approval_makes_an_owner()
    {
        var company = await NewCompanyAsync("Nouméa Pixels", PublicationStatus.Published, website: "https://www.noumea-pixels.nc");
        var outsider = await RequesterAsync("curieux@ailleurs.nc", company, domainMatches: false);
        var insider = await RequesterAsync("gerante@noumea-pixels.nc", company, domainMatches: true);
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "moderation.claims@annuaire-test.nc", Roles.Moderator);

        var queue = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync("/moderation/revendications", Cancel));
        var items = queue.QuerySelectorAll("[data-item]").Select(i => i.GetAttribute("data-item")).ToList();
        Assert.True(items.IndexOf(insider.Request.ToString()) < items.IndexOf(outsider.Request.ToString()));
        Assert.NotNull(queue.QuerySelector($"[data-item='{insider.Request}'] [data-domain-match]"));
        Assert.NotNull(queue.QuerySelector($"[data-item='{insider.Request}'] [data-conflict]"));

        Assert.Equal("/moderation/revendications?resultat=motif-requis",
            (await Decide(moderator, queue, "/moderation/revendications", outsider.Request, "refuser", "")).Headers.Location!.OriginalString);
        await Decide(moderator, queue, "/moderation/revendications", outsider.Request, "refuser", "Aucun lien avec l'entreprise n'a pu être établi.");
        await Decide(moderator, queue, "/moderation/revendications", insider.Request, "accepter", null);

        var refusal = await site.MailToAsync("curieux@ailleurs.nc", "Votre revendication de Nouméa Pixels n'est pas acceptée");
        Assert.Contains("Aucun lien avec l'entreprise", refusal.TextBody, StringComparison.Ordinal);
        await site.MailToAsync("gerante@noumea-pixels.nc", "Vous gérez désormais Nouméa Pixels");
        var roles = await site.Factory.WithDatabaseAsync(db => db.CompanyMembers.Where(m => m.CompanyId == company).Select(m => m.Role).ToListAsync(Cancel));
        Assert.Equal([MemberRole.Owner], roles);
        Assert.Equal(HttpStatusCode.OK, (await insider.Client.GetAsync($"/mon-espace/entreprises/{company}/modifier", Cancel)).StatusCode);
        DirectoryWebFactory.AssertRefused(await outsider.Client.GetAsync($"/mon-espace/entreprises/{company}/modifier", Cancel));
        var history = await DirectoryWebFactory.ParseAsync(await insider.Client.GetAsync($"/mon-espace/entreprises/{company}/historique", Cancel));
        Assert.Contains("gerante@noumea-pixels.nc", history.QuerySelector("[data-change=Claimed] [data-reason]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Aucun lien", history.QuerySelector("[data-change=Rejected] [data-reason]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unpublishing_needs_a_reason_takes_the_profile_off_the_search_and_republishing_brings_it_back()
    {
        var company = await NewCompanyAsync("Koné Data Services", PublicationStatus.Published);
        await AccountForms.MemberClientAsync(site.Factory, "proprio.kone@exemple.nc", company);
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "moderation.publication@annuaire-test.nc", Roles.Moderator);
        await FoundAsync("Koné Data Services", expected: true);
        var path = $"/moderation/entreprises/{company}";

        var refused = await AccountForms.SubmitAsync(moderator, path, path + "?handler=depublier", ("motif", ""));
        Assert.Equal(path + "?resultat=motif-requis", refused.Headers.Location!.OriginalString);
        await AccountForms.SubmitAsync(moderator, path, path + "?handler=depublier", ("motif", "Entreprise radiée du RIDET."));

        Assert.Equal(PublicationStatus.Archived, await StatusAsync(company));
        Assert.Contains("radiée", (await site.MailToAsync("proprio.kone@exemple.nc", "Votre fiche Koné Data Services a été retirée de l'annuaire")).TextBody, StringComparison.Ordinal);
        await FoundAsync("Koné Data Services", expected: false);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Factory.CreateClient().GetAsync("/entreprises/kone-data-services", Cancel)).StatusCode);

        await AccountForms.SubmitAsync(moderator, path, path + "?handler=republier");
        Assert.Equal(PublicationStatus.Published, await StatusAsync(company));
        await FoundAsync("Koné Data Services", expected: true);
    }

    [Fact]
    public async Task Profiles_unconfirmed_for_two_years_are_listed_until_a_moderator_checks_them()
    {
        var company = await NewCompanyAsync("Bourail Web Ancien", PublicationStatus.Published);
        await site.Factory.WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.PublishedAt, DateTime.UtcNow.AddMonths(-30)).SetProperty(c => c.LastConfirmedAt, (DateTime?)null), Cancel));
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "moderation.fraicheur@annuaire-test.nc", Roles.Moderator);

        var stale = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync("/moderation/a-verifier", Cancel));
        Assert.NotNull(stale.QuerySelector($"[data-item='{company}']"));
        await AccountForms.SubmitAsync(moderator, "/moderation/a-verifier", "/moderation/a-verifier", ("id", company.ToString()));

        var after = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync("/moderation/a-verifier", Cancel));
        Assert.Null(after.QuerySelector($"[data-item='{company}']"));
        Assert.True(await site.Factory.WithDatabaseAsync(db => db.CompanyChanges.AnyAsync(c => c.CompanyId == company && c.Kind == ChangeKind.Confirmed, Cancel)));
    }

    private async Task<Guid> NewCompanyAsync(string name, PublicationStatus status, string? website = null) =>
        (await TestCompanies.AddAsync(site.Factory, name, status, (company, _) => company.Website = website)).Id;

    private async Task<(HttpClient Client, Guid Request)> RequesterAsync(string email, Guid company, bool domainMatches)
    {
        var client = await AccountForms.SignedInClientAsync(site.Factory, email, role: null);
        var request = await site.Factory.WithDatabaseAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email, Cancel);
            var created = new AccessRequest { CompanyId = company, UserId = user.Id, Kind = AccessRequestKind.Claim, EmailDomainMatchesWebsite = domainMatches, CreatedAt = DateTime.UtcNow, Message = "Je dirige cette entreprise." };
            db.AccessRequests.Add(created);
            await db.SaveChangesAsync(Cancel);
            return created.Id;
        });
        return (client, request);
    }

    /// <summary>Posts a queue's decision form as its button would.</summary>
    internal static Task<HttpResponseMessage> Decide(HttpClient client, AngleSharp.Html.Dom.IHtmlDocument page, string action, Guid id, string decision, string? reason)
    {
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return client.PostAsync(action, new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("id", id.ToString()), new("decision", decision), new("motif", reason ?? ""),
        ]), Cancel);
    }

    private Task<PublicationStatus> StatusAsync(Guid company) =>
        site.Factory.WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company).Select(c => c.Status).SingleAsync(Cancel));

    /// <summary>Whether search finds the company, once the index holds every change saved so far.</summary>
    private async Task FoundAsync(string name, bool expected)
    {
        await site.Factory.IndexedAsync();
        var found = (await site.Factory.Services.GetRequiredService<ICompanySearch>().SearchAsync(new SearchRequest { Text = name }, Cancel)).Hits.Any(h => h.Name == name);
        Assert.True(found == expected, $"\"{name}\" was {(found ? "still" : "not")} found in the search once the index caught up.");
    }
}
