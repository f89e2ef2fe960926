using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>
/// <c>/mon-espace/entreprises/{id}/realisations</c>, <c>/moderation/realisations</c>, <c>/realisations/{file}</c> and the
/// réalisations of the public profile (docs/adr/0026), with the images on disk.
/// </summary>
public sealed class RealisationTests(ModeratorSite site) : RealisationCases(site), IClassFixture<ModeratorSite>;

/// <summary>The same with the images in the database (<c>Storage:Files=Database</c>).</summary>
public sealed class RealisationTestsWithFilesInDatabase(FilesInDatabaseModeratorSite site) : RealisationCases(site), IClassFixture<FilesInDatabaseModeratorSite>;

/// <summary>The réalisations' pages and images, whatever keeps the files.</summary>
public abstract class RealisationCases(ModeratorSite site)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string PageOf(Guid company) => $"/mon-espace/entreprises/{company}/realisations";

    internal static byte[] Png(int width, int height) => LogoTests.Image(width, height, SKEncodedImageFormat.Png);

    /// <summary>Posts the page's form as a browser would (multipart, its hidden fields), with <paramref name="fields"/> and an image if given.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Guid company, (byte[] Content, string Name)? image, string? edit = null,
        params (string Name, string Value)[] fields)
    {
        var url = PageOf(company);
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync(edit is null ? url : $"{url}?modifier={edit}", Cancel));
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.GetAttribute("enctype") == "multipart/form-data");
        using var body = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").Where(h => fields.All(f => f.Name != h.Name)))
        {
            body.Add(new StringContent(hidden.Value), hidden.Name!);
        }
        foreach (var (name, value) in fields)
        {
            body.Add(new StringContent(value), name);
        }
        if (image is { } sent)
        {
            var file = new ByteArrayContent(sent.Content);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            body.Add(file, "image", sent.Name);
        }
        return await client.PostAsync(form.GetAttribute("action"), body, Cancel);
    }

    private static (string, string)[] Typed(string title, string? alt = "Page d'accueil du site", string link = "https://www.mairie-exemple.nc/accueil") =>
    [
        ("Input.Title", title), ("Input.ClientType", ClientTypes.Administration), ("Input.Year", "2025"),
        ("Input.Text", "Refonte du site de la mairie\net formation des agents."), ("Input.Link", link), ("Input.ImageAlt", alt ?? ""),
    ];

    private Task<List<Realisation>> RealisationsAsync(Guid company) =>
        site.WithDatabaseAsync(db => db.Realisations.AsNoTracking().Where(r => r.CompanyId == company).OrderBy(r => r.Position).ToListAsync(Cancel));

    private static Task<HttpResponseMessage> DecideAsync(HttpClient moderator, IHtmlDocument queue, Guid id, string decision, string reason) =>
        ModerationQueueTests.Decide(moderator, queue, "/moderation/realisations", id, decision, reason);

    [Fact]
    public async Task A_realisation_with_an_image_waits_for_a_moderator_then_shows_on_the_profile_lazy_and_sized()
    {
        var company = await TestCompanies.PublishedAsync(site.Factory);
        var member = await AccountForms.MemberClientAsync(site.Factory, "realisation-ajout@exemple.nc", company.Id, MemberRole.Editor);

        var sent = await SendAsync(member, company.Id, (Png(2400, 1200), "chantier.png"), fields: Typed("Site de la mairie"));

        Assert.True(sent.StatusCode == HttpStatusCode.Redirect, $"{sent.StatusCode} {await sent.Content.ReadAsStringAsync(Cancel)}");
        var saved = Assert.Single(await RealisationsAsync(company.Id));
        Assert.Equal((RealisationStatus.PendingReview, 1200, 600), (saved.Status, saved.ImageWidth, saved.ImageHeight));
        var served = await site.Factory.CreateClient().GetAsync($"/realisations/{saved.ImageFile}", Cancel);
        Assert.Equal("image/webp", served.Content.Headers.ContentType!.MediaType);
        Assert.True(served.Headers.CacheControl!.MaxAge > TimeSpan.FromDays(30));
        var profileUrl = $"/entreprises/{company.Slug}";
        Assert.Null((await DirectoryWebFactory.ParseAsync(await site.Factory.CreateClient().GetAsync(profileUrl, Cancel))).QuerySelector("[data-realisations]"));
        var mine = await DirectoryWebFactory.ParseAsync(await member.GetAsync(PageOf(company.Id), Cancel));
        Assert.Equal("En attente de vérification", mine.QuerySelector($"[data-realisation='{saved.Id}'] [data-state]")!.TextContent);

        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "moderation.realisations@annuaire-test.nc", Roles.Moderator);
        var home = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync("/moderation", Cancel));
        Assert.True(int.Parse(home.QuerySelector("[data-queue='/moderation/realisations']")!.TextContent, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        var queue = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync("/moderation/realisations", Cancel));
        Assert.Contains("Site de la mairie", queue.QuerySelector($"[data-item='{saved.Id}']")!.TextContent, StringComparison.Ordinal);
        // Nothing is mailed about a réalisation: the reason is shown in Mon espace, and the form says so.
        Assert.Contains("montré aux membres", queue.QuerySelector($"[data-item='{saved.Id}'] label")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/moderation/realisations?resultat=fait", (await DecideAsync(moderator, queue, saved.Id, "accepter", "")).Headers.Location!.OriginalString);

        var profile = await DirectoryWebFactory.ParseAsync(await site.Factory.CreateClient().GetAsync(profileUrl, Cancel));
        var shown = profile.QuerySelector($"[data-realisations] [data-realisation='{saved.Id}']")!;
        var image = shown.QuerySelector("img")!;
        Assert.Equal(($"/realisations/{saved.ImageFile}", "lazy", "1200", "600", "Page d'accueil du site"),
            (image.GetAttribute("src"), image.GetAttribute("loading"), image.GetAttribute("width"), image.GetAttribute("height"), image.GetAttribute("alt")));
        var link = shown.QuerySelector("a")!;
        Assert.Equal(("www.mairie-exemple.nc", "nofollow noopener"), (link.TextContent, link.GetAttribute("rel")));
        Assert.Contains("Collectivité ou administration · 2025", shown.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_shows_its_reason_to_the_owner_and_an_edit_sends_it_back_to_review()
    {
        var company = await TestCompanies.PublishedAsync(site.Factory);
        var owner = await AccountForms.MemberClientAsync(site.Factory, "realisation-refus@exemple.nc", company.Id);
        Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(owner, company.Id, null, fields: Typed("Boutique en ligne", alt: null))).StatusCode);
        var saved = Assert.Single(await RealisationsAsync(company.Id));
        Assert.Null(saved.ImageFile);
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "moderation.refus@annuaire-test.nc", Roles.Moderator);
        var queue = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync("/moderation/realisations", Cancel));

        Assert.Equal("/moderation/realisations?resultat=motif-requis", (await DecideAsync(moderator, queue, saved.Id, "refuser", " ")).Headers.Location!.OriginalString);
        Assert.Equal("/moderation/realisations?resultat=fait", (await DecideAsync(moderator, queue, saved.Id, "refuser", "Le lien ne mène pas au projet.")).Headers.Location!.OriginalString);

        var mine = await DirectoryWebFactory.ParseAsync(await owner.GetAsync(PageOf(company.Id), Cancel));
        var item = mine.QuerySelector($"[data-realisation='{saved.Id}']")!;
        Assert.Equal("Refusée", item.QuerySelector("[data-state]")!.TextContent);
        Assert.Contains("Le lien ne mène pas au projet.", item.QuerySelector("[data-refusal]")!.TextContent, StringComparison.Ordinal);
        var history = await DirectoryWebFactory.ParseAsync(await owner.GetAsync($"/mon-espace/entreprises/{company.Id}/historique", Cancel));
        Assert.Contains(history.QuerySelectorAll("[data-reason]"), p => p.TextContent == "Réalisation refusée : « Boutique en ligne » : Le lien ne mène pas au projet.");

        var edited = await SendAsync(owner, company.Id, null, saved.Id.ToString(), Typed("Boutique en ligne", alt: null, link: "https://boutique.exemple.nc/"));
        Assert.EndsWith("fait=modifiee", edited.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal((RealisationStatus.PendingReview, null), (await RealisationsAsync(company.Id)).Select(r => (r.Status, r.RefusalReason)).Single());
    }

    [Fact]
    public async Task A_moderator_s_own_edit_is_published_at_once()
    {
        var company = await TestCompanies.PublishedAsync(site.Factory);
        var owner = await AccountForms.MemberClientAsync(site.Factory, "realisation-moderee@exemple.nc", company.Id);
        await SendAsync(owner, company.Id, null, fields: Typed("Réseau d'un cabinet médical", alt: null));
        var saved = Assert.Single(await RealisationsAsync(company.Id));
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "moderation.edition@annuaire-test.nc", Roles.Moderator);

        var edited = await SendAsync(moderator, company.Id, null, saved.Id.ToString(), Typed("Réseau et sauvegardes d'un cabinet médical", alt: null));

        Assert.EndsWith("fait=modifiee", edited.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(("Réseau et sauvegardes d'un cabinet médical", RealisationStatus.Published), (await RealisationsAsync(company.Id)).Select(r => (r.Title, r.Status)).Single());
        var profile = await DirectoryWebFactory.ParseAsync(await site.Factory.CreateClient().GetAsync($"/entreprises/{company.Slug}", Cancel));
        Assert.Contains("Réseau et sauvegardes d'un cabinet médical", profile.QuerySelector("[data-realisations]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_files_and_a_missing_alt_text_are_refused_in_french_keeping_what_was_typed()
    {
        var company = await TestCompanies.PublishedAsync(site.Factory);
        var member = await AccountForms.MemberClientAsync(site.Factory, "realisation-fichiers@exemple.nc", company.Id);
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray();
        var text = "Ceci est un texte, pas une image."u8.ToArray();
        var large = new byte[1024 * 1024 + 10];
        Png(300, 300).CopyTo(large, 0);

        foreach (var (content, name, expected) in new[] { (svg, "dessin.svg", "n'est pas une image"), (text, "photo.png", "n'est pas une image"), (large, "grande.png", "1 Mo") })
        {
            var response = await SendAsync(member, company.Id, (content, name), fields: Typed("Application de réservation"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await DirectoryWebFactory.ParseAsync(response);
            Assert.Contains(expected, page.QuerySelector("#image-erreur")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("Application de réservation", page.QuerySelector<IHtmlInputElement>("#title")!.Value);
            Assert.Contains("image-erreur", page.QuerySelector("#image")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        }

        var noAlt = await DirectoryWebFactory.ParseAsync(await SendAsync(member, company.Id, (Png(200, 100), "photo.png"), fields: Typed("Application de réservation", alt: null, link: "www.sans-protocole.nc")));
        Assert.Contains("Décrivez l'image", noAlt.QuerySelector("#imagealt-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("https://", noAlt.QuerySelector("#link-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("www.sans-protocole.nc", noAlt.QuerySelector<IHtmlInputElement>("#link")!.Value);
        Assert.Empty(await RealisationsAsync(company.Id));
    }

    [Fact]
    public async Task Only_members_reach_the_page_six_at_most_and_deleting_removes_the_image()
    {
        var company = await TestCompanies.PublishedAsync(site.Factory);
        var other = await TestCompanies.PublishedAsync(site.Factory);
        var stranger = await AccountForms.MemberClientAsync(site.Factory, "realisation-autre@exemple.nc", other.Id);
        DirectoryWebFactory.AssertRefused(await stranger.GetAsync(PageOf(company.Id), Cancel));
        var signedOut = await site.Factory.CreateBrowserLikeClient().GetAsync(PageOf(company.Id), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        var owner = await AccountForms.MemberClientAsync(site.Factory, "realisation-six@exemple.nc", company.Id);
        Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(owner, company.Id, (Png(300, 200), "a.png"), fields: Typed("Projet 1"))).StatusCode);
        for (var i = 2; i <= Realisation.MaxPerCompany; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(owner, company.Id, null, fields: Typed($"Projet {i}", alt: null))).StatusCode);
        }
        var full = await DirectoryWebFactory.ParseAsync(await owner.GetAsync(PageOf(company.Id), Cancel));
        Assert.Contains("le maximum", full.QuerySelector("#formulaire")!.TextContent, StringComparison.Ordinal);
        Assert.Null(full.QuerySelector("form[enctype='multipart/form-data']"));

        // The second goes up: the first is second now.
        var second = (await RealisationsAsync(company.Id))[1];
        var up = full.QuerySelector<IHtmlFormElement>($"[data-realisation='{second.Id}'] form[data-move=haut]")!;
        Assert.Null(full.QuerySelector($"[data-realisation='{(await RealisationsAsync(company.Id))[0].Id}'] form[data-move=haut]"));
        var moved = await owner.PostAsync(up.GetAttribute("action"), new FormUrlEncodedContent(
            up.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))), Cancel);
        Assert.EndsWith("fait=deplacee", moved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(["Projet 2", "Projet 1"], (await RealisationsAsync(company.Id)).Take(2).Select(r => r.Title));

        full = await DirectoryWebFactory.ParseAsync(await owner.GetAsync(PageOf(company.Id), Cancel));
        var first = (await RealisationsAsync(company.Id))[1];
        Assert.Equal(HttpStatusCode.OK, (await site.Factory.CreateClient().GetAsync($"/realisations/{first.ImageFile}", Cancel)).StatusCode);
        var form = full.QuerySelector<IHtmlFormElement>($"[data-realisation='{first.Id}'] form")!;
        var deleted = await owner.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(
            form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))), Cancel);
        Assert.EndsWith("fait=supprimee", deleted.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(5, (await RealisationsAsync(company.Id)).Count);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Factory.CreateClient().GetAsync($"/realisations/{first.ImageFile}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Factory.CreateClient().GetAsync("/realisations/..%2Fannuaire.db", Cancel)).StatusCode);
    }
}
