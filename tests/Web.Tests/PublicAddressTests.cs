using System.Net;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>
/// With <c>Site:PublicUrl</c> set, links that leave the site (mails, canonical, sitemaps, API) use it whatever
/// <c>Host</c> header a request forges: a password reset mail cannot be made to point elsewhere.
/// </summary>
public sealed class PublicAddressTests : IAsyncLifetime
{
    private const string Public = "https://annuaire.example.nc";
    private readonly AccountSite _site = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _site.Factory.Settings["Site:PublicUrl"] = Public;
        await _site.InitializeAsync();
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task A_forged_host_changes_neither_mailed_links_nor_canonical_addresses()
    {
        var user = await AccountForms.ConfirmedUserAsync(_site.Factory.Services, "hote@annuaire-test.nc");
        var client = _site.Factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Host = "pirate.example";

        var sent = await AccountForms.SubmitAsync(client, "/compte/mot-de-passe-oublie", "/compte/mot-de-passe-oublie", ("Input.Email", user.Email!));
        var mail = await _site.MailToAsync(user.Email!, AccountSite.ResetSubject);
        var robots = await client.GetStringAsync("/robots.txt", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.StartsWith(Public + "/compte/reinitialiser?", AccountForms.LinkIn(mail), StringComparison.Ordinal);
        Assert.Contains(Public + "/sitemap.xml", robots, StringComparison.Ordinal);
        Assert.DoesNotContain("pirate.example", robots, StringComparison.Ordinal);
    }
}
