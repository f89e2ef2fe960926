using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>
/// The real site on Kestrel (loopback, random port) and Debian's Chromium driven by Playwright. Without Chromium
/// the browser tests skip and say why; <c>.ci/run</c> installs it.
/// </summary>
public class BrowserSite(Xunit.Sdk.IMessageSink diagnostics) : SiteFixture
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public string? SkipReason { get; private set; }

    /// <summary>Where the screenshots of the main pages go (kept as test artefacts).</summary>
    public static string ScreenshotDirectory { get; } =
        Environment.GetEnvironmentVariable("SCREENSHOT_DIR") is { Length: > 0 } configured ? configured : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static string? ChromiumPath =>
        new[] { Environment.GetEnvironmentVariable("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    public override async ValueTask InitializeAsync()
    {
        if (ChromiumPath is not { } chromium)
        {
            SkipReason = "Chromium is not installed (apt-get install -y chromium, or set CHROMIUM_PATH): browser tests skipped.";
            // Printed once in the run's output at its default verbosity (xunit.runner.json: diagnosticMessages).
            diagnostics.OnMessage(new Xunit.v3.DiagnosticMessage(SkipReason));
            return;
        }
        ScreenshotGallery.StartRun();
        Factory.UseKestrelOnLoopback();
        await base.InitializeAsync();
        BaseAddress = Factory.CreateClient().BaseAddress!;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        });
    }

    protected override void StartServer() => Factory.StartServer();

    /// <summary>A fresh browser context (own cookies) on the site, in French unless told otherwise.</summary>
    public async Task<IPage> OpenAsync(string path, bool javaScript = true, string? language = null, int width = 1280, int height = 900)
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "fr-FR",
        });
        if (language is not null)
        {
            await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = BaseAddress.ToString() }]);
        }
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserDefaults.TimeoutMilliseconds);
        await page.GotoAsync(path);
        return page;
    }

    /// <summary>
    /// A fresh browser signed in, through the sign-in form, as a new confirmed account — with <paramref name="role"/>
    /// and owner of <paramref name="company"/> when given — on <c>/mon-espace</c>.
    /// </summary>
    public async Task<IPage> SignedInAsync(string email, Guid? company = null, string? role = null, int width = 1280, int height = 900)
    {
        var user = await AccountForms.ConfirmedUserAsync(Factory.Services, email);
        if (role is not null)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DirectoryUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByIdAsync(user.Id.ToString()))!, role)).Succeeded);
        }
        if (company is { } id)
        {
            await WithDatabaseAsync(db =>
            {
                db.CompanyMembers.Add(new CompanyMember { CompanyId = id, UserId = user.Id, Role = MemberRole.Owner, Since = DateTime.UtcNow });
                return db.SaveChangesAsync(TestContext.Current.CancellationToken);
            });
        }
        var page = await OpenAsync("/compte/connexion?returnUrl=%2Fmon-espace", width: width, height: height);
        await page.Locator("#connexion-courriel").FillAsync(email);
        await page.Locator("#connexion-mot-de-passe").FillAsync(AccountSite.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/mon-espace$"));
        return page;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
            var shots = ScreenshotGallery.Write();
            diagnostics.OnMessage(new Xunit.v3.DiagnosticMessage(
                $"Screenshots: {shots.Count} in {ScreenshotDirectory} (index.html), {shots.Count(s => s.Changed)} changed since the previous run: " +
                string.Join(", ", shots.Where(s => s.Changed).Take(12).Select(s => $"{s.Name} {s.ChangedShare:P1}"))));
        }
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
