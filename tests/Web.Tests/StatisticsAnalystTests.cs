using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>The analysts' view of <c>/statistiques</c>: exact counts of every status for moderators and administrators only.</summary>
public sealed class StatisticsAnalystTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Moderators_read_exact_counts_of_every_status_and_others_the_public_figures()
    {
        var moderator = await SignedInAsync("moderatrice@annuaire-test.nc", Roles.Moderator);
        var member = await SignedInAsync("membre@annuaire-test.nc", role: null);
        var anonymous = site.Factory.CreateClient();
        var (all, published) = await site.WithDatabaseAsync(async db => (await db.Companies.CountAsync(Cancel), await db.Companies.CountAsync(c => c.Status == PublicationStatus.Published, Cancel)));

        var analystPage = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync("/statistiques", Cancel));
        var analystApi = await moderator.GetFromJsonAsync<JsonElement>("/api/v1/statistiques", Cancel);
        var memberPage = await DirectoryWebFactory.ParseAsync(await member.GetAsync("/statistiques", Cancel));
        var publicApi = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/statistiques", Cancel);

        Assert.True(all > published, "the demo data has unpublished profiles");
        Assert.Equal(all, SiteFixture.Digits(analystPage.QuerySelector(".key-figures dd")!.TextContent));
        Assert.NotNull(analystPage.QuerySelector("#stat-status"));
        Assert.NotNull(analystPage.QuerySelector("form.snapshot-form"));
        Assert.Equal("analyst", analystApi.GetProperty("audience").GetString());
        Assert.Equal(all, analystApi.GetProperty("total").GetProperty("count").GetInt64());
        Assert.Equal(published, SiteFixture.Digits(memberPage.QuerySelector(".key-figures dd")!.TextContent));
        Assert.Null(memberPage.QuerySelector("#stat-status"));
        Assert.Null(memberPage.QuerySelector("form.snapshot-form"));
        Assert.Equal(published, publicApi.GetProperty("total").GetProperty("count").GetInt64());
    }

    /// <summary>Every address whose figures depend on who asks (one sign-in for all: the sign-in form is rate-limited).</summary>
    private static readonly string[] AudienceDependent =
        ["/api/v1/statistiques", "/api/v1/statistiques/evolution", "/statistiques", "/statistiques/export.json", "/statistiques/sector-province.csv"];

    [Fact]
    public async Task Figures_that_depend_on_the_visitor_are_never_kept_by_a_shared_cache()
    {
        var moderator = await SignedInAsync("cache-prive@annuaire-test.nc", Roles.Moderator);
        var anonymous = site.Factory.CreateClient();

        foreach (var url in AudienceDependent)
        {
            foreach (var response in new[] { await moderator.GetAsync(url, Cancel), await anonymous.GetAsync(url, Cancel) })
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var cache = response.Headers.CacheControl;
                Assert.True(cache is not null && !cache.Public && (cache.Private || cache.NoStore), $"{url}: Cache-Control {cache}");
                Assert.Contains("Cookie", response.Headers.Vary);
            }
        }
    }

    [Fact]
    public async Task Answers_that_are_the_same_for_everyone_stay_publicly_cacheable()
    {
        var moderator = await SignedInAsync("cache-public@annuaire-test.nc", Roles.Moderator);

        foreach (var url in new[] { "/api/v1/typologie", "/api/v1/recherche?q=web" })
        {
            var anonymous = await site.Factory.CreateClient().GetAsync(url, Cancel);
            var signedIn = await moderator.GetAsync(url, Cancel);

            Assert.True(anonymous.Headers.CacheControl!.Public, $"{url}: Cache-Control {anonymous.Headers.CacheControl}");
            // The language cookie chooses the labels: a shared cache keeps one copy per cookie.
            Assert.Contains("Cookie", anonymous.Headers.Vary);
            // What a signed-in visitor gets is kept by its browser only.
            Assert.True(signedIn.Headers.CacheControl!.Private, $"{url} signed in: Cache-Control {signedIn.Headers.CacheControl}");
        }
    }

    [Fact]
    public async Task Only_analysts_take_snapshots_and_a_label_too_long_is_refused_and_kept()
    {
        var moderator = await SignedInAsync("analyste@annuaire-test.nc", Roles.Administrator);
        var member = await SignedInAsync("curieux@annuaire-test.nc", role: null);
        var before = await SnapshotCountAsync();

        // The member has no such form; a crafted post (with a valid antiforgery token from the page) is refused.
        var forged = await PostSnapshotAsync(member, "Essai");
        Assert.Equal(before, await SnapshotCountAsync());
        var tooLong = await PostSnapshotAsync(moderator, new string('x', 121));
        var taken = await PostSnapshotAsync(moderator, "  Livre blanc 2027 ");

        DirectoryWebFactory.AssertRefused(forged);
        var refused = await DirectoryWebFactory.ParseAsync(tooLong);
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Equal(new string('x', 121), refused.QuerySelector("#s-libelle")!.GetAttribute("value"));
        Assert.Contains("120", refused.QuerySelector("#s-libelle-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.StartsWith("/statistiques?instantane=", taken.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(before + 1, await SnapshotCountAsync());
        var stored = await site.WithDatabaseAsync(db => db.StatisticsSnapshots.OrderByDescending(s => s.TakenAt).FirstAsync(Cancel));
        Assert.Equal(("Livre blanc 2027", "analyste@annuaire-test.nc"), (stored.Label, stored.TakenBy));
    }

    private Task<int> SnapshotCountAsync() => site.WithDatabaseAsync(db => db.StatisticsSnapshots.CountAsync(Cancel));

    private static async Task<HttpResponseMessage> PostSnapshotAsync(HttpClient client, string label)
    {
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/statistiques", Cancel));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync("/statistiques?handler=Instantane", new FormUrlEncodedContent([new("Input.Label", label), new("__RequestVerificationToken", token)]), Cancel);
    }

    private Task<HttpClient> SignedInAsync(string email, string? role) => AccountForms.SignedInClientAsync(site.Factory, email, role);
}
