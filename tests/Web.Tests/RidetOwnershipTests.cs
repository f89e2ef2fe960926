using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>
/// One company per RIDET (docs/adr/0020): the edit form and the registration wizard refuse a RIDET another company
/// holds ("déjà utilisé — revendiquer ?" when that company is public, a neutral answer when it is not), a member's
/// RIDET change goes to the moderators, the API answers the one company of a RIDET, and nothing of an unpublished
/// company is shown or can be claimed or joined (issue #15, findings 2 and 8).
/// </summary>
public sealed class RidetOwnershipTests(AccountSite site) : IClassFixture<AccountSite>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_edit_form_refuses_a_published_companys_ridet_and_offers_to_claim_it_and_the_api_still_answers_that_company()
    {
        var holder = await TestCompanies.PublishedAsync(site.Factory);
        var mine = await TestCompanies.PublishedAsync(site.Factory);
        var member = await AccountForms.MemberClientAsync(site.Factory, $"membre.{TestCompanies.Unique()}@ridet-test.nc", mine.Id);
        var url = $"/mon-espace/entreprises/{mine.Id}/modifier";

        var response = await ProfileForms.PostAsync(member, await EditorFormAsync(member, url), ("Input.Ridet.Number", holder.Ridet.ToString()!));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await DirectoryWebFactory.ParseAsync(response);
        Assert.Contains("déjà utilisé", page.QuerySelector("#ridet-number-erreur")!.TextContent, StringComparison.Ordinal);
        var claim = page.QuerySelector("[data-ridet-taken] a")!;
        Assert.Contains("revendiquer", claim.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/mon-espace/inscrire/ridet?ridet={Uri.EscapeDataString(holder.Ridet.ToString()!)}", claim.GetAttribute("href"));
        Assert.Equal(mine.Ridet, await RidetAsync(mine.Id));
        var api = await JsonAsync($"/api/v1/entreprises/{holder.Ridet}");
        Assert.Equal(holder.Slug, api.GetProperty("slug").GetString());

        // The link shows the company with the offer to claim it (it has no owner).
        var offer = await DirectoryWebFactory.ParseAsync(await member.GetAsync(claim.GetAttribute("href")!, Cancel));
        Assert.Contains(holder.DisplayName, offer.QuerySelector("[data-ridet-matches]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Revendiquer cette entreprise", offer.QuerySelector("[data-ridet-matches] button")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PublicationStatus.PendingReview)]
    [InlineData(PublicationStatus.Rejected)]
    [InlineData(PublicationStatus.Archived)]
    public async Task The_ridet_of_an_unpublished_company_gets_a_neutral_answer_in_both_forms(PublicationStatus status)
    {
        var hidden = await TestCompanies.AddAsync(site.Factory, $"Société Cachée {TestCompanies.Unique()}", status);
        var mine = await TestCompanies.PublishedAsync(site.Factory);
        var email = $"membre.{TestCompanies.Unique()}@ridet-test.nc";
        var member = await AccountForms.MemberClientAsync(site.Factory, email, mine.Id);
        var url = $"/mon-espace/entreprises/{mine.Id}/modifier";

        var edit = await DirectoryWebFactory.ParseAsync(await ProfileForms.PostAsync(member, await EditorFormAsync(member, url), ("Input.Ridet.Number", hidden.Ridet.ToString()!)));
        Assert.Contains("déjà enregistré : contactez-nous", edit.QuerySelector("#ridet-number-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(hidden.LegalName, edit.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(edit.QuerySelector("[data-ridet-taken] a"));

        // The wizard says the same, shows nothing of the company, and does not let the registration go on.
        var step = await ProfileForms.StepAsync(member, "ridet", ("Input.Ridet.Number", hidden.Ridet.ToString()!), ("continuer", "true"));
        var wizard = step.StatusCode == HttpStatusCode.OK ? await DirectoryWebFactory.ParseAsync(step)
            : await DirectoryWebFactory.ParseAsync(await member.GetAsync(step.Headers.Location!.OriginalString, Cancel));
        Assert.Contains("déjà enregistré : contactez-nous", wizard.QuerySelector("#ridet-number-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(hidden.LegalName, wizard.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(wizard.QuerySelector("[data-ridet-matches]"));
        Assert.Equal("ridet", await DraftStepAsync(email));
    }

    [Fact]
    public async Task The_wizard_does_not_go_on_with_a_published_companys_exact_ridet_but_offers_to_claim_it()
    {
        var holder = await TestCompanies.PublishedAsync(site.Factory);
        var email = $"inscrivant.{TestCompanies.Unique()}@ridet-test.nc";
        var client = await AccountForms.SignedInClientAsync(site.Factory, email, role: null);

        var step = await ProfileForms.StepAsync(client, "ridet", ("Input.Ridet.Number", holder.Ridet.ToString()!), ("continuer", "true"));

        var page = step.StatusCode == HttpStatusCode.OK ? await DirectoryWebFactory.ParseAsync(step)
            : await DirectoryWebFactory.ParseAsync(await client.GetAsync(step.Headers.Location!.OriginalString, Cancel));
        Assert.Contains("déjà utilisé", page.QuerySelector("#ridet-number-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(holder.DisplayName, page.QuerySelector("[data-ridet-matches]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("ridet", await DraftStepAsync(email));
    }

    [Theory]
    [InlineData(PublicationStatus.PendingReview, false)]
    [InlineData(PublicationStatus.Rejected, true)]
    [InlineData(PublicationStatus.Draft, false)]
    public async Task Claims_and_join_requests_for_an_unpublished_company_are_refused(PublicationStatus status, bool withOwner)
    {
        var hidden = await TestCompanies.AddAsync(site.Factory, status);
        if (withOwner)
        {
            await AccountForms.MemberClientAsync(site.Factory, $"proprio.{TestCompanies.Unique()}@ridet-test.nc", hidden.Id);
        }
        var client = await AccountForms.SignedInClientAsync(site.Factory, $"curieux.{TestCompanies.Unique()}@ridet-test.nc", role: null);
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/mon-espace/inscrire/ridet", Cancel));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var asked = await client.PostAsync("/mon-espace/inscrire/ridet?handler=demander", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("companyId", hidden.Id.ToString()), new("message", "C'est la mienne.")]), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, asked.StatusCode);
        Assert.False(await site.Factory.WithDatabaseAsync(db => db.AccessRequests.AnyAsync(r => r.CompanyId == hidden.Id, Cancel)));
    }

    [Fact]
    public async Task A_members_ridet_change_waits_for_a_moderator_who_approves_it()
    {
        var mine = await TestCompanies.PublishedAsync(site.Factory);
        var member = await AccountForms.MemberClientAsync(site.Factory, $"membre.{TestCompanies.Unique()}@ridet-test.nc", mine.Id);
        var url = $"/mon-espace/entreprises/{mine.Id}/modifier";
        var wanted = TestCompanies.NewRidet(establishment: true);

        var saved = await ProfileForms.PostAsync(member, await EditorFormAsync(member, url),
            ("Input.Ridet.Number", wanted.ToString()), ("Input.Identity.Acronym", "RDT"));

        Assert.Equal(url + "?resultat=ridet-demande", saved.Headers.Location!.OriginalString);
        var told = await DirectoryWebFactory.ParseAsync(await member.GetAsync(saved.Headers.Location!.OriginalString, Cancel));
        Assert.Contains("modération", told.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(mine.Ridet, await RidetAsync(mine.Id));
        Assert.Equal("RDT", await site.Factory.WithDatabaseAsync(db => db.Companies.Where(c => c.Id == mine.Id).Select(c => c.Acronym).SingleAsync(Cancel)));
        var request = await site.Factory.WithDatabaseAsync(db => db.AccessRequests.SingleAsync(r => r.CompanyId == mine.Id, Cancel));
        Assert.Equal((AccessRequestKind.Ridet, wanted), (request.Kind, request.Ridet!.Value));
        var space = await DirectoryWebFactory.ParseAsync(await member.GetAsync("/mon-espace", Cancel));
        Assert.Contains("changement de RIDET", space.QuerySelector($"[data-request='{request.Id}']")!.TextContent, StringComparison.Ordinal);

        var moderator = await AccountForms.SignedInClientAsync(site.Factory, $"moderation.{TestCompanies.Unique()}@annuaire-test.nc", Roles.Moderator);
        var queue = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync("/moderation/revendications", Cancel));
        var item = queue.QuerySelector($"[data-item='{request.Id}']")!;
        Assert.Contains(wanted.ToString(), item.QuerySelector("[data-ridet-change]")!.TextContent, StringComparison.Ordinal);
        var token = queue.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var decided = await moderator.PostAsync("/moderation/revendications", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("id", request.Id.ToString()), new("decision", "accepter"), new("motif", "")]), Cancel);

        Assert.Equal("/moderation/revendications?resultat=fait", decided.Headers.Location!.OriginalString);
        Assert.Equal(wanted, await RidetAsync(mine.Id));
    }

    private static async Task<IHtmlFormElement> EditorFormAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await DirectoryWebFactory.ParseAsync(response);
        return page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.GetAttribute("action") == url);
    }

    private Task<Ridet?> RidetAsync(Guid company) =>
        site.Factory.WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company).Select(c => c.Ridet).SingleAsync(Cancel));

    private Task<string?> DraftStepAsync(string email) =>
        site.Factory.WithDatabaseAsync(db => db.RegistrationDrafts
            .Where(d => d.CompanyId == null && db.Users.Any(u => u.Id == d.UserId && u.Email == email))
            .Select(d => d.Step).SingleOrDefaultAsync(Cancel));

    private async Task<JsonElement> JsonAsync(string url)
    {
        var response = await site.Factory.CreateClient().GetAsync(url, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        return document.RootElement.Clone();
    }
}
