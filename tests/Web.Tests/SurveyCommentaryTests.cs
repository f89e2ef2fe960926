using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Survey.Results;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>
/// The analysts' commentaries of the census indicators (docs/adr/0030): written on <c>/observatoire/vagues/{id}/resultats</c>,
/// published by a moderator at <c>/moderation/commentaires</c>, shown cleaned on <c>/chiffres-cles/{id}</c>.
/// </summary>
public sealed class SurveyCommentaryTests(ModeratorSite site) : IClassFixture<ModeratorSite>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<Guid> WaveAsync() =>
        site.WithDatabaseAsync(db => db.SurveyWaves.Where(w => w.Title == "Enquête annuelle 2025").Select(w => w.Id).SingleAsync(Cancel));

    private Task<SurveyCommentary?> CommentaryAsync(Guid wave, string question) =>
        site.WithDatabaseAsync(db => db.SurveyCommentaries.AsNoTracking().SingleOrDefaultAsync(c => c.WaveId == wave && c.QuestionId == question, Cancel));

    /// <summary>The results page and the commentary form of its first question (or of <paramref name="question"/>).</summary>
    private static async Task<(IHtmlDocument Page, IHtmlFormElement Form, string Question)> FormAsync(HttpClient analyst, Guid wave, string? question = null)
    {
        var page = await DirectoryWebFactory.ParseAsync(await analyst.GetAsync($"/observatoire/vagues/{wave}/resultats", Cancel));
        var form = page.QuerySelectorAll<IHtmlFormElement>("form[data-commentary-form]")
            .First(f => question is null || f.GetAttribute("data-commentary-form") == question);
        return (page, form, form.GetAttribute("data-commentary-form")!);
    }

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, IHtmlFormElement form, string text) =>
        ProfileForms.PostAsync(client, form, ("Input.Text", text));

    [Fact]
    public async Task An_analysts_commentary_is_public_once_a_moderator_approves_it_and_shown_cleaned()
    {
        var wave = await WaveAsync();
        var analyst = await AccountForms.SignedInClientAsync(site.Factory, "analyste.commentaire@annuaire-test.nc", Roles.Analyst);
        var (_, form, question) = await FormAsync(analyst, wave);

        // A link that is not a web address: refused in French, the typed text kept.
        var badLink = await SaveAsync(analyst, form, "Voir [ceci](javascript:alert(1))");
        Assert.Equal(HttpStatusCode.OK, badLink.StatusCode);
        var refused = await DirectoryWebFactory.ParseAsync(badLink);
        var again = refused.QuerySelector<IHtmlFormElement>($"form[data-commentary-form='{question}']")!;
        Assert.Contains("adresse web complète", again.TextContent, StringComparison.Ordinal);
        Assert.Equal("Voir [ceci](javascript:alert(1))", again.QuerySelector<IHtmlTextAreaElement>("textarea")!.Value);
        Assert.Null(await CommentaryAsync(wave, question));

        var tooLong = await DirectoryWebFactory.ParseAsync(await SaveAsync(analyst, form, new string('a', SurveyCommentary.MarkdownMaxLength + 1)));
        Assert.Contains("trop long", tooLong.QuerySelector($"form[data-commentary-form='{question}']")!.TextContent, StringComparison.Ordinal);

        const string Text = "Les **entreprises** recrutent. <script>alert('x')</script> <img src=x onerror=alert(1)> Voir [l'ISEE](https://www.isee.nc).";
        var saved = await SaveAsync(analyst, form, Text);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await DirectoryWebFactory.ParseAsync(await analyst.GetAsync(saved.Headers.Location!.OriginalString, Cancel));
        var status = after.QuerySelector($"form[data-commentary-form='{question}'] [data-commentary-status]")!;
        Assert.Contains("en attente de la modération", status.TextContent, StringComparison.Ordinal);
        Assert.Equal(CommentaryStatus.Pending, (await CommentaryAsync(wave, question))!.Status);

        // Not public before a moderator publishes it.
        var anonymous = site.Factory.CreateBrowserLikeClient();
        var before = await DirectoryWebFactory.ParseAsync(await anonymous.GetAsync($"/chiffres-cles/{wave}", Cancel));
        Assert.Null(before.QuerySelector("[data-commentary]"));

        // A moderator may not write it; a member may not moderate it.
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "moderation.commentaires@annuaire-test.nc", Roles.Moderator);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.GetAsync($"/observatoire/vagues/{wave}/resultats", Cancel)).StatusCode);
        var byModerator = await SaveAsync(moderator, form, "Texte du modérateur");
        Assert.NotEqual(HttpStatusCode.Redirect, byModerator.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, byModerator.StatusCode);
        var member = await AccountForms.MemberClientAsync(site.Factory, "membre.commentaires@annuaire-test.nc", (await TestCompanies.PublishedAsync(site.Factory)).Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/moderation/commentaires", Cancel)).StatusCode);
        Assert.Equal(Text, (await CommentaryAsync(wave, question))!.Markdown);

        var queue = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync("/moderation/commentaires", Cancel));
        var id = (await CommentaryAsync(wave, question))!.Id;
        var item = queue.QuerySelector($"[data-item='{id}']")!;
        Assert.NotNull(item.QuerySelector("[data-preview] strong"));
        Assert.Null(item.QuerySelector("[data-preview] script"));
        var index = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync("/moderation", Cancel));
        Assert.NotEqual("0", index.QuerySelector("[data-queue='/moderation/commentaires']")!.TextContent);
        Assert.Equal("/moderation/commentaires?resultat=motif-requis",
            (await ModerationQueueTests.Decide(moderator, queue, "/moderation/commentaires", id, "refuser", " ")).Headers.Location!.OriginalString);
        Assert.Equal("/moderation/commentaires?resultat=fait",
            (await ModerationQueueTests.Decide(moderator, queue, "/moderation/commentaires", id, "accepter", null)).Headers.Location!.OriginalString);

        var published = await DirectoryWebFactory.ParseAsync(await anonymous.GetAsync($"/chiffres-cles/{wave}", Cancel));
        var commentary = published.QuerySelector($"[id$='-{question}'] ~ [data-commentary]") ?? published.QuerySelector("[data-commentary]")!;
        Assert.Equal("entreprises", commentary.QuerySelector("strong")!.TextContent);
        Assert.Empty(commentary.QuerySelectorAll("script, img, [onerror]"));
        var link = commentary.QuerySelector("a")!;
        Assert.Equal(("https://www.isee.nc", "nofollow ugc noopener"), (link.GetAttribute("href"), link.GetAttribute("rel")));
        Assert.Contains("<script>", commentary.TextContent, StringComparison.Ordinal); // shown as the text it is, never run

        // An edit waits for review again while the approved text stays public; an edit from an older version is refused, the text kept.
        var (_, edit, _) = await FormAsync(analyst, wave, question);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(analyst, edit, "Un tiers des entreprises recrutent.")).StatusCode);
        var stale = await SaveAsync(analyst, edit, "Ma version concurrente.");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var conflict = (await DirectoryWebFactory.ParseAsync(stale)).QuerySelector<IHtmlFormElement>($"form[data-commentary-form='{question}']")!;
        Assert.Contains("modifié par quelqu’un d’autre", conflict.TextContent, StringComparison.Ordinal);
        Assert.Equal("Ma version concurrente.", conflict.QuerySelector<IHtmlTextAreaElement>("textarea")!.Value);
        Assert.Equal("Un tiers des entreprises recrutent.", conflict.QuerySelector("[data-saved-meanwhile]")!.TextContent);
        Assert.Equal("Un tiers des entreprises recrutent.", (await CommentaryAsync(wave, question))!.Markdown);
        var stillPublic = await DirectoryWebFactory.ParseAsync(await anonymous.GetAsync($"/chiffres-cles/{wave}", Cancel));
        Assert.Contains("entreprises", stillPublic.QuerySelector("[data-commentary] strong")!.TextContent, StringComparison.Ordinal);
    }
}
