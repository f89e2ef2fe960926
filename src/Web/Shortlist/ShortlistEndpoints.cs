using System.Globalization;
using System.Text;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Hosting;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Shortlist;

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
            var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
            return Results.File(ToCsv(entries, baseUrl), "text/csv; charset=utf-8", text["Shortlist.FileName"]);
        });
    }

    /// <summary>
    /// Semicolon-separated UTF-8 with a byte order mark: what Excel in French opens correctly by a double click.
    /// Column names are stable (they are read by people's macros), French like the site. Cells that a spreadsheet
    /// would take for a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>) are escaped.
    /// </summary>
    internal static byte[] ToCsv(IReadOnlyList<ShortlistEntry> entries, string baseUrl)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";", InjectionOptions = InjectionOptions.Escape }))
        {
            foreach (var header in new[] { "nom", "raison_sociale", "ridet", "activite_principale", "autres_activites", "commune", "effectif", "site_web", "email", "telephone", "fiche" })
            {
                csv.WriteField(header);
            }
            csv.NextRecord();
            foreach (var entry in entries)
            {
                csv.WriteField(entry.Name);
                csv.WriteField(entry.LegalName);
                csv.WriteField(entry.Ridet);
                csv.WriteField(entry.PrimaryActivity);
                csv.WriteField(string.Join(" | ", entry.Activities));
                csv.WriteField(entry.Commune);
                csv.WriteField(entry.SizeBand);
                csv.WriteField(entry.Website);
                csv.WriteField(entry.Email);
                csv.WriteField(entry.Phone);
                csv.WriteField($"{baseUrl}/entreprises/{entry.Slug}");
                csv.NextRecord();
            }
        }
        return stream.ToArray();
    }

    private static IResult Answer(HttpContext context, List<string> slugs, string? slug, bool full, string? returnUrl)
    {
        var wantsJson = context.Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);
        return wantsJson
            ? Results.Json(new ShortlistState(slugs.Count, slug is not null && slugs.Contains(slug), full))
            : Results.Redirect(full ? "/ma-selection" : LocalUrl.OrHome(returnUrl));
    }
}
