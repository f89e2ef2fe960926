using System.Globalization;
using System.Xml;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using Microsoft.EntityFrameworkCore;
using AnnuaireFiliere.Web.Infrastructure;

namespace AnnuaireFiliere.Web.Features.Companies;

/// <summary>
/// Robots: <c>/robots.txt</c> and the sitemaps, and how to tell a robot's request. <c>/sitemap.xml</c> is an index of
/// the fixed pages and of the profile sitemaps (<c>/sitemaps/entreprises-N.xml</c>, at most <see cref="ProfilesPerSitemap"/>
/// each, as the protocol allows 50,000), streamed from the database.
/// </summary>
internal static partial class Crawlers
{
    /// <summary>
    /// Whether a request comes from a robot rather than a person, by its User-Agent (none, or one naming a crawler, a
    /// link preview, a headless browser or an HTTP library): robots do not count in a profile's audience.
    /// </summary>
    public static bool IsCrawler(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var agent = request.Headers.UserAgent.ToString();
        return string.IsNullOrWhiteSpace(agent) || RobotAgent().IsMatch(agent);
    }

    [System.Text.RegularExpressions.GeneratedRegex(
        "bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|headless|lighthouse|pingdom|uptime|monitor|curl|wget|python|java/|go-http|okhttp|libwww|httpclient|axios|node-fetch|scrapy",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex RobotAgent();

    public const int ProfilesPerSitemap = 40_000;

    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>The pages of the sitemap besides the profiles.</summary>
    private static readonly string[] FixedPages = ["/Home/Index", "/Search/Index"];

    /// <summary>The endpoints' names, for links.</summary>
    public const string SitemapIndex = "Sitemap";
    public const string SitemapOfPages = "Sitemap.Pages";
    public const string SitemapOfProfiles = "Sitemap.Entreprises";

    public static void MapCrawlers(this IEndpointRouteBuilder endpoints)
    {
        // Crawlers read robots.txt at the host's root only: under a path base, it says what the site's own part holds.
        endpoints.MapGet("/robots.txt", (HttpContext context, LinkGenerator links) =>
        {
            var search = context.PathToPage("/Search/Index");
            return Results.Text(
                $"""
                User-agent: *
                Allow: {LocalUrl.Home(context.Request.PathBase)}
                Disallow: {search}?
                Disallow: {context.PathToEndpoint(Search.SearchEndpoints.Suggestions)}
                Disallow: {context.PathToPage("/Shortlist/Index")}
                Disallow: {context.Request.PathBase}/health/

                Sitemap: {Absolute(context, links.GetPathByName(SitemapIndex, values: null))}
                """,
                "text/plain; charset=utf-8");
        });

        endpoints.MapGet("/sitemap.xml", async (HttpContext context, AppDbContext db, LinkGenerator links) =>
        {
            var published = await db.Companies.CountAsync(c => c.Status == PublicationStatus.Published, context.RequestAborted);
            var pages = Math.Max(1, (published + ProfilesPerSitemap - 1) / ProfilesPerSitemap);
            await WriteXmlAsync(context, "sitemapindex", async xml =>
            {
                var sitemaps = Enumerable.Repeat(links.GetPathByName(SitemapOfPages, values: null), 1)
                    .Concat(Enumerable.Range(1, pages).Select(page => links.GetPathByName(SitemapOfProfiles, new { page })));
                foreach (var path in sitemaps)
                {
                    await xml.WriteStartElementAsync(null, "sitemap", null);
                    await xml.WriteElementStringAsync(null, "loc", null, Absolute(context, path));
                    await xml.WriteEndElementAsync();
                }
            });
        }).WithName(SitemapIndex);

        endpoints.MapGet("/sitemaps/pages.xml", (HttpContext context, LinkGenerator links) => WriteXmlAsync(context, "urlset", async xml =>
        {
            foreach (var page in FixedPages)
            {
                await Url(xml, Absolute(context, links.GetPathByPage(page, handler: null, values: null)), null);
            }
        })).WithName(SitemapOfPages);

        endpoints.MapGet("/sitemaps/entreprises-{page:int}.xml", async (HttpContext context, AppDbContext db, ProfileAddress profiles, int page) =>
        {
            var published = db.Companies.AsNoTracking().Where(c => c.Status == PublicationStatus.Published);
            if (page < 1 || (page > 1 && !await published.Skip((page - 1) * ProfilesPerSitemap).AnyAsync(context.RequestAborted)))
            {
                return Results.NotFound();
            }
            var list = published.OrderBy(c => c.Slug).Skip((page - 1) * ProfilesPerSitemap).Take(ProfilesPerSitemap)
                .Select(c => new { c.Slug, c.UpdatedAt }).AsAsyncEnumerable();
            await WriteXmlAsync(context, "urlset", async xml =>
            {
                var site = PublicAddress.Of(context);
                await foreach (var profile in list.WithCancellation(context.RequestAborted))
                {
                    await Url(xml, site + profiles.Path(profile.Slug), profile.UpdatedAt);
                }
            });
            return Results.Empty;
        }).WithName(SitemapOfProfiles);
    }

    /// <summary>A path of the site (without its path base) at the site's public address.</summary>
    private static string Absolute(HttpContext context, string? path) =>
        PublicAddress.Of(context) + (path ?? throw new InvalidOperationException("A sitemap links to an endpoint no route answers."));

    private static async Task Url(XmlWriter xml, string location, DateTime? modified)
    {
        await xml.WriteStartElementAsync(null, "url", null);
        await xml.WriteElementStringAsync(null, "loc", null, location);
        if (modified is { } date)
        {
            await xml.WriteElementStringAsync(null, "lastmod", null, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        await xml.WriteEndElementAsync();
    }

    private static async Task WriteXmlAsync(HttpContext context, string root, Func<XmlWriter, Task> body)
    {
        context.Response.ContentType = "application/xml; charset=utf-8";
        await using var xml = XmlWriter.Create(context.Response.Body, new XmlWriterSettings { Async = true, Encoding = new System.Text.UTF8Encoding(false) });
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, root, SitemapNamespace);
        await body(xml);
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }
}
