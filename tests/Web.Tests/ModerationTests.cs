using System.Net;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Moderation;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Tests;

/// <summary><c>/moderation/signalements</c>: the error reports queue, for moderators only.</summary>
public sealed class ModerationTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_moderators_see_the_reports_queue()
    {
        var anonymous = site.Factory.CreateBrowserLikeClient();
        var member = await AccountForms.SignedInClientAsync(site.Factory, "lecteur@annuaire-test.nc", role: null);

        var toSignIn = await anonymous.GetAsync("/moderation/signalements", Cancel);
        var denied = await member.GetAsync("/moderation/signalements", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);
        Assert.StartsWith("/compte/connexion?returnUrl=%2Fmoderation%2Fsignalements", toSignIn.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/erreur/403", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moderator_marks_a_report_fixed_once_and_a_member_cannot()
    {
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "moderateur@annuaire-test.nc", Roles.Moderator);
        var member = await AccountForms.SignedInClientAsync(site.Factory, "membre2@annuaire-test.nc", role: null);
        var (report, company) = await site.WithDatabaseAsync(async db =>
        {
            var target = await db.Companies.OrderBy(c => c.Slug).FirstAsync(c => c.Status == Core.Companies.PublicationStatus.Published, Cancel);
            var created = new ErrorReport { CompanyId = target.Id, Message = "Le téléphone indiqué n'est plus attribué.", ReporterEmail = "visiteur@exemple.nc", CreatedAt = DateTime.UtcNow };
            db.ErrorReports.Add(created);
            await db.SaveChangesAsync(Cancel);
            return (created.Id, target.Slug);
        });

        var queue = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync("/moderation/signalements", Cancel));
        var item = queue.QuerySelector($"#signalement-{report:N}")!.ParentElement!;
        Assert.Equal($"/entreprises/{company}", item.QuerySelector("h2 a")!.GetAttribute("href"));
        Assert.Contains("n'est plus attribué", item.QuerySelector("blockquote")!.TextContent, StringComparison.Ordinal);
        var token = queue.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var memberPage = await DirectoryWebFactory.ParseAsync(await member.GetAsync("/statistiques", Cancel));
        var memberToken = memberPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var refused = await member.PostAsync("/moderation/signalements", Form(report, "corrige", memberToken), Cancel);
        Assert.Equal(ErrorReportStatus.Open, await StatusAsync(report));
        Assert.Contains("/erreur/403", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var bad = await moderator.PostAsync("/moderation/signalements", Form(report, "supprimer", token), Cancel);
        var done = await moderator.PostAsync("/moderation/signalements", Form(report, "corrige", token), Cancel);
        var again = await moderator.PostAsync("/moderation/signalements", Form(report, "sans-suite", token), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("/moderation/signalements?resultat=traite", done.Headers.Location!.OriginalString);
        Assert.Equal("/moderation/signalements?resultat=deja-traite", again.Headers.Location!.OriginalString);
        Assert.Equal(ErrorReportStatus.Resolved, await StatusAsync(report));
        var after = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync("/moderation/signalements?resultat=deja-traite", Cancel));
        Assert.Null(after.QuerySelector($"#signalement-{report:N}"));
        Assert.Contains("déjà été traité", after.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
    }

    private Task<ErrorReportStatus> StatusAsync(Guid id) =>
        site.WithDatabaseAsync(db => db.ErrorReports.Where(r => r.Id == id).Select(r => r.Status).SingleAsync(Cancel));

    private static FormUrlEncodedContent Form(Guid id, string decision, string token) =>
        new([new("id", id.ToString()), new("decision", decision), new("__RequestVerificationToken", token)]);
}
