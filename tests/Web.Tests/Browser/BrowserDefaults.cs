using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>Playwright's defaults for every browser test of the assembly.</summary>
internal static class BrowserDefaults
{
    /// <summary>Generous, like the pages' own default: CI runs the test assemblies side by side on two cores.</summary>
    public const int TimeoutMilliseconds = 30_000;

    /// <summary>
    /// The elements of the page's own content (<c>main</c>; the header is the layout's) that reach past the right
    /// edge of the viewport, at most five, described; empty when the page fits.
    /// </summary>
    public static Task<string> WiderThanScreenAsync(IPage page) => page.EvaluateAsync<string>(
        "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)" +
        ".slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + ' px').join(' | ')");

    /// <summary>Fails, naming what sticks out, when the page is wider than its viewport (it would scroll sideways).</summary>
    public static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url} is {widths[0]} px wide on a {widths[1]} px screen: {await WiderThanScreenAsync(page)}");
    }

    /// <summary>The whole page as <c>{name}-{width}.png</c> at its viewport's width, then at a laptop's 1366 px.</summary>
    public static async Task ScreenshotsAsync(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserSite.ScreenshotDirectory);
        foreach (var width in new[] { page.ViewportSize!.Width, 1366 })
        {
            await page.SetViewportSizeAsync(width, page.ViewportSize!.Height);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSite.ScreenshotDirectory, $"{name}-{width}.png"), FullPage = true });
        }
    }

    [ModuleInitializer]
    internal static void Apply() => Assertions.SetDefaultExpectTimeout(TimeoutMilliseconds);
}
