using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>
/// Lighthouse (npm, pinned in <c>tests/Lighthouse/package.json</c>, installed by the first run with <c>npm ci</c>)
/// against Debian's Chromium and the real site: accessibility and best practices at least 0.95 on the home page,
/// a search, a profile, the registration wizard (signed in) and the statistics. Scores go to
/// <c>screenshots/lighthouse.md</c> beside the screenshots. Without Node.js and npm it skips and says why.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class LighthouseTests(BrowserSite site)
{
    public const double Floor = 0.95;

    private static readonly SemaphoreSlim Installing = new(1, 1);
    private static string? _lighthouse;
    private static string? _unavailable;

    [Theory]
    [InlineData("accueil", "/")]
    [InlineData("recherche", "/recherche?q=site+internet")]
    [InlineData("fiche", "{profil}")]
    [InlineData("assistant", "/mon-espace/inscrire/identite")]
    [InlineData("statistiques", "/statistiques")]
    public async Task A_main_page_scores_at_least_0_95_for_accessibility_and_best_practices(string name, string path)
    {
        var lighthouse = await LighthouseAsync();
        var headers = new Dictionary<string, string> { ["Accept-Language"] = "fr-FR,fr;q=0.9" };
        if (path == "{profil}")
        {
            path = "/entreprises/" + (await TestCompanies.PublishedAsync(site.Factory)).Slug;
        }
        if (path.StartsWith("/mon-espace", StringComparison.Ordinal))
        {
            headers["Cookie"] = await SignedInCookiesAsync($"lighthouse.{name}@annuaire-test.nc");
        }

        var report = Path.Combine(Path.GetTempPath(), $"lighthouse-{name}-{Guid.NewGuid():N}.json");
        var headersFile = report + ".headers.json";
        await File.WriteAllTextAsync(headersFile, JsonSerializer.Serialize(headers), TestContext.Current.CancellationToken);
        try
        {
            var (exit, output) = await RunAsync(lighthouse, [
                new Uri(site.BaseAddress, path).ToString(),
                "--only-categories=accessibility,best-practices",
                "--output=json", "--output-path=" + report, "--quiet",
                "--extra-headers=" + headersFile,
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update",
            ], TimeSpan.FromMinutes(3));
            Assert.True(exit == 0 && File.Exists(report), $"lighthouse failed ({exit}): {output}");

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken));
            // The page itself was measured (not the sign-in page it would redirect to without the cookies).
            Assert.EndsWith(path, json.RootElement.GetProperty("finalDisplayedUrl").GetString(), StringComparison.Ordinal);
            var categories = json.RootElement.GetProperty("categories");
            var accessibility = categories.GetProperty("accessibility").GetProperty("score").GetDouble();
            var practices = categories.GetProperty("best-practices").GetProperty("score").GetDouble();
            var failing = json.RootElement.GetProperty("audits").EnumerateObject()
                .Where(a => a.Value.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Number && s.GetDouble() < 1
                    && a.Value.GetProperty("scoreDisplayMode").GetString() is "binary" or "numeric")
                .Select(a => a.Name).ToList();
            Record(name, path, accessibility, practices, failing);
            Assert.True(accessibility >= Floor && practices >= Floor,
                $"{path}: accessibility {accessibility:0.00}, best practices {practices:0.00}; audits below 1: {string.Join(", ", failing)}");
        }
        finally
        {
            File.Delete(report);
            File.Delete(headersFile);
        }
    }

    /// <summary>The lighthouse executable, installed once from the pinned lock file; skips the test without npm.</summary>
    private static async Task<string> LighthouseAsync()
    {
        await Installing.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_lighthouse is null && _unavailable is null)
            {
                var folder = Path.Combine(RepositoryRoot(), "tests", "Lighthouse");
                var executable = Path.Combine(folder, "node_modules", ".bin", "lighthouse");
                if (!File.Exists(executable))
                {
                    var (exit, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--prefix", folder], TimeSpan.FromMinutes(5));
                    if (exit != 0 || !File.Exists(executable))
                    {
                        _unavailable = $"Lighthouse could not be installed (npm ci in tests/Lighthouse: exit {exit}): {output.Trim()}";
                    }
                }
                if (_unavailable is null)
                {
                    _lighthouse = executable;
                }
            }
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            _unavailable = $"Node.js and npm are needed for the Lighthouse checks ({e.Message}): skipped.";
        }
        finally
        {
            Installing.Release();
        }
        if (_unavailable is not null)
        {
            // In the run's output at its default verbosity, like the browser fixture's own reason (xunit.runner.json: diagnosticMessages).
            TestContext.Current.SendDiagnosticMessage(_unavailable);
            Assert.Skip(_unavailable);
        }
        return _lighthouse!;
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, IEnumerable<string> arguments, TimeSpan limit)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["CHROME_PATH"] = BrowserSite.ChromiumPath ?? "/usr/bin/chromium";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var output = await stdout + await stderr;
        return (process.ExitCode, output.Length > 2000 ? output[^2000..] : output);
    }

    /// <summary>The cookies of a browser signed in as a new confirmed account, as a Cookie header.</summary>
    private async Task<string> SignedInCookiesAsync(string email)
    {
        var page = await site.SignedInAsync(email);
        var cookies = await page.Context.CookiesAsync();
        await page.Context.CloseAsync();
        return string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}"));
    }

    private static readonly Lock Recording = new();

    /// <summary>Adds the page's scores to <c>lighthouse.md</c> beside the screenshots (one line per page, replaced on each run).</summary>
    private static void Record(string name, string path, double accessibility, double practices, List<string> failing)
    {
        lock (Recording)
        {
            Directory.CreateDirectory(BrowserSite.ScreenshotDirectory);
            var file = Path.Combine(BrowserSite.ScreenshotDirectory, "lighthouse.md");
            var lines = File.Exists(file) ? File.ReadAllLines(file).Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith($"| {name} |", StringComparison.Ordinal) && !l.StartsWith("| page |", StringComparison.Ordinal) && !l.StartsWith("|---", StringComparison.Ordinal)).ToList() : [];
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"| {name} | `{path}` | {accessibility:0.00} | {practices:0.00} | {(failing.Count == 0 ? "—" : string.Join(", ", failing))} |"));
            File.WriteAllLines(file, ["| page | address | accessibility | best practices | audits below 1 |", "|---|---|---|---|---|", .. lines.Order(StringComparer.Ordinal)]);
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AnnuaireFiliere.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("AnnuaireFiliere.sln not found above the test assembly.");
    }
}
