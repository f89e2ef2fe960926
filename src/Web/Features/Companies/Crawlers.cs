using System.Globalization;
using System.Xml;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using Microsoft.EntityFrameworkCore;
using AnnuaireFiliere.Web.Infrastructure;

namespace AnnuaireFiliere.Web.Features.Companies;

/// <summary>
/// <c>/robots.txt</c> and the sitemaps: <c>/sitemap.xml</c> is an index of the fixed pages and of the profile
/// sitemaps (<c>/sitemaps/entreprises-N.xml</c>, at most <see cref="ProfilesPerSitemap"/> each, as the protocol
/// allows 50,000), streamed from the database.
/// </summary>
internal static class Crawlers
{
    public const int ProfilesPerSitemap = 40_000;

    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private static readonly string[] FixedPages = ["/", "/recherche"];

    public static void MapCrawlers(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/robots.txt", (HttpContext context) =>
            Results.Text(
                $"""
                User-agent: *
                Allow: /
                Disallow: /recherche?
                Disallow: /recherche/suggestions
                Disallow: /ma-selection
                Disallow: /health/

                Sitemap: {BaseUrl(context)}/sitemap.xml
                """,
                "text/plain; charset=utf-8"));

        endpoints.MapGet("/sitemap.xml", async (HttpContext context, AppDbContext db) =>
        {
            var published = await db.Companies.CountAsync(c => c.Status == PublicationStatus.Published, context.RequestAborted);
            var pages = Math.Max(1, (published + ProfilesPerSitemap - 1) / ProfilesPerSitemap);
            await WriteXmlAsync(context, "sitemapindex", async xml =>
            {
                foreach (var path in Enumerable.Repeat("/sitemaps/pages.xml", 1).Concat(Enumerable.Range(1, pages).Select(n => $"/sitemaps/entreprises-{n}.xml")))
                {
                    await xml.WriteStartElementAsync(null, "sitemap", null);
                    await xml.WriteElementStringAsync(null, "loc", null, BaseUrl(context) + path);
                    await xml.WriteEndElementAsync();
                }
            });
        });

        endpoints.MapGet("/sitemaps/pages.xml", (HttpContext context) => WriteXmlAsync(context, "urlset", async xml =>
        {
            foreach (var path in FixedPages)
            {
                await Url(xml, BaseUrl(context) + path, null);
            }
        }));

        endpoints.MapGet("/sitemaps/entreprises-{page:int}.xml", async (HttpContext context, AppDbContext db, int page) =>
        {
            var published = db.Companies.AsNoTracking().Where(c => c.Status == PublicationStatus.Published);
            if (page < 1 || (page > 1 && !await published.Skip((page - 1) * ProfilesPerSitemap).AnyAsync(context.RequestAborted)))
            {
                return Results.NotFound();
            }
            var profiles = published.OrderBy(c => c.Slug).Skip((page - 1) * ProfilesPerSitemap).Take(ProfilesPerSitemap)
                .Select(c => new { c.Slug, c.UpdatedAt }).AsAsyncEnumerable();
            await WriteXmlAsync(context, "urlset", async xml =>
            {
                var baseUrl = BaseUrl(context);
                await foreach (var profile in profiles.WithCancellation(context.RequestAborted))
                {
                    await Url(xml, $"{baseUrl}/entreprises/{profile.Slug}", profile.UpdatedAt);
                }
            });
            return Results.Empty;
        });
    }

    private static string BaseUrl(HttpContext context) => PublicAddress.Of(context);

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
