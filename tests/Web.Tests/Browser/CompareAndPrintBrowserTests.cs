using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Web.Features.Companies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SkiaSharp;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>
/// The shortlist's comparison on a phone and a laptop, and the print views (profile, shortlist, comparison) in
/// Chromium: rendered for print at A4 width (kept as screenshots), and as PDF, whose page size the stylesheet sets.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class CompareAndPrintBrowserTests(BrowserSite site)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A4 at 96 px per inch (210 mm).</summary>
    private const int A4Width = 794;

    /// <summary>Published companies with ASCII names (found as such in a PDF's title), the first with a real logo.</summary>
    private async Task<List<Company>> CompaniesAsync(string name, int count)
    {
        var companies = new List<Company>();
        for (var i = 0; i < count; i++)
        {
            var number = TestCompanies.Unique().ToString(CultureInfo.InvariantCulture);
            companies.Add(await TestCompanies.AddAsync(site.Factory, $"{name} {number}", PublicationStatus.Published, (c, _) =>
            {
                c.Labels = i == 0 ? ["Qualiopi", "ISO 27001"] : [];
                c.ECommerce = new ECommerceProfile { SellsOnOwnShop = i % 2 == 0, OnlinePayment = true, B2B = true };
            }));
        }
        await GiveLogoAsync(companies[0]);
        companies[0] = await site.WithDatabaseAsync(db => Task.FromResult(db.Companies.Single(c => c.Id == companies[0].Id)));
        return companies;
    }

    private async Task GiveLogoAsync(Company company)
    {
        using var bitmap = new SKBitmap(120, 60);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0xE0, 0x7A, 0x1F));
            using var paint = new SKPaint { Color = SKColors.White };
            canvas.DrawCircle(30, 30, 20, paint);
        }
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        var (webp, _) = Logos.Redraw(png.ToArray());
        var file = await Logos.SaveAsync(site.Factory.Services.GetRequiredService<AnnuaireFiliere.Core.Data.Files.IFileStore>(), company.Id, webp!, Cancel);
        await site.WithDatabaseAsync(async db =>
        {
            var stored = db.Companies.Single(c => c.Id == company.Id);
            stored.LogoFile = file;
            await db.SaveChangesAsync(Cancel);
            return 0;
        });
    }

    private static string Query(IEnumerable<Company> companies) => string.Concat(companies.Select((c, i) => (i == 0 ? "?e=" : "&e=") + c.Slug));

    [Fact]
    public async Task The_comparison_scrolls_in_its_own_box_on_a_phone_with_the_criteria_kept_in_view()
    {
        var companies = await CompaniesAsync("Comparaison Essai", 4);
        var page = await site.OpenAsync("/ma-selection/comparer" + Query(companies), width: 360, height: 740);

        await BrowserDefaults.AssertNoSidewaysScrollAsync(page);
        var region = page.Locator("div.table-scroll[role=region]");
        Assert.True(await region.EvaluateAsync<bool>("r => r.scrollWidth > r.clientWidth"), "the table is wider than a phone: it should scroll in its box");
        await Assertions.Expect(page.Locator(".scroll-hint")).ToBeVisibleAsync();
        var header = page.Locator("table.compare tbody th").First;
        var before = (await header.BoundingBoxAsync())!.X;
        await region.EvaluateAsync("r => r.scrollLeft = 400");
        Assert.Equal(before, (await header.BoundingBoxAsync())!.X, 1.0); // sticky row headers
        Assert.True(await page.Locator("table.compare thead img").First.EvaluateAsync<bool>("i => i.complete && i.naturalWidth > 0"), "the logo is shown");
        await region.EvaluateAsync("r => r.scrollLeft = 0");
        await AccountBrowserTests.NoSeriousViolationAsync(page);
        Directory.CreateDirectory(BrowserSite.ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSite.ScreenshotDirectory, "comparaison@360.png"), FullPage = true });

        await page.SetViewportSizeAsync(1366, 900);
        await BrowserDefaults.AssertNoSidewaysScrollAsync(page);
        Assert.False(await region.EvaluateAsync<bool>("r => r.scrollWidth > r.clientWidth"), "four companies fit a laptop's width");
        await AccountBrowserTests.NoSeriousViolationAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSite.ScreenshotDirectory, "comparaison@1366.png"), FullPage = true });
    }

    [Fact]
    public async Task Companies_ticked_on_the_shortlist_are_compared_without_javascript()
    {
        var companies = await CompaniesAsync("Coche Essai", 3);
        var page = await site.OpenAsync("/ma-selection" + Query(companies), javaScript: false);

        await page.GetByRole(AriaRole.Checkbox).Nth(1).UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Comparer", Exact = true }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape("/ma-selection/comparer" + Query([companies[0], companies[2]])) + "$"));
        Assert.Equal([companies[0].DisplayName, companies[2].DisplayName], await page.Locator("table.compare thead a").AllTextContentsAsync());
    }

    [Fact]
    public async Task A_profile_prints_on_A4_with_its_address_as_a_QR_code_and_without_the_site_menus()
    {
        var company = (await CompaniesAsync("Impression Fiche", 1))[0];
        await site.WithDatabaseAsync(async db =>
        {
            db.Companies.Single(c => c.Id == company.Id).DescriptionFr = "Voir [nos réalisations](https://exemple.nc/realisations).";
            return await db.SaveChangesAsync(Cancel);
        });
        var page = await site.OpenAsync($"/entreprises/{company.Slug}", width: A4Width);
        await Assertions.Expect(page.Locator("button[data-print]")).ToBeVisibleAsync(); // with JavaScript

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await Assertions.Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("button[data-print]")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".shortlist-toggle")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("figure.print-qr svg")).ToBeVisibleAsync();
        // A link's address is printed after it, unless the link's text is the address.
        var described = await page.Locator(".description a").EvaluateAsync<string>("a => getComputedStyle(a, '::after').content");
        Assert.Contains("https://exemple.nc/realisations", described, StringComparison.Ordinal);
        Assert.Equal("none", await page.Locator($".profile-contact a[href='{company.Website}']").EvaluateAsync<string>("a => getComputedStyle(a, '::after').content"));
        await ScreenshotAsync(page, "impression-fiche");
        var pdf = await PdfAsync(page);
        Assert.Equal((595.3, 841.9), PageSize(pdf), new SizeComparer());
        Assert.Contains(company.DisplayName, Title(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shortlist_and_the_comparison_print_without_buttons_the_comparison_landscape()
    {
        var companies = await CompaniesAsync("Impression Liste", 4);
        var page = await site.OpenAsync("/", width: A4Width);
        await page.Context.AddCookiesAsync([new Cookie { Name = "af.selection", Value = string.Join('.', companies.Select(c => c.Slug)), Url = site.BaseAddress.ToString() }]);
        await page.GotoAsync("/ma-selection");
        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await Assertions.Expect(page.Locator("article.card")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator(".shortlist-actions")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".share")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".card-actions").First).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("article.card").First).ToContainTextAsync($"/entreprises/{companies[0].Slug}"); // the profile's address, on paper
        await ScreenshotAsync(page, "impression-selection");
        var shortlist = await PdfAsync(page);
        Assert.Equal((595.3, 841.9), PageSize(shortlist), new SizeComparer());

        await page.GotoAsync("/ma-selection/comparer");
        await Assertions.Expect(page.Locator("table.compare thead a")).ToHaveCountAsync(4);
        await page.SetViewportSizeAsync(1123, 794); // A4 landscape
        await ScreenshotAsync(page, "impression-comparaison");
        var comparison = await PdfAsync(page);
        Assert.Equal((841.9, 595.3), PageSize(comparison), new SizeComparer());
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserSite.ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSite.ScreenshotDirectory, $"{name}@{page.ViewportSize!.Width}.png"), FullPage = true });
    }

    /// <summary>The page as Chromium prints it, the page size taken from the stylesheet (Letter otherwise).</summary>
    internal static async Task<string> PdfAsync(IPage page)
    {
        var bytes = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true });
        Assert.True(bytes.Length > 1000, "an empty PDF");
        var text = Encoding.Latin1.GetString(bytes);
        Assert.StartsWith("%PDF-", text, StringComparison.Ordinal);
        return text;
    }

    /// <summary>The first page's size in points (A4: 595.3 × 841.9).</summary>
    internal static (double Width, double Height) PageSize(string pdf)
    {
        var box = MediaBox().Match(pdf);
        Assert.True(box.Success, "no MediaBox in the PDF");
        return (double.Parse(box.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(box.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>The document's title (the page's), plain or as UTF-16 hexadecimal.</summary>
    internal static string Title(string pdf)
    {
        var title = TitleEntry().Match(pdf);
        Assert.True(title.Success, "no Title in the PDF");
        if (title.Groups[1].Success)
        {
            return title.Groups[1].Value;
        }
        var hex = Convert.FromHexString(title.Groups[2].Value);
        return Encoding.BigEndianUnicode.GetString(hex).TrimStart('\uFEFF');
    }

    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")]
    private static partial Regex MediaBox();

    [GeneratedRegex(@"/Title\s*(?:\(([^)]*)\)|<([0-9A-Fa-f]+)>)")]
    private static partial Regex TitleEntry();

    /// <summary>Page sizes equal within a point (Chromium rounds to whole pixels).</summary>
    internal sealed class SizeComparer : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) x, (double, double) y) => Math.Abs(x.Item1 - y.Item1) < 1.5 && Math.Abs(x.Item2 - y.Item2) < 1.5;

        public int GetHashCode((double, double) obj) => 0;
    }
}
