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

    [ModuleInitializer]
    internal static void Apply() => Assertions.SetDefaultExpectTimeout(TimeoutMilliseconds);
}
