using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static AnnuaireFiliere.Web.Tests.AccountForms;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>
/// Every endpoint that takes a return address (<c>returnUrl</c>) goes back to a page of the site, or to its default,
/// whatever it is given: never off-site, never a server error (which, after a sign-in, would lose the session cookie).
/// </summary>
public sealed class ReturnAddressTests(AccountSite site) : IClassFixture<AccountSite>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Values a browser would resolve off-site (tabs and line breaks are dropped from URLs), or that a header cannot carry.</summary>
    public static TheoryData<string> Hostile() =>
    [
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\n/evil.example",
        "/。evil",
        "/é/evil",
        "//evil.example",
        "/\\evil.example",
        "https://evil.example/piege",
        "~//evil.example",
        "javascript:alert(1)",
        " /x",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task The_language_switch_goes_home(string returnUrl)
    {
        var client = site.Factory.CreateBrowserLikeClient();

        var response = await SubmitAsync(client, "/", "/langue", ("returnUrl", returnUrl));

        AssertHome(response);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Sign_in_goes_to_my_space_and_keeps_the_session(string returnUrl)
    {
        var email = $"retour-{Guid.NewGuid():N}@exemple.nc";
        await ConfirmedUserAsync(site.Factory.Services, email);
        var client = site.Factory.CreateBrowserLikeClient();

        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/compte/connexion?returnUrl=" + Uri.EscapeDataString(returnUrl), Cancel));
        var response = await SubmitAsync(client, "/compte/connexion", "/compte/connexion",
            ("Input.Email", email), ("Input.Password", AccountSite.Password), ("ReturnUrl", returnUrl));

        Assert.Equal("/mon-espace", page.QuerySelector<IHtmlInputElement>("input[name=ReturnUrl]")!.Value);
        AssertMySpace(response);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("af.compte=", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task The_two_factor_step_goes_to_my_space(string returnUrl)
    {
        var email = $"retour-2fa-{Guid.NewGuid():N}@exemple.nc";
        var totp = await TwoFactorUserAsync(email);
        var client = site.Factory.CreateBrowserLikeClient();
        var step = await SignInAsync(client, email, url: "/compte/connexion?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.StartsWith("/compte/connexion/code?returnUrl=%2Fmon-espace&", step.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var codeUrl = "/compte/connexion/code?returnUrl=" + Uri.EscapeDataString(returnUrl);
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync(codeUrl, Cancel));
        var response = await SubmitAsync(client, codeUrl, "/compte/connexion/code", ("Input.Code", totp.ComputeTotp()), ("ReturnUrl", returnUrl));

        Assert.Equal("/mon-espace", page.QuerySelector<IHtmlInputElement>("input[name=ReturnUrl]")!.Value);
        AssertMySpace(response);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("af.compte=", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Shortlist_changes_go_home(string returnUrl)
    {
        var slug = (await TestCompanies.PublishedAsync(site.Factory)).Slug;
        var client = site.Factory.CreateBrowserLikeClient();

        var home = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/", Cancel));
        var token = home.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        Task<HttpResponseMessage> PostAsync(string action) => client.PostAsync(action,
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("entreprise", slug), new("returnUrl", returnUrl)]), Cancel);

        var added = await PostAsync("/ma-selection/ajouter");
        var removed = await PostAsync("/ma-selection/retirer");

        AssertHome(added);
        AssertHome(removed);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Sign_up_mails_a_link_without_the_return_address(string returnUrl)
    {
        var email = $"retour-inscription-{Guid.NewGuid():N}@exemple.nc";
        var client = site.Factory.CreateBrowserLikeClient();

        var response = await SubmitAsync(client, "/compte/inscription?returnUrl=" + Uri.EscapeDataString(returnUrl), "/compte/inscription",
            ("Input.Email", email), ("Input.Password", AccountSite.Password), ("Input.ConfirmPassword", AccountSite.Password), ("ReturnUrl", returnUrl));
        var link = new Uri(LinkIn(await site.MailToAsync(email)));
        var confirmed = await DirectoryWebFactory.ParseAsync(await client.GetAsync(link.PathAndQuery + "&returnUrl=" + Uri.EscapeDataString(returnUrl), Cancel));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("returnUrl", link.Query, StringComparison.Ordinal);
        Assert.Equal("/compte/connexion?returnUrl=%2F", confirmed.QuerySelector("main a.button")!.GetAttribute("href"));
    }

    /// <summary>Where a sign-in without a usable return address leads: Mon espace.</summary>
    private static void AssertMySpace(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/mon-espace", response.Headers.Location!.OriginalString);
    }

    /// <summary>A redirect to the home page, written as a browser reads it.</summary>
    private static void AssertHome(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    private async Task<OtpNet.Totp> TwoFactorUserAsync(string email)
    {
        await ConfirmedUserAsync(site.Factory.Services, email);
        await using var scope = site.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DirectoryUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        var key = await users.GetAuthenticatorKeyAsync(user);
        return new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key!));
    }
}
