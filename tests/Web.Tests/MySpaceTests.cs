using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Tests;

/// <summary><c>/mon-espace</c> and <c>/mon-espace/entreprises/{id}/modifier</c>: the dashboard, confirmation, editing.</summary>
public sealed class MySpaceTests(AccountSite site) : IClassFixture<AccountSite>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_editors_at_once_the_second_gets_the_message_loses_nothing_and_saves_again()
    {
        var company = await PublishedCompanyAsync();
        var first = await AccountForms.MemberClientAsync(site.Factory, "premiere@editeurs-test.nc", company, MemberRole.Owner);
        var second = await AccountForms.MemberClientAsync(site.Factory, "second@editeurs-test.nc", company, MemberRole.Editor);
        var url = $"/mon-espace/entreprises/{company}/modifier";
        var firstForm = await EditorFormAsync(first, url);
        var secondForm = await EditorFormAsync(second, url);
        var oldTradeName = ((IHtmlInputElement)secondForm.QuerySelector("#identity-tradename")!).Value;

        var saved = await ProfileForms.PostAsync(first, firstForm, ("Input.Identity.TradeName", "Nom choisi par la première"));
        Assert.Equal(url + "?resultat=enregistre", saved.Headers.Location!.OriginalString);

        var stale = await ProfileForms.PostAsync(second, secondForm, ("Input.Contact.DescriptionFr", "Texte du second éditeur."));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var conflict = await DirectoryWebFactory.ParseAsync(stale);
        Assert.Contains("Quelqu'un a modifié ce profil pendant que vous le modifiiez", conflict.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        var row = conflict.QuerySelectorAll("[data-conflict] tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Nom commercial");
        Assert.Equal(["Nom choisi par la première", oldTradeName], row.QuerySelectorAll("td").Select(c => c.TextContent));
        Assert.Equal("Texte du second éditeur.", ((IHtmlTextAreaElement)conflict.QuerySelector("#contact-descriptionfr")!).Value);
        Assert.Equal("Nom choisi par la première", await WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company).Select(c => c.TradeName).SingleAsync(Cancel)));

        var form = conflict.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.GetAttribute("action") == url);
        var again = await ProfileForms.PostAsync(second, form);
        Assert.Equal(url + "?resultat=enregistre", again.Headers.Location!.OriginalString);

        var (after, history) = await WithDatabaseAsync(async db => (
            await db.Companies.AsNoTracking().SingleAsync(c => c.Id == company, Cancel),
            await db.CompanyChanges.Where(c => c.CompanyId == company && c.Kind == ChangeKind.Edited).OrderBy(c => c.At).ToListAsync(Cancel)));
        Assert.Equal("Texte du second éditeur.", after.DescriptionFr);
        Assert.Equal(PublicationStatus.Published, after.Status);
        Assert.Equal(2, history.Count);
        Assert.Equal("premiere@editeurs-test.nc", history[0].Actor);
        Assert.Contains(history[0].FieldChanges, f => f.Field == "tradeName" && f.After == "Nom choisi par la première");
        Assert.Contains(history[1].FieldChanges, f => f.Field == "descriptionFr" && f.After == "Texte du second éditeur.");
    }

    [Fact]
    public async Task An_invalid_edit_shows_french_messages_and_keeps_what_was_typed()
    {
        var company = await PublishedCompanyAsync();
        var owner = await AccountForms.MemberClientAsync(site.Factory, "proprietaire@invalide-test.nc", company);
        var url = $"/mon-espace/entreprises/{company}/modifier";

        var response = await ProfileForms.PostAsync(owner, await EditorFormAsync(owner, url),
            ("Input.Contact.Website", "pas un site"), ("Input.Location.PostalCode", "75001"), ("Input.Identity.LegalName", "Nouvelle raison sociale"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await DirectoryWebFactory.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("#contact-website-erreur"));
        Assert.NotNull(page.QuerySelector("#location-postalcode-erreur"));
        Assert.Equal("pas un site", ((IHtmlInputElement)page.QuerySelector("#contact-website")!).Value);
        Assert.Equal("Nouvelle raison sociale", ((IHtmlInputElement)page.QuerySelector("#identity-legalname")!).Value);
        Assert.NotEqual("Nouvelle raison sociale", await WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company).Select(c => c.LegalName).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task Editing_is_refused_to_a_member_of_another_company_and_to_anonymous_visitors()
    {
        var mine = await PublishedCompanyAsync();
        var theirs = await PublishedCompanyAsync();
        var member = await AccountForms.MemberClientAsync(site.Factory, "membre-a@autorisation-test.nc", mine);
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "moderatrice@autorisation-test.nc", Roles.Moderator);
        var anonymous = site.Factory.CreateBrowserLikeClient();
        var theirUrl = $"/mon-espace/entreprises/{theirs}/modifier";
        var before = await WithDatabaseAsync(db => db.Companies.Where(c => c.Id == theirs).Select(c => c.Version).SingleAsync(Cancel));

        DirectoryWebFactory.AssertRefused((await member.GetAsync(theirUrl, Cancel)));
        Assert.StartsWith("/compte/connexion", (await anonymous.GetAsync(theirUrl, Cancel)).Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        // The member's own form, sent to the other company's address.
        var form = await EditorFormAsync(member, $"/mon-espace/entreprises/{mine}/modifier");
        form.SetAttribute("action", theirUrl);
        var refused = await ProfileForms.PostAsync(member, form, ("Input.Identity.LegalName", "Prise de contrôle"));
        DirectoryWebFactory.AssertRefused(refused);
        var confirm = (await DirectoryWebFactory.ParseAsync(await member.GetAsync("/mon-espace", Cancel)))
            .QuerySelectorAll<IHtmlFormElement>("form").First(f => f.GetAttribute("action") == "/mon-espace?handler=confirmer");
        DirectoryWebFactory.AssertRefused((await ProfileForms.PostAsync(member, confirm, ("id", theirs.ToString()))));
        Assert.Equal(before, await WithDatabaseAsync(db => db.Companies.Where(c => c.Id == theirs).Select(c => c.Version).SingleAsync(Cancel)));

        Assert.Equal(HttpStatusCode.OK, (await moderator.GetAsync(theirUrl, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await moderator.GetAsync($"/mon-espace/entreprises/{Guid.NewGuid()}/modifier", Cancel)).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_lists_the_companies_and_my_profile_is_up_to_date_stamps_the_confirmation()
    {
        var company = await PublishedCompanyAsync();
        await WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company).ExecuteUpdateAsync(set => set.SetProperty(c => c.LastConfirmedAt, (DateTime?)null), Cancel));
        var owner = await AccountForms.MemberClientAsync(site.Factory, "gerante@tableau-test.nc", company);
        var space = await DirectoryWebFactory.ParseAsync(await owner.GetAsync("/mon-espace", Cancel));
        var card = space.QuerySelector($"[data-company='{company}']")!;
        Assert.Equal("Publiée", card.QuerySelector("[data-status]")!.TextContent);
        Assert.Contains("jamais confirmé", card.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            [$"/mon-espace/entreprises/{company}/modifier", $"/mon-espace/entreprises/{company}/membres", $"/mon-espace/entreprises/{company}/logo",
                $"/mon-espace/entreprises/{company}/realisations", $"/mon-espace/entreprises/{company}/historique",
                $"/mon-espace/entreprises/{company}/demandes"],
            card.QuerySelectorAll(".my-company-links a").Select(a => a.GetAttribute("href")));

        var confirmed = await ProfileForms.PostAsync(owner, card.QuerySelector<IHtmlFormElement>("form")!);
        Assert.Equal("/mon-espace?resultat=confirmee", confirmed.Headers.Location!.OriginalString);
        var (at, entry) = await WithDatabaseAsync(async db => (
            await db.Companies.Where(c => c.Id == company).Select(c => c.LastConfirmedAt).SingleAsync(Cancel),
            await db.CompanyChanges.SingleAsync(c => c.CompanyId == company && c.Kind == ChangeKind.Confirmed, Cancel)));
        Assert.NotNull(at);
        Assert.Equal("gerante@tableau-test.nc", entry.Actor);
        var after = await DirectoryWebFactory.ParseAsync(await owner.GetAsync("/mon-espace?resultat=confirmee", Cancel));
        Assert.Contains("Profil confirmé le", after.QuerySelector($"[data-company='{company}']")!.TextContent, StringComparison.Ordinal);
    }

    private static async Task<IHtmlFormElement> EditorFormAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await DirectoryWebFactory.ParseAsync(response);
        return page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.GetAttribute("action") == url);
    }

    [Fact]
    public async Task A_refused_profile_corrected_by_its_owner_goes_back_to_the_moderators()
    {
        var company = await PublishedCompanyAsync();
        await WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company).ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, PublicationStatus.Rejected), Cancel));
        var owner = await AccountForms.MemberClientAsync(site.Factory, "corrige@editeurs-test.nc", company, MemberRole.Owner);
        var url = $"/mon-espace/entreprises/{company}/modifier";

        var saved = await ProfileForms.PostAsync(owner, await EditorFormAsync(owner, url), ("Input.Contact.DescriptionFr", "Description corrigée après le refus."));

        Assert.Equal("/mon-espace?resultat=soumise", saved.Headers.Location!.OriginalString);
        Assert.Equal(PublicationStatus.PendingReview, await WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company).Select(c => c.Status).SingleAsync(Cancel)));
        Assert.True(await WithDatabaseAsync(db => db.CompanyChanges.AnyAsync(c => c.CompanyId == company && c.Kind == ChangeKind.Submitted, Cancel)));
    }

    [Fact]
    public async Task The_editor_opens_on_a_summary_of_its_sections_each_saying_what_it_lacks_or_what_to_correct()
    {
        var company = (await TestCompanies.PublishedAsync(site.Factory, (c, _) => (c.FoundingYear, c.Website) = (null, null))).Id;
        var owner = await AccountForms.MemberClientAsync(site.Factory, "sommaire@editeurs-test.nc", company);
        var url = $"/mon-espace/entreprises/{company}/modifier";

        var page = await DirectoryWebFactory.ParseAsync(await owner.GetAsync(url, Cancel));
        var summary = page.QuerySelector("[data-edit-summary]")!;
        Assert.Equal(
            [("#section-ridet", "complete"), ("#section-identite", "missing"), ("#section-activites", "complete"), ("#section-localisation", "complete"), ("#section-contact", "missing")],
            summary.QuerySelectorAll("li").Select(li => (li.QuerySelector("a")!.GetAttribute("href"), li.QuerySelector("[data-state]")!.GetAttribute("data-state"))));
        Assert.Contains("l'année de création", summary.QuerySelector("[data-section=identite]")!.TextContent, StringComparison.Ordinal);
        Assert.All(summary.QuerySelectorAll("a"), a => Assert.NotNull(page.QuerySelector(a.GetAttribute("href")!)));
        // The save button is in a bar of its own at the form's end (it stays in sight: see the browser tests).
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.GetAttribute("action") == url);
        Assert.Equal(form.QuerySelector("[data-save-bar]"), form.QuerySelector("button[type=submit]")!.ParentElement);

        var invalid = await DirectoryWebFactory.ParseAsync(await ProfileForms.PostAsync(owner, form, ("Input.Contact.Website", "pas un site")));
        Assert.Equal("errors", invalid.QuerySelector("[data-edit-summary] [data-section=contact] [data-state]")!.GetAttribute("data-state"));
    }

    [Fact]
    public async Task Served_communes_are_ticked_by_province_and_a_whole_province_is_kept_as_the_province()
    {
        var company = (await TestCompanies.PublishedAsync(site.Factory)).Id;
        var owner = await AccountForms.MemberClientAsync(site.Factory, "zone@editeurs-test.nc", company);
        var url = $"/mon-espace/entreprises/{company}/modifier";
        var taxonomy = Core.Taxonomy.TaxonomyCatalog.Default;
        string[] CommunesOf(string province) => [.. taxonomy.Communes.Where(c => !c.IsRetired && c.ProvinceCode == province).Select(c => c.Code)];
        var (south, north, islands) = (CommunesOf("sud"), CommunesOf("nord"), CommunesOf("iles"));

        var page = await DirectoryWebFactory.ParseAsync(await owner.GetAsync(url, Cancel));
        var groups = page.QuerySelectorAll("#zone-intervention [data-area-province]");
        Assert.Equal(["Province Sud", "Province Nord", "Province des Îles Loyauté"], groups.Select(g => g.QuerySelector("legend")!.TextContent));
        Assert.Equal(south.Order(), groups[0].QuerySelectorAll("[data-area-commune]").Select(c => c.GetAttribute("value")!).Order());
        Assert.Equal("sud", groups[0].QuerySelector("[data-area-whole]")!.GetAttribute("value"));

        // "Toute la province" with some of its communes ticked too (as the script leaves them), one commune elsewhere,
        // and every commune of the islands one by one.
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.GetAttribute("action") == url);
        await ProfileForms.PostAsync(owner, form,
            [("Input.Location.WholeTerritory", "false"), ("Input.Location.ProvinceCodes", "sud"), .. south.Take(3).Append(north[0]).Concat(islands).Select(c => ("Input.Location.CommuneCodes", c))]);

        var area = await WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company).Select(c => c.ServiceArea).SingleAsync(Cancel));
        Assert.False(area.WholeTerritory);
        Assert.Equal(["sud", "iles"], area.ProvinceCodes);
        Assert.Equal([north[0]], area.CommuneCodes);
        var again = await DirectoryWebFactory.ParseAsync(await owner.GetAsync(url, Cancel));
        Assert.Equal(["sud", "iles"], again.QuerySelectorAll("[data-area-whole]:checked").Select(c => c.GetAttribute("value")));
        Assert.Equal([north[0]], again.QuerySelectorAll("[data-area-commune]:checked").Select(c => c.GetAttribute("value")));
    }

    /// <summary>A published company of the test's own.</summary>
    private async Task<Guid> PublishedCompanyAsync() => (await TestCompanies.PublishedAsync(site.Factory)).Id;

    private Task<T> WithDatabaseAsync<T>(Func<AppDbContext, Task<T>> query) => site.Factory.WithDatabaseAsync(query);
}
