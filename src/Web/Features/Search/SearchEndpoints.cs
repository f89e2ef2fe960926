using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Search;

/// <summary><c>GET /recherche/suggestions?q=…</c>: what the search box proposes as the visitor types.</summary>
internal static class SearchEndpoints
{
    public sealed record SuggestionItem(string Kind, string Text, string Url);

    /// <summary>The endpoint's name, for links (<c>Url.Endpoint(SearchEndpoints.Suggestions)</c>).</summary>
    public const string Suggestions = "Recherche.Suggestions";

    public static void MapSearchSuggestions(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/recherche/suggestions", async (ICompanySearch search, Core.Taxonomy.TaxonomyCatalog taxonomy, IStringLocalizer<SharedResource> text, [FromQuery] string? q, HttpContext context) =>
        {
            var prefix = q is { Length: > SearchRequest.MaxTextLength } ? q[..SearchRequest.MaxTextLength] : q;
            var suggestions = await search.SuggestAsync(prefix, 8, context.RequestAborted);
            CacheHeaders.Set(context, TimeSpan.FromSeconds(60));
            var searchPage = context.PathToPage("/Search/Index");
            return Results.Json(suggestions.Select(s => new SuggestionItem(Kind(s), s.Text, s.Kind switch
            {
                SuggestionKind.Company => context.PathToPage(Companies.ProfileAddress.Page, new { slug = s.Code }),
                SuggestionKind.Activity => searchPage + SearchParameters.ToQueryString(new SearchRequest { Activities = [s.Code!] }),
                SuggestionKind.Commune => searchPage + SearchParameters.ToQueryString(new SearchRequest { Communes = [s.Code!] }),
                _ => searchPage + SearchParameters.ToQueryString(new SearchRequest { Text = s.Text }),
            })));

            // What it is, and what tells two apart: a company's commune, a commune's number of companies.
            string Kind(Suggestion s) => s.Kind switch
            {
                SuggestionKind.Company when taxonomy.FindCommune(s.Detail) is { } commune => $"{text["Suggestion.Company"]} · {commune.Label}",
                SuggestionKind.Commune when long.TryParse(s.Detail, out var count) => text[Plural.Key("Suggestion.Commune", count), count.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)],
                _ => text["Suggestion." + s.Kind],
            };
        }).WithName(Suggestions);
}
