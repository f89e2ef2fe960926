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
    public async Task A_forged_host_is_refused_and_links_use_the_public_address()
    {
        var user = await AccountForms.ConfirmedUserAsync(_site.Factory.Services, "hote@annuaire-test.nc");
        var forged = _site.Factory.CreateBrowserLikeClient();
        forged.DefaultRequestHeaders.Host = "pirate.example";
        var client = _site.Factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Host = "annuaire.example.nc";

        var refused = await forged.GetAsync("/compte/mot-de-passe-oublie", Cancel);
        var sent = await AccountForms.SubmitAsync(client, "/compte/mot-de-passe-oublie", "/compte/mot-de-passe-oublie", ("Input.Email", user.Email!));
        var mail = await _site.MailToAsync(user.Email!, AccountSite.ResetSubject);
        var robots = await client.GetStringAsync("/robots.txt", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.StartsWith(Public + "/compte/reinitialiser?", AccountForms.LinkIn(mail), StringComparison.Ordinal);
        Assert.Contains(Public + "/sitemap.xml", robots, StringComparison.Ordinal);
    }
}

/// <summary>The allowed hosts follow <c>Site:PublicUrl</c> (the tests' factory sets <c>http://localhost</c>).</summary>
public sealed class HostFilteringTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    [Theory]
    [InlineData("pirate.example")]
    [InlineData("annuaire.example.nc.pirate.example")]
    public async Task A_request_for_another_host_is_refused(string host)
    {
        var client = site.Factory.CreateClient();
        client.DefaultRequestHeaders.Host = host;

        var response = await client.GetAsync("/robots.txt", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1:8080")]   // the container's own health check
    public async Task The_public_host_and_loopback_are_served(string host)
    {
        var client = site.Factory.CreateClient();
        client.DefaultRequestHeaders.Host = host;

        var response = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
