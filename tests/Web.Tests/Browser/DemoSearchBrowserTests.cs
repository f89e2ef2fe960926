using AnnuaireFiliere.Core.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>The site as <c>dotnet run</c> shows it: the default demo data (600 companies, seed 2014).</summary>
public sealed class DemoBrowserSite : BrowserSite
{
    public DemoBrowserSite(Xunit.Sdk.IMessageSink diagnostics) : base(diagnostics)
    {
        var defaults = new DemoDataOptions();
        Factory.Settings["DemoData:Count"] = defaults.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Factory.Settings["DemoData:Seed"] = defaults.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// The first searches a visitor tries on the demo site, on the search page: the first five companies shown
/// do what was asked (their activities, read from the database); the page fits a 360 px phone, and screenshots
/// of each page (desktop and phone) are kept.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class DemoSearchBrowserTests(DemoBrowserSite demo) : IClassFixture<DemoBrowserSite>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private const string Websites = "A0405 A0901 A1001";   // custom development, web agencies, web design

    [Theory]
    [InlineData("site internet", Websites, null)]
    [InlineData("agence web Nouméa", Websites, "98818")]
    [InlineData("dépannage informatique", "A0505 A0502 A0503 A0504", null)]   // repair, maintenance, managed services, support
    [InlineData("hébergement cloud", "A0601 A0503", null)]                    // hosting and data centres, managed services
    public async Task The_first_five_companies_shown_do_what_was_asked(string text, string activities, string? commune)
    {
        var accepted = activities.Split(' ');
        var page = await demo.OpenAsync("/recherche?q=" + Uri.EscapeDataString(text), height: 1700);   // tall enough for five results in the screenshot

        var links = page.Locator(".results article.card h3 a");
        await Assertions.Expect(links.Nth(4)).ToBeVisibleAsync();
        var slugs = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            slugs.Add((await links.Nth(i).GetAttributeAsync("href"))!.Split('/')[^1]);
        }
        Directory.CreateDirectory(BrowserSite.ScreenshotDirectory);
        var file = Path.Combine(BrowserSite.ScreenshotDirectory, "demo-" + string.Join('-', text.Split(' ')) + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = false });
        TestContext.Current.SendDiagnosticMessage($"\"{text}\": {string.Join(", ", slugs)} (screenshot {file})");
        await page.SetViewportSizeAsync(360, 800);
        var wide = await BrowserDefaults.WiderThanScreenAsync(page);
        Assert.True(wide.Length == 0, $"\"{text}\": wider than a 360 px screen: {wide}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file.Replace(".png", "-telephone.png", StringComparison.Ordinal) });

        var shown = await demo.WithDatabaseAsync(db => db.Companies.AsNoTracking().Include(c => c.SecondaryActivities)
            .Where(c => slugs.Contains(c.Slug)).ToListAsync(Cancel));
        Assert.Equal(5, shown.Count);
        var off = shown.Where(c => !c.AllActivityCodes.Any(accepted.Contains) || (commune is not null && c.CommuneCode != commune))
            .Select(c => $"{c.DisplayName} ({string.Join(", ", c.AllActivityCodes)}, {c.CommuneCode})").ToList();
        Assert.True(off.Count == 0, $"\"{text}\" shows first companies that do not do it: {string.Join("; ", off)}");
    }
}
