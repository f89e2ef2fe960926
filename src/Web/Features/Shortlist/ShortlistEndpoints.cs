using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Features.Companies;
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

    /// <summary>The endpoints' names, for links (<c>Url.Endpoint(ShortlistEndpoints.Add)</c>).</summary>
    public const string Add = "Selection.Ajouter";
    public const string Remove = "Selection.Retirer";
    public const string Clear = "Selection.Vider";
    public const string Import = "Selection.Importer";
    public const string Export = "Selection.Export";

    /// <summary>The shortlist's page, where the changes made from it go back to.</summary>
    private const string Page = "/Shortlist/Index";

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
        }).WithName(Add);
        group.MapPost("/retirer", (HttpContext context, [FromForm] string? entreprise, [FromForm] string? returnUrl) =>
        {
            var slugs = ShortlistCookie.Read(context.Request).ToList();
            if (entreprise is not null && slugs.Remove(entreprise))
            {
                ShortlistCookie.Write(context.Response, slugs);
            }
            return Answer(context, slugs, entreprise, full: false, returnUrl);
        }).WithName(Remove);
        // The form parameter makes the endpoint read the form, and so check its antiforgery token like the others.
        group.MapPost("/vider", (HttpContext context, IFormCollection form) =>
        {
            ShortlistCookie.Write(context.Response, []);
            return Results.Redirect(context.PathToPage(Page), permanent: false, preserveMethod: false);
        }).WithName(Clear);
        // A shared list ("?e=a&e=b") added to the visitor's own, up to the limit.
        group.MapPost("/importer", async (HttpContext context, AppDbContext db, TaxonomyCatalog taxonomy, IFormCollection form) =>
        {
            var shared = await ShortlistEntries.LoadAsync(db, taxonomy, ShortlistCookie.Clean(form["e"]), context.RequestAborted);
            var slugs = ShortlistCookie.Clean(ShortlistCookie.Read(context.Request).Concat(shared.Select(s => s.Slug)));
            ShortlistCookie.Write(context.Response, slugs);
            return Results.Redirect(context.PathToPage(Page));
        }).WithName(Import);
        group.MapGet("/export.csv", async (HttpContext context, AppDbContext db, TaxonomyCatalog taxonomy, ProfileAddress profiles, IStringLocalizer<SharedResource> text) =>
        {
            var shared = context.Request.Query["e"];
            var slugs = shared.Count > 0 ? ShortlistCookie.Clean(shared) : ShortlistCookie.Read(context.Request);
            var entries = await ShortlistEntries.LoadAsync(db, taxonomy, slugs, context.RequestAborted);
            var site = PublicAddress.Of(context);
            return Results.File(ToCsv(entries, slug => site + profiles.Path(slug)), "text/csv; charset=utf-8", text["Shortlist.FileName"]);
        }).WithName(Export);
    }

    private static readonly string[] Header =
        ["nom", "raison_sociale", "ridet", "activite_principale", "autres_activites", "commune", "effectif", "site_web", "email", "telephone", "fiche"];

    /// <summary>The French Excel variant (buyers open it in a spreadsheet); column names are stable, French like the site.</summary>
    internal static byte[] ToCsv(IReadOnlyList<ShortlistEntry> entries, Func<string, string> profileUrl) =>
        CsvFile.Write(
            entries.Select(e => (IEnumerable<string?>)[e.Name, e.LegalName, e.Ridet, e.PrimaryActivity, string.Join(" | ", e.Activities), e.Commune, e.SizeBand, e.Website, e.Email, e.Phone, profileUrl(e.Slug)])
                .Prepend(Header),
            excel: true);

    private static IResult Answer(HttpContext context, List<string> slugs, string? slug, bool full, string? returnUrl)
    {
        var wantsJson = context.Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);
        return wantsJson
            ? Results.Json(new ShortlistState(slugs.Count, slug is not null && slugs.Contains(slug), full))
            : Results.LocalRedirect(full ? context.PathToPage(Page) : LocalUrl.OrHome(context, returnUrl));
    }
}
