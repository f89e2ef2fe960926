using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>Playwright's defaults for every browser test of the assembly.</summary>
internal static class BrowserDefaults
{
    /// <summary>Generous, like the pages' own default: CI runs the test assemblies side by side on two cores.</summary>
    public const int TimeoutMilliseconds = 30_000;

    [ModuleInitializer]
    internal static void Apply() => Assertions.SetDefaultExpectTimeout(TimeoutMilliseconds);
}
