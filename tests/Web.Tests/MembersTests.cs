using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Companies;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>
/// <c>/mon-espace/entreprises/{id}/membres</c> and <c>/mon-espace/invitation</c>: invitations by mail, roles, the last
/// owner, transfer, leaving, join requests decided by owners.
/// </summary>
public sealed class MembersTests(AccountSite site) : IClassFixture<AccountSite>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_invitation_is_mailed_accepted_once_through_its_link_and_cannot_be_repeated()
    {
        var company = await TestCompanies.AddAsync(site.Factory, "Invitations Lifou", PublicationStatus.Published);
        var owner = await AccountForms.MemberClientAsync(site.Factory, "proprio.lifou@exemple.nc", company.Id);
        var page = Page(company.Id);

        var invalid = await DirectoryWebFactory.ParseAsync(await Post(owner, company.Id, "inviter", ("courriel", "pas un courriel"), ("role", "Editor")));
        Assert.Contains("pas valable", invalid.QuerySelector("#invitation-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("pas un courriel", invalid.QuerySelector<IHtmlInputElement>("#invitation-courriel")!.Value);
        Assert.Equal(page + "?resultat=Invited", (await Post(owner, company.Id, "inviter", ("courriel", "invitee.lifou@exemple.nc"), ("role", "Editor"))).Headers.Location!.OriginalString);
        var twice = await DirectoryWebFactory.ParseAsync(await Post(owner, company.Id, "inviter", ("courriel", "INVITEE.lifou@exemple.nc"), ("role", "Owner")));
        Assert.Contains("déjà en attente", twice.QuerySelector("#invitation-erreur")!.TextContent, StringComparison.Ordinal);

        var mail = await site.MailToAsync("invitee.lifou@exemple.nc", "Invitation à gérer Invitations Lifou");
        Assert.Contains("proprio.lifou@exemple.nc", mail.TextBody, StringComparison.Ordinal);
        var link = new Uri(AccountForms.LinkIn(mail)).PathAndQuery;
        var seen = await DirectoryWebFactory.ParseAsync(await site.Factory.CreateBrowserLikeClient().GetAsync(link, Cancel));
        Assert.Contains("invitee.lifou@exemple.nc", seen.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(seen.QuerySelector("a[href^='/compte/connexion?returnUrl=%2Fmon-espace%2Finvitation']"));

        // Not by whoever holds the link: another account is told whom it was sent to, and nothing is granted.
        var other = await AccountForms.SignedInClientAsync(site.Factory, "autre.adresse@exemple.nc", role: null);
        var refused = await AccountForms.SubmitAsync(other, link, "/mon-espace/invitation");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var told = (await DirectoryWebFactory.ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent;
        Assert.Contains("invitee.lifou@exemple.nc", told, StringComparison.Ordinal);
        Assert.Contains("autre compte", told, StringComparison.Ordinal);
        Assert.Equal([MemberRole.Owner], await RolesAsync(company.Id));

        // Accepted by the invited address (whatever its case), once.
        var invitee = await AccountForms.SignedInClientAsync(site.Factory, "Invitee.Lifou@exemple.nc", role: null);
        var accepted = await AccountForms.SubmitAsync(invitee, link, "/mon-espace/invitation");
        Assert.Equal(page + "?resultat=Joined", accepted.Headers.Location!.OriginalString);
        var again = await DirectoryWebFactory.ParseAsync(await (await AccountForms.SignedInClientAsync(site.Factory, "troisieme@exemple.nc", role: null)).GetAsync(link, Cancel));
        Assert.NotNull(again.QuerySelector("[role=alert]"));
        Assert.Null(again.QuerySelector("form[action='/mon-espace/invitation']"));
        Assert.Equal([MemberRole.Owner, MemberRole.Editor], await RolesAsync(company.Id));
        var history = await DirectoryWebFactory.ParseAsync(await owner.GetAsync($"/mon-espace/entreprises/{company.Id}/historique", Cancel));
        Assert.Contains(history.QuerySelectorAll("[data-change=MemberAdded] [data-reason]"), r => r.TextContent.Contains("Invitee.Lifou@exemple.nc", StringComparison.Ordinal));

        // The editor sees the members but cannot manage them.
        DirectoryWebFactory.AssertRefused((await Post(invitee, company.Id, "inviter", ("courriel", "x@exemple.nc"), ("role", "Owner"))));
        Assert.Equal(HttpStatusCode.OK, (await invitee.GetAsync(page, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Someone_invited_without_an_account_signs_up_and_comes_back_to_the_invitation()
    {
        var company = await TestCompanies.AddAsync(site.Factory, "Invitations Ouvéa", PublicationStatus.Published);
        var owner = await AccountForms.MemberClientAsync(site.Factory, "proprio.ouvea@exemple.nc", company.Id);
        await Post(owner, company.Id, "inviter", ("courriel", "nouvelle.ouvea@exemple.nc"), ("role", "Editor"));
        var link = new Uri(AccountForms.LinkIn(await site.MailToAsync("nouvelle.ouvea@exemple.nc", "Invitation à gérer Invitations Ouvéa"))).PathAndQuery;
        var visitor = site.Factory.CreateBrowserLikeClient();

        var invitation = await DirectoryWebFactory.ParseAsync(await visitor.GetAsync(link, Cancel));
        var signUp = invitation.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlAnchorElement>("a[href^='/compte/inscription']").Single().GetAttribute("href")!;
        var sent = await AccountForms.SubmitAsync(visitor, signUp, "/compte/inscription",
            ("Input.Email", "nouvelle.ouvea@exemple.nc"), ("Input.Password", AccountSite.Password), ("Input.ConfirmPassword", AccountSite.Password));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var confirmation = new Uri(AccountForms.LinkIn(await site.MailToAsync("nouvelle.ouvea@exemple.nc"))).PathAndQuery;
        var confirmed = await DirectoryWebFactory.ParseAsync(await visitor.GetAsync(confirmation, Cancel));
        var signIn = confirmed.QuerySelector("a.button[href^='/compte/connexion']")!.GetAttribute("href")!;
        var signedIn = await AccountForms.SignInAsync(visitor, "nouvelle.ouvea@exemple.nc", url: signIn);

        Assert.Equal(link, signedIn.Headers.Location!.OriginalString);
        Assert.Equal(Page(company.Id) + "?resultat=Joined", (await AccountForms.SubmitAsync(visitor, link, "/mon-espace/invitation")).Headers.Location!.OriginalString);
        Assert.Equal([MemberRole.Owner, MemberRole.Editor], await RolesAsync(company.Id));
    }

    [Fact]
    public async Task A_return_address_elsewhere_is_ignored_by_the_sign_up()
    {
        var visitor = site.Factory.CreateBrowserLikeClient();
        await AccountForms.SubmitAsync(visitor, "/compte/inscription?returnUrl=https%3A%2F%2Fevil.example%2F", "/compte/inscription",
            ("Input.Email", "redirige.ailleurs@exemple.nc"), ("Input.Password", AccountSite.Password), ("Input.ConfirmPassword", AccountSite.Password));
        var confirmation = AccountForms.LinkIn(await site.MailToAsync("redirige.ailleurs@exemple.nc"));

        Assert.DoesNotContain("evil", confirmation, StringComparison.Ordinal);
        var confirmed = await DirectoryWebFactory.ParseAsync(await visitor.GetAsync(new Uri(confirmation).PathAndQuery, Cancel));
        Assert.Equal("/compte/connexion?returnUrl=%2F", confirmed.QuerySelector("a.button[href^='/compte/connexion']")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("revoked")]
    [InlineData("expired")]
    [InlineData("forged")]
    public async Task A_revoked_expired_or_forged_invitation_adds_nobody(string kind)
    {
        var company = await TestCompanies.AddAsync(site.Factory, "Invitation " + kind, PublicationStatus.Published);
        var owner = await AccountForms.MemberClientAsync(site.Factory, $"proprio.{kind}@exemple.nc", company.Id);
        await Post(owner, company.Id, "inviter", ("courriel", $"invite.{kind}@exemple.nc"), ("role", "Owner"));
        var link = new Uri(AccountForms.LinkIn(await site.MailToAsync($"invite.{kind}@exemple.nc", $"Invitation à gérer Invitation {kind}"))).PathAndQuery;
        var invitation = await site.Factory.WithDatabaseAsync(db => db.MemberInvitations.SingleAsync(i => i.CompanyId == company.Id, Cancel));
        if (kind == "revoked")
        {
            Assert.Equal(Page(company.Id) + "?resultat=Revoked", (await Post(owner, company.Id, "revoquer", ("invitation", invitation.Id.ToString()))).Headers.Location!.OriginalString);
        }
        else if (kind == "expired")
        {
            await site.Factory.WithDatabaseAsync(db => db.MemberInvitations.Where(i => i.Id == invitation.Id).ExecuteUpdateAsync(set => set.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)), Cancel));
        }
        else
        {
            link = "/mon-espace/invitation?jeton=" + new string('A', 43);
        }
        var invitee = await AccountForms.SignedInClientAsync(site.Factory, $"invite.{kind}@exemple.nc", role: null);

        var shown = await DirectoryWebFactory.ParseAsync(await invitee.GetAsync(link, Cancel));
        Assert.NotNull(shown.QuerySelector("[role=alert]"));
        Assert.Null(shown.QuerySelector("form[action='/mon-espace/invitation']"));
        Assert.Equal([MemberRole.Owner], await RolesAsync(company.Id));
    }

    [Fact]
    public async Task The_last_owner_stays_until_ownership_is_transferred_then_leaves_as_an_editor()
    {
        var company = await TestCompanies.AddAsync(site.Factory, "Propriété Koumac", PublicationStatus.Published);
        var owner = await AccountForms.MemberClientAsync(site.Factory, "premier.koumac@exemple.nc", company.Id);
        var editor = await AccountForms.MemberClientAsync(site.Factory, "second.koumac@exemple.nc", company.Id, MemberRole.Editor);
        var (ownerId, editorId) = await site.Factory.WithDatabaseAsync(async db => (
            await db.Users.Where(u => u.Email == "premier.koumac@exemple.nc").Select(u => u.Id).SingleAsync(Cancel),
            await db.Users.Where(u => u.Email == "second.koumac@exemple.nc").Select(u => u.Id).SingleAsync(Cancel)));
        var page = Page(company.Id);

        Assert.Equal(page + "?resultat=LastOwner", (await Post(owner, company.Id, "quitter")).Headers.Location!.OriginalString);
        Assert.Equal(page + "?resultat=LastOwner", (await Post(owner, company.Id, "role", ("membre", ownerId.ToString()), ("role", "Editor"))).Headers.Location!.OriginalString);
        Assert.Equal(page + "?resultat=LastOwner", (await Post(owner, company.Id, "retirer", ("membre", ownerId.ToString()))).Headers.Location!.OriginalString);
        var notice = await DirectoryWebFactory.ParseAsync(await owner.GetAsync(page + "?resultat=LastOwner", Cancel));
        Assert.Contains("au moins un propriétaire", notice.QuerySelector("[data-outcome]")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(page + "?resultat=Transferred", (await Post(owner, company.Id, "transferer", ("membre", editorId.ToString()))).Headers.Location!.OriginalString);
        Assert.Equal([MemberRole.Owner, MemberRole.Editor], await RolesAsync(company.Id));
        Assert.Equal(ownerId, await site.Factory.WithDatabaseAsync(db => db.CompanyMembers.Where(m => m.CompanyId == company.Id && m.Role == MemberRole.Editor).Select(m => m.UserId).SingleAsync(Cancel)));
        DirectoryWebFactory.AssertRefused((await Post(owner, company.Id, "retirer", ("membre", editorId.ToString()))));

        Assert.Equal("/mon-espace?resultat=quittee", (await Post(owner, company.Id, "quitter")).Headers.Location!.OriginalString);
        Assert.Equal([MemberRole.Owner], await RolesAsync(company.Id));
        DirectoryWebFactory.AssertRefused((await owner.GetAsync(page, Cancel)));
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync(page, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Owners_decide_join_requests_of_their_company_only_and_the_requester_is_mailed()
    {
        var company = await TestCompanies.AddAsync(site.Factory, "Adhésions Poindimié", PublicationStatus.Published);
        var other = await TestCompanies.AddAsync(site.Factory, "Adhésions Ailleurs", PublicationStatus.Published);
        var owner = await AccountForms.MemberClientAsync(site.Factory, "proprio.poindimie@exemple.nc", company.Id);
        await AccountForms.SignedInClientAsync(site.Factory, "candidate.poindimie@exemple.nc", role: null);
        var (mine, elsewhere) = await site.Factory.WithDatabaseAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == "candidate.poindimie@exemple.nc", Cancel);
            var here = new AccessRequest { CompanyId = company.Id, UserId = user.Id, Kind = AccessRequestKind.Join, CreatedAt = DateTime.UtcNow, Message = "Je suis la nouvelle développeuse." };
            var there = new AccessRequest { CompanyId = other.Id, UserId = user.Id, Kind = AccessRequestKind.Join, CreatedAt = DateTime.UtcNow };
            db.AccessRequests.AddRange(here, there);
            await db.SaveChangesAsync(Cancel);
            return (here.Id, there.Id);
        });
        var listed = await DirectoryWebFactory.ParseAsync(await owner.GetAsync(Page(company.Id), Cancel));
        Assert.Contains("nouvelle développeuse", listed.QuerySelector($"[data-request='{mine}']")!.TextContent, StringComparison.Ordinal);

        var foreign = await Post(owner, company.Id, "demande", ("demande", elsewhere.ToString()), ("decision", "accepter"));
        var approved = await Post(owner, company.Id, "demande", ("demande", mine.ToString()), ("decision", "accepter"));

        Assert.Equal(Page(company.Id) + "?resultat=NotFound", foreign.Headers.Location!.OriginalString);
        Assert.Equal(RequestStatus.Pending, await site.Factory.WithDatabaseAsync(db => db.AccessRequests.Where(r => r.Id == elsewhere).Select(r => r.Status).SingleAsync(Cancel)));
        Assert.Equal(Page(company.Id) + "?resultat=demande-done", approved.Headers.Location!.OriginalString);
        Assert.Equal([MemberRole.Owner, MemberRole.Editor], await RolesAsync(company.Id));
        await site.MailToAsync("candidate.poindimie@exemple.nc", "Vous avez rejoint Adhésions Poindimié");
    }

    private static string Page(Guid company) => $"/mon-espace/entreprises/{company}/membres";

    private static async Task<HttpResponseMessage> Post(HttpClient client, Guid company, string handler, params (string Name, string Value)[] fields)
    {
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/compte", Cancel));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync($"{Page(company)}?handler={handler}", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]), Cancel);
    }

    private Task<List<MemberRole>> RolesAsync(Guid company) =>
        site.Factory.WithDatabaseAsync(db => db.CompanyMembers.Where(m => m.CompanyId == company).OrderByDescending(m => m.Role).Select(m => m.Role).ToListAsync(Cancel));
}
