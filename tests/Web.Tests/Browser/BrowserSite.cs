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
