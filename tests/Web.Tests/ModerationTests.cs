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
        DirectoryWebFactory.AssertRefused(denied);
        Assert.Contains("Accès refusé", (await DirectoryWebFactory.ParseAsync(denied)).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moderator_marks_a_report_fixed_once_and_a_member_cannot()
    {
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "moderateur@annuaire-test.nc", Roles.Moderator);
        var member = await AccountForms.SignedInClientAsync(site.Factory, "membre2@annuaire-test.nc", role: null);
        var target = await TestCompanies.PublishedAsync(site.Factory);
        var (report, company) = await site.WithDatabaseAsync(async db =>
        {
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
        DirectoryWebFactory.AssertRefused(refused);

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

    [Fact]
    public async Task A_moderator_tries_an_import_then_runs_it_and_bad_files_get_a_message()
    {
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "importatrice@annuaire-test.nc", Roles.Moderator);
        var member = await AccountForms.SignedInClientAsync(site.Factory, "membre3@annuaire-test.nc", role: null);
        var example = await File.ReadAllBytesAsync(Path.Combine(RepositoryRoot(), "docs", "import", "exemple-gabarit.csv"), Cancel);
        var before = await site.WithDatabaseAsync(db => db.Companies.CountAsync(Cancel));

        DirectoryWebFactory.AssertRefused((await member.GetAsync("/moderation/import", Cancel)));
        var trial = await DirectoryWebFactory.ParseAsync(await UploadAsync(moderator, example, "recensement.csv", dryRun: true));
        Assert.Equal(before, await site.WithDatabaseAsync(db => db.Companies.CountAsync(Cancel)));
        Assert.Contains("rien n'a été enregistré", trial.QuerySelector("#import-rapport")!.TextContent, StringComparison.Ordinal);
        var planned = Count(trial, "Created");
        Assert.True(planned > 0);

        var done = await DirectoryWebFactory.ParseAsync(await UploadAsync(moderator, example, "recensement.csv", dryRun: false));
        Assert.Equal(planned, Count(done, "Created"));
        Assert.Equal(before + planned, await site.WithDatabaseAsync(db => db.Companies.CountAsync(Cancel)));
        Assert.Equal(done.QuerySelectorAll("tbody tr").Length, done.QuerySelectorAll("[data-outcome]").Length - 5);

        var again = await DirectoryWebFactory.ParseAsync(await UploadAsync(moderator, example, "recensement.csv", dryRun: false));
        Assert.Equal(0, Count(again, "Created"));
        Assert.Equal(planned, Count(again, "Unchanged"));

        var empty = await DirectoryWebFactory.ParseAsync(await UploadAsync(moderator, [], "vide.csv", dryRun: true));
        Assert.Contains("Choisissez un fichier", empty.QuerySelector("#import-erreur")!.TextContent, StringComparison.Ordinal);
        var response = await UploadAsync(moderator, [0x50, 0x4B, 3, 4, 0, 0, 0xFF, 0x13], "faux.xlsx", dryRun: true);
        var garbage = await DirectoryWebFactory.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("illisible", garbage.QuerySelector(".import-report [role=alert]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_import_page_states_the_largest_file_it_takes()
    {
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "taille-import@annuaire-test.nc", Roles.Moderator);

        var page = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync("/moderation/import", Cancel));

        Assert.StartsWith("20 Mo au plus.", page.QuerySelector("#import-fichier-aide")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_over_the_limit_answers_413_with_a_page_saying_so_in_french_and_english()
    {
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "gros-fichier@annuaire-test.nc", Roles.Moderator);
        var tooLarge = new byte[Features.Moderation.ImportModel.MaxBytes + 100 * 1024];

        var french = await UploadAsync(moderator, tooLarge, "enorme.csv", dryRun: true);
        await AccountForms.SubmitAsync(moderator, "/moderation/import", "/langue", ("culture", "en"), ("returnUrl", "/moderation/import"));
        var english = await UploadAsync(moderator, tooLarge, "enorme.csv", dryRun: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, french.StatusCode);
        Assert.Contains("20 Mo", (await DirectoryWebFactory.ParseAsync(french)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, english.StatusCode);
        Assert.Contains("20 MB", (await DirectoryWebFactory.ParseAsync(english)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workbook_expanding_to_hundreds_of_megabytes_gets_a_message_not_an_error()
    {
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "bombe@annuaire-test.nc", Roles.Moderator);

        var response = await UploadAsync(moderator, ExpandingWorkbook(200_000_000), "bombe.xlsx", dryRun: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await DirectoryWebFactory.ParseAsync(response);
        Assert.Contains("une fois décompressé", page.QuerySelector(".import-report [role=alert]")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>A zip whose one part declares <paramref name="size"/> bytes of the same letter: a few hundred KB on the wire.</summary>
    private static byte[] ExpandingWorkbook(int size)
    {
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var sheet = archive.CreateEntry("xl/worksheets/sheet1.xml").Open();
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'A');
            for (var left = size; left > 0; left -= chunk.Length)
            {
                sheet.Write(chunk, 0, Math.Min(left, chunk.Length));
            }
        }
        return zip.ToArray();
    }

    private static int Count(AngleSharp.Html.Dom.IHtmlDocument page, string outcome) =>
        int.Parse(page.QuerySelector($"dd[data-outcome={outcome}]")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string name, bool dryRun)
    {
        var form = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/moderation/import", Cancel));
        var token = form.QuerySelector("form.import-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("auto"), "Format" },
            { new StringContent(dryRun ? "true" : "false"), "Essai" },
            { new ByteArrayContent(file), "Fichier", name },
        };
        return await client.PostAsync("/moderation/import", content, Cancel);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "AnnuaireFiliere.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("AnnuaireFiliere.sln not found above the tests.");
    }

    private Task<ErrorReportStatus> StatusAsync(Guid id) =>
        site.WithDatabaseAsync(db => db.ErrorReports.Where(r => r.Id == id).Select(r => r.Status).SingleAsync(Cancel));

    private static FormUrlEncodedContent Form(Guid id, string decision, string token) =>
        new([new("id", id.ToString()), new("decision", decision), new("__RequestVerificationToken", token)]);
}
