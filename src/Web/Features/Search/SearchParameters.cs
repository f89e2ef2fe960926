using System.Globalization;
using System.Text;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.Extensions.Primitives;

namespace AnnuaireFiliere.Web.Features.Search;

/// <summary>Why a part of the query string was not used as given.</summary>
public enum SearchNoticeKind
{
    UnknownCode = 0,
    BadPage = 1,
    PageTooFar = 2,
    BadSort = 3,
    BadYear = 4,
    TextShortened = 5,
    TooManyValues = 6,
    UnknownSnapshot = 7,
}

/// <summary>Something the visitor should know about their query string (shown in French or English).</summary>
public sealed record SearchNotice(SearchNoticeKind Kind, string Parameter, string Value);

/// <summary>A search read from a query string, with what had to be set aside.</summary>
public sealed record ParsedSearch(SearchRequest Request, IReadOnlyList<SearchNotice> Notices);

/// <summary>
/// The query string of <c>/recherche</c> (and of the API): it is the whole state of a search, so a link or a
/// bookmark reproduces it. Reading never fails: unknown codes, bad numbers or sorts are dropped with a notice.
/// Writing produces one canonical order, so the same search always has the same address.
/// </summary>
public static class SearchParameters
{
    public const string Text = "q";
    public const string FromYear = "annee_min";
    public const string ToYear = "annee_max";
    public const string Sort = "tri";
    public const string Page = "page";

    /// <summary>Values beyond this many in one parameter are ignored: it bounds the work of a query.</summary>
    public const int MaxValuesPerParameter = 30;

    /// <summary>A free-text value (a label) longer than this is not a label.</summary>
    public const int MaxValueLength = 100;

    public const int EarliestYear = 1850;

    /// <summary>The pages a visitor can reach at the default page size.</summary>
    public static int MaxPage => SearchRequest.MaxResultWindow / SearchRequest.DefaultPageSize;

    /// <summary>Facet name → query parameter, in the order parameters are written.</summary>
    public static readonly IReadOnlyList<(string Facet, string Parameter)> Facets =
    [
        (FacetNames.Sector, "secteur"),
        (FacetNames.Activity, "activite"),
        (FacetNames.Province, "province"),
        (FacetNames.Commune, "commune"),
        (FacetNames.SizeBand, "taille"),
        (FacetNames.LegalForm, "forme"),
        (FacetNames.ECommerce, "ecommerce"),
        (FacetNames.Language, "langue"),
        (FacetNames.Label, "label"),
    ];

    private static readonly IReadOnlyList<(SearchSort Sort, string Value)> Sorts =
    [
        (SearchSort.Relevance, "pertinence"),
        (SearchSort.Name, "nom"),
        (SearchSort.Newest, "nouveautes"),
        (SearchSort.RecentlyUpdated, "mises-a-jour"),
    ];

    public static IEnumerable<SearchSort> AllSorts => Sorts.Select(s => s.Sort);

    public static string ParameterOf(string facet) => Facets.First(f => f.Facet == facet).Parameter;

    public static string SortValue(SearchSort sort) => Sorts.First(s => s.Sort == sort).Value;

    public static ParsedSearch Parse(IEnumerable<KeyValuePair<string, StringValues>> query, TaxonomyCatalog taxonomy, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(clock);
        // Parameter names are matched without regard to case, as ASP.NET Core does for its own binding.
        var values = query
            .GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.SelectMany(p => p.Value).OfType<string>().ToList(), StringComparer.OrdinalIgnoreCase);
        var notices = new List<SearchNotice>();
        IReadOnlyList<string> Codes(string facet)
        {
            var parameter = ParameterOf(facet);
            var given = values.GetValueOrDefault(parameter) ?? [];
            var kept = new List<string>();
            foreach (var raw in given.Select(v => Clean(v).Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal))
            {
                if (kept.Count == MaxValuesPerParameter)
                {
                    notices.Add(new SearchNotice(SearchNoticeKind.TooManyValues, parameter, MaxValuesPerParameter.ToString(CultureInfo.InvariantCulture)));
                    break;
                }
                if (Canonical(facet, raw, taxonomy) is { } code)
                {
                    kept.Add(code);
                }
                else
                {
                    notices.Add(new SearchNotice(SearchNoticeKind.UnknownCode, parameter, Shorten(raw)));
                }
            }
            return kept;
        }

        var text = string.Join(' ', values.GetValueOrDefault(Text) ?? []).Trim();
        text = Clean(text);
        if (text.Length > SearchRequest.MaxTextLength)
        {
            notices.Add(new SearchNotice(SearchNoticeKind.TextShortened, Text, SearchRequest.MaxTextLength.ToString(CultureInfo.InvariantCulture)));
            text = text[..SearchRequest.MaxTextLength].TrimEnd();
        }

        var latestYear = clock.GetUtcNow().Year + 1;
        int? Year(string parameter)
        {
            var raw = First(values, parameter);
            if (raw is null)
            {
                return null;
            }
            if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= EarliestYear && year <= latestYear)
            {
                return year;
            }
            notices.Add(new SearchNotice(SearchNoticeKind.BadYear, parameter, Shorten(raw)));
            return null;
        }
        var from = Year(FromYear);
        var to = Year(ToYear);
        if (from > to)
        {
            (from, to) = (to, from);
        }

        var sort = SearchSort.Relevance;
        if (First(values, Sort) is { } sortValue)
        {
            var known = Sorts.FirstOrDefault(s => string.Equals(s.Value, sortValue, StringComparison.OrdinalIgnoreCase));
            if (known.Value is null)
            {
                notices.Add(new SearchNotice(SearchNoticeKind.BadSort, Sort, Shorten(sortValue)));
            }
            else
            {
                sort = known.Sort;
            }
        }

        var page = 1;
        if (First(values, Page) is { } pageValue)
        {
            if (!int.TryParse(pageValue, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1)
            {
                notices.Add(new SearchNotice(SearchNoticeKind.BadPage, Page, Shorten(pageValue)));
                page = 1;
            }
            else if (page > MaxPage)
            {
                notices.Add(new SearchNotice(SearchNoticeKind.PageTooFar, Page, MaxPage.ToString(CultureInfo.InvariantCulture)));
                page = MaxPage;
            }
        }

        var request = new SearchRequest
        {
            Text = text.Length == 0 ? null : text,
            Sectors = Codes(FacetNames.Sector),
            Activities = Codes(FacetNames.Activity),
            Provinces = Codes(FacetNames.Province),
            Communes = Codes(FacetNames.Commune),
            SizeBands = Codes(FacetNames.SizeBand),
            LegalForms = Codes(FacetNames.LegalForm),
            ECommerce = Codes(FacetNames.ECommerce),
            Languages = Codes(FacetNames.Language),
            Labels = Codes(FacetNames.Label),
            FoundedFrom = from,
            FoundedTo = to,
            Sort = sort,
            Page = page,
        };
        return new ParsedSearch(request, notices);
    }

    /// <summary>The canonical query string of a search (with its leading <c>?</c>, or empty for the empty search).</summary>
    public static string ToQueryString(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pairs = new List<(string, string)>();
        if (!string.IsNullOrWhiteSpace(request.Text))
        {
            pairs.Add((Text, request.Text));
        }
        foreach (var (facet, parameter) in Facets)
        {
            pairs.AddRange(request.Selected(facet).Select(code => (parameter, code)));
        }
        if (request.FoundedFrom is { } from)
        {
            pairs.Add((FromYear, from.ToString(CultureInfo.InvariantCulture)));
        }
        if (request.FoundedTo is { } to)
        {
            pairs.Add((ToYear, to.ToString(CultureInfo.InvariantCulture)));
        }
        if (request.Sort != SearchSort.Relevance)
        {
            pairs.Add((Sort, SortValue(request.Sort)));
        }
        if (request.Page > 1)
        {
            pairs.Add((Page, request.Page.ToString(CultureInfo.InvariantCulture)));
        }
        if (pairs.Count == 0)
        {
            return string.Empty;
        }
        var builder = new StringBuilder("?");
        foreach (var (name, value) in pairs)
        {
            if (builder.Length > 1)
            {
                builder.Append('&');
            }
            builder.Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
        return builder.ToString();
    }

    /// <summary>The same search with one facet value added or removed, back on the first page.</summary>
    public static SearchRequest Toggle(this SearchRequest request, string facet, string code)
    {
        ArgumentNullException.ThrowIfNull(request);
        var current = request.Selected(facet);
        IReadOnlyList<string> next = current.Contains(code) ? [.. current.Where(c => c != code)] : [.. current, code];
        return request.WithFacet(facet, next) with { Page = 1 };
    }

    /// <summary>The same text and sort without any filter.</summary>
    public static SearchRequest WithoutFilters(this SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new SearchRequest { Text = request.Text, Sort = request.Sort };
    }

    public static bool HasFilters(this SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return FacetNames.All.Any(f => request.Selected(f).Count > 0) || request.FoundedFrom is not null || request.FoundedTo is not null;
    }

    public static SearchRequest WithFacet(this SearchRequest request, string facet, IReadOnlyList<string> codes)
    {
        ArgumentNullException.ThrowIfNull(request);
        return facet switch
        {
            FacetNames.Sector => request with { Sectors = codes },
            FacetNames.Activity => request with { Activities = codes },
            FacetNames.Province => request with { Provinces = codes },
            FacetNames.Commune => request with { Communes = codes },
            FacetNames.SizeBand => request with { SizeBands = codes },
            FacetNames.LegalForm => request with { LegalForms = codes },
            FacetNames.ECommerce => request with { ECommerce = codes },
            FacetNames.Language => request with { Languages = codes },
            FacetNames.Label => request with { Labels = codes },
            _ => throw new ArgumentOutOfRangeException(nameof(facet), facet, "Unknown facet."),
        };
    }

    /// <summary>The code as the index stores it, or null when the facet has no such value.</summary>
    private static string? Canonical(string facet, string value, TaxonomyCatalog taxonomy) => facet switch
    {
        FacetNames.Sector => taxonomy.FindSector(value)?.Code,
        FacetNames.Activity => taxonomy.FindActivity(value)?.Code,
        FacetNames.Province => taxonomy.FindProvince(value)?.Code,
        FacetNames.Commune => taxonomy.FindCommune(value)?.Code,
        FacetNames.LegalForm => taxonomy.FindLegalForm(value)?.Code,
        FacetNames.Language => taxonomy.FindLanguage(value)?.Code,
        FacetNames.SizeBand => FacetLabels.SizeBandOrder.FirstOrDefault(b => b == value),
        FacetNames.ECommerce => ECommerceCapabilities.All.FirstOrDefault(c => string.Equals(c, value, StringComparison.OrdinalIgnoreCase)),
        FacetNames.Label => value.Length <= MaxValueLength ? value : null,
        _ => null,
    };

    private static string? First(Dictionary<string, List<string>> values, string parameter) =>
        values.GetValueOrDefault(parameter)?.Select(v => v.Trim()).FirstOrDefault(v => v.Length > 0);

    /// <summary>Control characters (NUL, line breaks…) have no place in a search and are replaced by spaces.</summary>
    private static string Clean(string value) =>
        value.Any(char.IsControl) ? new string([.. value.Select(c => char.IsControl(c) ? ' ' : c)]) : value;

    /// <summary>What is echoed back in a notice: enough to recognise, never a wall of text.</summary>
    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
