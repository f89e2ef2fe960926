using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>What the site says to browsers reaching it over HTTPS: secure cookies, HSTS as configured.</summary>
public sealed class TransportSecurityTests
{
    private const string Public = "https://annuaire.example.nc";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Over_https_the_antiforgery_cookie_is_secure()
    {
        await using var factory = new DirectoryWebFactory();
        factory.Settings[DirectoryWebFactory.PublicUrlKey] = Public;
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(Public), AllowAutoRedirect = false });

        var response = await client.GetAsync("/compte/connexion", Cancel);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("af.antiforgery=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("true", true)]
    public async Task Hsts_covers_subdomains_only_when_configured(string? includeSubDomains, bool expected)
    {
        await using var factory = new DirectoryWebFactory();
        factory.Settings[DirectoryWebFactory.PublicUrlKey] = Public;
        if (includeSubDomains is not null)
        {
            factory.Settings["Hsts:IncludeSubDomains"] = includeSubDomains;
        }
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(Public), AllowAutoRedirect = false });

        var response = await client.GetAsync("/", Cancel);

        var hsts = Assert.Single(response.Headers.GetValues("Strict-Transport-Security"));
        Assert.Contains("max-age=31536000", hsts, StringComparison.Ordinal);
        Assert.Equal(expected, hsts.Contains("includeSubDomains", StringComparison.Ordinal));
    }
}
