using System.Text.RegularExpressions;
using AnnuaireFiliere.Core.Data;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>
/// The site on Kestrel with one external provider, a real OpenIddict server on loopback, and Chromium. Skips and
/// says why without Chromium, like the other browser tests.
/// </summary>
public sealed class AccountBrowserSite(Xunit.Sdk.IMessageSink diagnostics) : SiteFixture
{
    public const string ProviderName = "test";
    public const string ProviderDisplayName = "Fournisseur de test";

    private IPlaywright? _playwright;
    private TestOpenIdProvider? _provider;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public string? SkipReason { get; private set; }

    public override async ValueTask InitializeAsync()
    {
        if (BrowserSite.ChromiumPath is not { } chromium)
        {
            SkipReason = "Chromium is not installed (apt-get install -y chromium, or set CHROMIUM_PATH): account browser tests skipped.";
            diagnostics.OnMessage(new Xunit.v3.DiagnosticMessage(SkipReason));
            return;
        }
        _provider = await TestOpenIdProvider.StartAsync();
        Factory.Settings["Authentication:OpenIdConnect:Providers:0:Name"] = ProviderName;
        Factory.Settings["Authentication:OpenIdConnect:Providers:0:DisplayName"] = ProviderDisplayName;
        Factory.Settings["Authentication:OpenIdConnect:Providers:0:Authority"] = _provider.Authority.ToString();
        Factory.Settings["Authentication:OpenIdConnect:Providers:0:ClientId"] = TestOpenIdProvider.ClientId;
        Factory.Settings["Authentication:OpenIdConnect:Providers:0:ClientSecret"] = TestOpenIdProvider.ClientSecret;
        Factory.UseKestrelOnLoopback();
        await base.InitializeAsync();
        BaseAddress = Factory.CreateClient().BaseAddress!;
        await _provider.RegisterClientAsync(new Uri(BaseAddress, $"/signin-{ProviderName}"));
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        });
    }

    protected override void StartServer() => Factory.StartServer();

    public async Task<IPage> OpenAsync(string path)
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        // The sign-in round trip (discovery, code exchange, user info, account creation) is slow on a loaded machine.
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(path);
        return page;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}

public sealed class AccountBrowserTests(AccountBrowserSite site) : IClassFixture<AccountBrowserSite>
{
    [Fact]
    public async Task Signing_in_with_an_openid_connect_provider_creates_the_account_with_code_and_pkce()
    {
        var page = await site.OpenAsync("/compte/connexion?returnUrl=%2Fstatistiques");
        var authorizeRequest = page.WaitForRequestAsync(request => request.Url.Contains("/connect/authorize", StringComparison.Ordinal));

        await page.GetByRole(AriaRole.Button, new() { Name = $"Se connecter avec {AccountBrowserSite.ProviderDisplayName}" }).ClickAsync();

        var authorize = new Uri((await authorizeRequest).Url);
        Assert.Contains("response_type=code", authorize.Query, StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", authorize.Query, StringComparison.Ordinal);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/statistiques([?#]|$)"));
        await Assertions.Expect(page.Locator(".account-menu .account-email")).ToHaveTextAsync(TestOpenIdProvider.Email);

        var user = await site.WithDatabaseAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == TestOpenIdProvider.Email, TestContext.Current.CancellationToken));
        Assert.True(user.EmailConfirmed);
        var login = await site.WithDatabaseAsync(db => db.UserLogins.AsNoTracking().SingleAsync(l => l.UserId == user.Id, TestContext.Current.CancellationToken));
        Assert.Equal((AccountBrowserSite.ProviderName, TestOpenIdProvider.Subject), (login.LoginProvider, login.ProviderKey));

        // The account menu works from the keyboard.
        await page.Locator(".account-menu summary").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Link, new() { Name = "Mon compte" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-account-logins]")).ToContainTextAsync(AccountBrowserSite.ProviderDisplayName);
        await NoSeriousViolationAsync(page);
    }

    [Theory]
    [InlineData("/compte/connexion")]
    [InlineData("/compte/inscription")]
    [InlineData("/compte/mot-de-passe-oublie")]
    [InlineData("/compte/renvoyer-confirmation")]
    public async Task Account_forms_have_no_serious_accessibility_violation(string path)
    {
        var page = await site.OpenAsync(path);
        await NoSeriousViolationAsync(page);
        // With validation errors shown, too.
        if (path != "/compte/connexion")
        {
            return;
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-error").First).ToBeVisibleAsync();
        await NoSeriousViolationAsync(page);
    }

    [Fact]
    public async Task A_moderators_pages_have_no_serious_accessibility_violation()
    {
        const string email = "moderatrice.axe@annuaire-test.nc";
        var user = await AccountForms.ConfirmedUserAsync(site.Factory.Services, email);
        await using (var scope = site.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Core.Accounts.DirectoryUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByIdAsync(user.Id.ToString()))!, Core.Accounts.Roles.Moderator)).Succeeded);
        }
        await TestCompanies.PublishedAsync(site.Factory, (company, db) =>
            db.ErrorReports.Add(new Core.Moderation.ErrorReport { CompanyId = company.Id, Message = "Adresse erronée sur la fiche.", CreatedAt = DateTime.UtcNow }));

        var page = await site.OpenAsync("/compte/connexion?returnUrl=%2Fstatistiques");
        await page.Locator("#connexion-courriel").FillAsync(email);
        await page.Locator("#connexion-mot-de-passe").FillAsync(AccountSite.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("form.snapshot-form")).ToBeVisibleAsync();
        await NoSeriousViolationAsync(page);

        await page.GotoAsync(new Uri(new Uri(page.Url), "/moderation/signalements").ToString());
        await Assertions.Expect(page.Locator(".report-queue blockquote").First).ToBeVisibleAsync();
        await NoSeriousViolationAsync(page);

        // The moderation home, a queue with an item, a company as moderators see it and its history.
        var pending = (await TestCompanies.AddAsync(site.Factory, "Fiche en attente", Core.Companies.PublicationStatus.PendingReview, (company, db) =>
            db.CompanyChanges.Add(TestCompanies.HistoryEntry(company, Core.Companies.ChangeKind.Submitted, DateTime.UtcNow, null, "proprio@exemple.nc")))).Id;
        foreach (var path in new[] { "/moderation", "/moderation/profils", $"/moderation/entreprises/{pending}", $"/mon-espace/entreprises/{pending}/historique", $"/mon-espace/entreprises/{pending}/membres", "/mon-espace/invitation?jeton=perime" })
        {
            await page.GotoAsync(new Uri(new Uri(page.Url), path).ToString());
            await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
            await NoSeriousViolationAsync(page);
            var name = string.Concat(path.Replace(pending.ToString(), "id", StringComparison.Ordinal).Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(p => p + "-")).TrimEnd('-');
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSite.ScreenshotDirectory, name + "-fr.png"), FullPage = true });
        }

        await page.GotoAsync(new Uri(new Uri(page.Url), "/compte/double-authentification").ToString());
        await Assertions.Expect(page.Locator(".qr-code svg")).ToBeVisibleAsync();
        await NoSeriousViolationAsync(page);
    }

    /// <summary>axe (WCAG 2.1 A/AA and best practices) on the page as it is: no serious or critical violation.</summary>
    internal static async Task NoSeriousViolationAsync(IPage page)
    {
        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join('\n', serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }
}
