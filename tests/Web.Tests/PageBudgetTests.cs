using System.Net;
using AngleSharp.Dom;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>What a first visit to the search page downloads, compressed as a browser receives it.</summary>
public sealed class PageBudgetTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    public const int BudgetBytes = 150 * 1024;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<(long Bytes, HttpResponseMessage Response)> DownloadAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        var response = await client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ((await response.Content.ReadAsByteArrayAsync(Cancel)).LongLength, response);
    }

    [Theory]
    [InlineData("/recherche")]
    [InlineData("/recherche?q=web&province=sud")]
    [InlineData("/")]
    public async Task A_first_load_stays_within_150_KB_compressed_with_its_styles_and_scripts(string url)
    {
        var client = site.Factory.CreateClient();
        var (htmlBytes, html) = await DownloadAsync(client, url);
        Assert.NotEmpty(html.Content.Headers.ContentEncoding);
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync(url, Cancel));
        var assets = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!)
            .Concat(page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!))
            .ToList();
        Assert.Equal(3, assets.Count); // one stylesheet, htmx, the site script

        long total = htmlBytes;
        foreach (var asset in assets)
        {
            var (bytes, response) = await DownloadAsync(client, asset);
            Assert.NotEmpty(response.Content.Headers.ContentEncoding);
            // Fingerprinted addresses: cached for a long time by the browser.
            Assert.Contains("max-age=", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
            total += bytes;
            TestContext.Current.TestOutputHelper?.WriteLine($"  {asset}: {bytes} bytes, {string.Join(",", response.Content.Headers.ContentEncoding)}");
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{url}: {total / 1024.0:F1} KB compressed (HTML {htmlBytes / 1024.0:F1} KB)");
        Assert.InRange(total, 1, BudgetBytes);
    }
}
