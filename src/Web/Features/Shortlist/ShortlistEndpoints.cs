using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Shortlist;

/// <summary>
/// Changes to the shortlist (POST, antiforgery-checked) and its CSV export. A plain form post goes back to the
/// page it came from; the page's script asks for JSON instead and updates the button in place.
/// </summary>
internal static class ShortlistEndpoints
{
    public sealed record ShortlistState(int Count, bool Contains, bool Full);

    public static void MapShortlist(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/ma-selection");
        group.MapPost("/ajouter", async (HttpContext context, AppDbContext db, [FromForm] string? entreprise, [FromForm] string? returnUrl) =>
        {
            var slugs = ShortlistCookie.Read(context.Request).ToList();
            var parsed = ShortlistCookie.Parse(entreprise);
            var slug = parsed.Count > 0 ? parsed[0] : null;
            if (slug is null || !await ShortlistEntries.IsPublishedAsync(db, slug, context.RequestAborted))
            {
                return Results.NotFound();
            }
            var full = !slugs.Contains(slug) && slugs.Count >= ShortlistCookie.MaxEntries;
            if (!full && !slugs.Contains(slug))
            {
                slugs.Add(slug);
                ShortlistCookie.Write(context.Response, slugs);
            }
            return Answer(context, slugs, slug, full, returnUrl);
        });
        group.MapPost("/retirer", (HttpContext context, [FromForm] string? entreprise, [FromForm] string? returnUrl) =>
        {
            var slugs = ShortlistCookie.Read(context.Request).ToList();
            if (entreprise is not null && slugs.Remove(entreprise))
            {
                ShortlistCookie.Write(context.Response, slugs);
            }
            return Answer(context, slugs, entreprise, full: false, returnUrl);
        });
        // The form parameter makes the endpoint read the form, and so check its antiforgery token like the others.
        group.MapPost("/vider", (HttpContext context, IFormCollection form) =>
        {
            ShortlistCookie.Write(context.Response, []);
            return Results.Redirect("/ma-selection", permanent: false, preserveMethod: false);
        });
        // A shared list ("?e=a&e=b") added to the visitor's own, up to the limit.
        group.MapPost("/importer", async (HttpContext context, AppDbContext db, TaxonomyCatalog taxonomy, IFormCollection form) =>
        {
            var shared = await ShortlistEntries.LoadAsync(db, taxonomy, ShortlistCookie.Clean(form["e"]), context.RequestAborted);
            var slugs = ShortlistCookie.Clean(ShortlistCookie.Read(context.Request).Concat(shared.Select(s => s.Slug)));
            ShortlistCookie.Write(context.Response, slugs);
            return Results.Redirect("/ma-selection");
        });
        group.MapGet("/export.csv", async (HttpContext context, AppDbContext db, TaxonomyCatalog taxonomy, IStringLocalizer<SharedResource> text) =>
        {
            var shared = context.Request.Query["e"];
            var slugs = shared.Count > 0 ? ShortlistCookie.Clean(shared) : ShortlistCookie.Read(context.Request);
            var entries = await ShortlistEntries.LoadAsync(db, taxonomy, slugs, context.RequestAborted);
            var baseUrl = PublicAddress.Of(context);
            return Results.File(ToCsv(entries, baseUrl), "text/csv; charset=utf-8", text["Shortlist.FileName"]);
        });
    }

    private static readonly string[] Header =
        ["nom", "raison_sociale", "ridet", "activite_principale", "autres_activites", "commune", "effectif", "site_web", "email", "telephone", "fiche"];

    /// <summary>The French Excel variant (buyers open it in a spreadsheet); column names are stable, French like the site.</summary>
    internal static byte[] ToCsv(IReadOnlyList<ShortlistEntry> entries, string baseUrl) =>
        CsvFile.Write(
            entries.Select(e => (IEnumerable<string?>)[e.Name, e.LegalName, e.Ridet, e.PrimaryActivity, string.Join(" | ", e.Activities), e.Commune, e.SizeBand, e.Website, e.Email, e.Phone, $"{baseUrl}/entreprises/{e.Slug}"])
                .Prepend(Header),
            excel: true);

    private static IResult Answer(HttpContext context, List<string> slugs, string? slug, bool full, string? returnUrl)
    {
        var wantsJson = context.Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);
        return wantsJson
            ? Results.Json(new ShortlistState(slugs.Count, slug is not null && slugs.Contains(slug), full))
            : Results.Redirect(full ? "/ma-selection" : LocalUrl.OrHome(returnUrl));
    }
}
