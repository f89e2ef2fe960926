using System.Globalization;
using System.Net;
using System.Resources;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>
/// <c>/mon-espace/entreprises/{id}/historique</c>: a company's changes, newest first, with when (Nouméa time), who,
/// what, why and each field before and after, for its members and the moderators only.
/// </summary>
public sealed class HistoryTests(AccountSite site) : IClassFixture<AccountSite>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Members_and_moderators_read_the_field_changes_newest_first_and_no_one_else_does()
    {
        var company = await CompanyWithHistoryAsync("Poindimié Réseaux");
        var other = await CompanyWithHistoryAsync("Thio Informatique");
        var owner = await AccountForms.MemberClientAsync(site.Factory, "gerant.poindimie@exemple.nc", company);
        var editor = await AccountForms.MemberClientAsync(site.Factory, "redacteur.poindimie@exemple.nc", company, MemberRole.Editor);
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "moderation.historique@annuaire-test.nc", Roles.Moderator);
        var communeCode = await site.Factory.WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company).Select(c => c.CommuneCode).SingleAsync(Cancel));
        var stranger = await AccountForms.MemberClientAsync(site.Factory, "gerant.thio@exemple.nc", other);
        var url = $"/mon-espace/entreprises/{company}/historique";

        foreach (var reader in new[] { owner, editor, moderator })
        {
            var response = await reader.GetAsync(url, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await DirectoryWebFactory.ParseAsync(response);
            var changes = page.QuerySelectorAll("[data-change]").Select(c => c.GetAttribute("data-change")).ToList();
            Assert.Equal(["Edited", "Created"], changes);
            var edited = page.QuerySelector("[data-change=Edited]")!;
            // 03:05 UTC is 14:05 in Nouméa (UTC+11).
            Assert.Contains("Modification", edited.TextContent, StringComparison.Ordinal);
            Assert.Contains("12 mars 2026 14:05", edited.TextContent, StringComparison.Ordinal);
            Assert.Contains("ancien.gerant@exemple.nc", edited.TextContent, StringComparison.Ordinal);
            Assert.Equal("Nouvelle marque commerciale.", edited.QuerySelector("[data-reason]")!.TextContent);
            var row = edited.QuerySelector("[data-field=tradeName]")!;
            Assert.Equal(["Nom commercial", "Ancien Nom Poindimié Réseaux", "Nouveau Nom Poindimié Réseaux"], row.Children.Select(c => c.TextContent.Trim()));
            Assert.Equal(["tradeName"], edited.QuerySelectorAll("[data-field]").Select(f => f.GetAttribute("data-field")));
            // Reference codes with their labels.
            var commune = page.QuerySelector("[data-change=Created] [data-field=commune] td:last-child")!.TextContent;
            Assert.Equal(Core.Taxonomy.TaxonomyCatalog.Default.FindCommune(communeCode)!.LabelFr, commune);
            // Service area and phones as the profile shows them, not the history's codes ("territoire", "271234").
            Assert.Equal("Toute la Nouvelle-Calédonie", page.QuerySelector("[data-change=Created] [data-field=serviceArea] td:last-child")!.TextContent);
            Assert.Equal("+687 27 12 34", page.QuerySelector("[data-change=Created] [data-field=phones] td:last-child")!.TextContent);
        }

        // Refused: a signed-in visitor gets a 403 with the French error page, not the history.
        var refused = await stranger.GetAsync(url, Cancel);
        DirectoryWebFactory.AssertRefused(refused);
        Assert.DoesNotContain("Ancien Nom", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var anonymous = await site.Factory.CreateBrowserLikeClient().GetAsync(url, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/compte/connexion", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await moderator.GetAsync($"/mon-espace/entreprises/{Guid.NewGuid()}/historique", Cancel)).StatusCode);
    }

    [Fact]
    public async Task The_site_s_notes_are_shown_in_the_reader_s_language_and_what_people_typed_as_they_typed_it()
    {
        var company = (await TestCompanies.AddAsync(site.Factory, "Hienghène Numérique", PublicationStatus.Published, (company, db) =>
        {
            var at = new DateTime(2026, 3, 12, 3, 5, 0, DateTimeKind.Utc);
            var same = CompanyFields.Of(company);
            db.CompanyChanges.AddRange(
                TestCompanies.HistoryEntry(company, ChangeKind.Confirmed, at, null, "gerant@exemple.nc", same, note: ChangeNote.ConfirmedFromMail),
                TestCompanies.HistoryEntry(company, ChangeKind.Rejected, at.AddMinutes(1), null, "moderation@annuaire-test.nc", same,
                    reason: "Aucun lien établi.", note: ChangeNote.Request(AccessRequestKind.Claim, "curieux@exemple.nc")),
                TestCompanies.HistoryEntry(company, ChangeKind.MemberRoleChanged, at.AddMinutes(2), null, "gerant@exemple.nc", same,
                    note: ChangeNote.RoleChanged("membre@exemple.nc", MemberRole.Owner)),
                TestCompanies.HistoryEntry(company, ChangeKind.Imported, at.AddMinutes(3), null, "import", same, note: ChangeNote.ImportedFile("recensement.csv")),
                TestCompanies.HistoryEntry(company, ChangeKind.Edited, at.AddMinutes(4), null, CompanyChange.DeletedAccountActor, same));
        })).Id;
        var owner = await AccountForms.MemberClientAsync(site.Factory, "gerant.hienghene@exemple.nc", company);
        var url = $"/mon-espace/entreprises/{company}/historique";

        var french = await NotesAsync(owner, url);
        var frenchAuthor = await LatestAuthorAsync(owner, url);
        await AccountForms.SubmitAsync(owner, url, "/langue", ("culture", "en"), ("returnUrl", url));
        var english = await NotesAsync(owner, url);
        var englishAuthor = await LatestAuthorAsync(owner, url);

        Assert.Equal(["Import du fichier recensement.csv", "membre@exemple.nc devient propriétaire", "Revendication de curieux@exemple.nc : Aucun lien établi.",
            "Confirmée depuis le courriel annuel"], french);
        Assert.Equal(["Import of the file recensement.csv", "membre@exemple.nc is now owner", "Claim by curieux@exemple.nc: Aucun lien établi.",
            "Confirmed from the yearly mail"], english);
        // A deleted account is named in the reader's language too.
        Assert.EndsWith("· compte supprimé", frenchAuthor, StringComparison.Ordinal);
        Assert.EndsWith("· deleted account", englishAuthor, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_code_of_the_site_s_notes_has_a_text_in_french_and_in_english()
    {
        var manager = new ResourceManager("AnnuaireFiliere.Web.Resources.SharedResource", typeof(SharedResource).Assembly);
        foreach (var culture in new[] { CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("en") })
        {
            var keys = ResourceTests.Keys(manager, culture);
            Assert.All(ChangeNote.Codes, code => Assert.Contains("History.Note." + code, keys));
        }
    }

    private static async Task<string> LatestAuthorAsync(HttpClient client, string url) =>
        (await DirectoryWebFactory.ParseAsync(await client.GetAsync(url, Cancel))).QuerySelector("[data-change] h2 .hint")!.TextContent.Trim();

    private static async Task<List<string>> NotesAsync(HttpClient client, string url) =>
        [.. (await DirectoryWebFactory.ParseAsync(await client.GetAsync(url, Cancel))).QuerySelectorAll("[data-reason]").Select(r => r.TextContent)];

    /// <summary>A published company with two history entries: its creation, then a change of its trade name.</summary>
    private async Task<Guid> CompanyWithHistoryAsync(string name) =>
        (await TestCompanies.AddAsync(site.Factory, name, PublicationStatus.Published, (company, db) =>
        {
            company.TradeName = "Ancien Nom " + name;
            db.CompanyChanges.Add(TestCompanies.HistoryEntry(company, ChangeKind.Created, new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc), null, "import"));
            var before = CompanyFields.Of(company);
            company.TradeName = "Nouveau Nom " + name;
            db.CompanyChanges.Add(TestCompanies.HistoryEntry(company, ChangeKind.Edited, new DateTime(2026, 3, 12, 3, 5, 0, DateTimeKind.Utc), null,
                "ancien.gerant@exemple.nc", before, "Nouvelle marque commerciale."));
        })).Id;
}
