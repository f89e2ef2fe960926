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
    BadRadius = 8,
    NearNotInStatistics = 9,
    BadView = 10,
}

/// <summary>How <c>/recherche</c> shows its results: a list of cards, or a map of the communes.</summary>
public enum SearchView
{
    List = 0,
    Map = 1,
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

    /// <summary>A commune code: the companies near it (<see cref="SearchRequest.Near"/>), within <see cref="Radius"/>.</summary>
    public const string Near = "proche";

    /// <summary>Kilometres around <see cref="Near"/>: one of <see cref="Proximity.RadiiKm"/>, 25 when not given.</summary>
    public const string Radius = "rayon";

    /// <summary>The page's view (<see cref="SearchView"/>): absent for the list, <c>carte</c> for the map. The API has none.</summary>
    public const string View = "vue";

    public const string MapView = "carte";

    public const string ListView = "liste";

    /// <summary>"Search the words as typed": no spelling correction (<see cref="SearchRequest.ExactSpelling"/>), the value 1.</summary>
    public const string AsTyped = "sans_correction";

    /// <summary>Results per page: the API's only (the site shows <see cref="SearchRequest.DefaultPageSize"/>).</summary>
    public const string PageSize = "par_page";

    /// <summary>Values beyond this many in one parameter are ignored: it bounds the work of a query.</summary>
    public const int MaxValuesPerParameter = 30;

    public const int EarliestYear = 1850;

    /// <summary>The pages a visitor can reach at the default page size.</summary>
    public static int MaxPage => SearchRequest.MaxResultWindow / SearchRequest.DefaultPageSize;

    private static readonly IReadOnlyList<(SearchSort Sort, string Value)> Sorts =
    [
        (SearchSort.Relevance, "pertinence"),
        (SearchSort.Name, "nom"),
        (SearchSort.Newest, "nouveautes"),
        (SearchSort.RecentlyUpdated, "mises-a-jour"),
    ];

    public static IEnumerable<SearchSort> AllSorts => Sorts.Select(s => s.Sort);

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
        IReadOnlyList<string> Codes(FacetDefinition facet)
        {
            var parameter = facet.Parameter;
            var given = values.GetValueOrDefault(parameter) ?? [];
            var kept = new List<string>();
            foreach (var raw in given.Select(v => Clean(v).Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal))
            {
                if (kept.Count == MaxValuesPerParameter)
                {
                    notices.Add(new SearchNotice(SearchNoticeKind.TooManyValues, parameter, MaxValuesPerParameter.ToString(CultureInfo.InvariantCulture)));
                    break;
                }
                if (facet.Canonical(raw, taxonomy) is { } code)
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

        // Control characters become spaces before trimming, so that the text read back from its canonical form is the same.
        var text = Clean(string.Join(' ', values.GetValueOrDefault(Text) ?? [])).Trim();
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

        string? near = null;
        var radius = Proximity.DefaultRadiusKm;
        if (First(values, Near) is { } nearValue)
        {
            near = FacetCatalog.Commune.Canonical(nearValue, taxonomy);
            if (near is null)
            {
                notices.Add(new SearchNotice(SearchNoticeKind.UnknownCode, Near, Shorten(nearValue)));
            }
        }
        // Without a commune the radius means nothing (the site's form always sends one): it is left out.
        if (near is not null && First(values, Radius) is { } radiusValue)
        {
            if (int.TryParse(radiusValue, NumberStyles.None, CultureInfo.InvariantCulture, out var km) && Proximity.IsOfferedRadius(km))
            {
                radius = km;
            }
            else
            {
                notices.Add(new SearchNotice(SearchNoticeKind.BadRadius, Radius, Shorten(radiusValue)));
            }
        }

        var request = new SearchRequest
        {
            Text = text.Length == 0 ? null : text,
            Near = near,
            RadiusKm = radius,
            FoundedFrom = from,
            FoundedTo = to,
            Sort = sort,
            Page = page,
            ExactSpelling = First(values, AsTyped) is "1" or "oui" or "true",
        };
        foreach (var facet in FacetCatalog.All)
        {
            request = request.WithFacet(facet.Name, Codes(facet));
        }
        return new ParsedSearch(request, notices);
    }

    /// <summary>The view asked for (<see cref="View"/>): an unknown value gives the list, with a notice.</summary>
    public static SearchView ParseView(IEnumerable<KeyValuePair<string, StringValues>> query, ICollection<SearchNotice> notices)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(notices);
        var value = query.Where(p => string.Equals(p.Key, View, StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value).OfType<string>().Select(v => v.Trim()).FirstOrDefault(v => v.Length > 0);
        if (value is null || string.Equals(value, ListView, StringComparison.OrdinalIgnoreCase))
        {
            return SearchView.List;
        }
        if (string.Equals(value, MapView, StringComparison.OrdinalIgnoreCase))
        {
            return SearchView.Map;
        }
        notices.Add(new SearchNotice(SearchNoticeKind.BadView, View, Shorten(Clean(value))));
        return SearchView.List;
    }

    /// <summary>
    /// Whether a query string holds what a link would not write: an empty parameter (a plain form sends every field,
    /// filled or not), the default sort, page 1, the default radius or a radius without a commune. The pages that read
    /// a search then answer with the address a link has.
    /// </summary>
    public static bool HasEmptyOrDefault(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pairs = query.ToList();
        var hasNear = pairs.Any(p => p.Key == Near && !p.Value.All(string.IsNullOrWhiteSpace));
        return pairs.Any(p => p.Value.All(string.IsNullOrWhiteSpace)
            || (p.Key == Sort && p.Value == SortValue(SearchSort.Relevance))
            || (p.Key == Page && p.Value == "1")
            || (p.Key == Radius && (!hasNear || p.Value == DefaultRadius))
            || (p.Key == View && p.Value == ListView));
    }

    private static readonly string DefaultRadius = Proximity.DefaultRadiusKm.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The canonical query string of a search (with its leading <c>?</c>, or empty for the empty search); in the map
    /// view, <c>vue=carte</c> last and no page (the map shows every result).
    /// </summary>
    public static string ToQueryString(SearchRequest request, SearchView view = SearchView.List)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pairs = new List<(string, string)>();
        if (!string.IsNullOrWhiteSpace(request.Text))
        {
            pairs.Add((Text, request.Text));
        }
        foreach (var facet in FacetCatalog.All)
        {
            pairs.AddRange(request.Selected(facet.Name).Select(code => (facet.Parameter, code)));
        }
        if (request.Near is { } near)
        {
            pairs.Add((Near, near));
            if (request.RadiusKm != Proximity.DefaultRadiusKm)
            {
                pairs.Add((Radius, request.RadiusKm.ToString(CultureInfo.InvariantCulture)));
            }
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
        if (request.ExactSpelling && !string.IsNullOrWhiteSpace(request.Text))
        {
            pairs.Add((AsTyped, "1"));
        }
        if (request.Page > 1 && view == SearchView.List)
        {
            pairs.Add((Page, request.Page.ToString(CultureInfo.InvariantCulture)));
        }
        if (view == SearchView.Map)
        {
            pairs.Add((View, MapView));
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

    /// <summary>The same search without the commune to be near, back on the first page.</summary>
    public static SearchRequest WithoutNear(this SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request with { Near = null, RadiusKm = Proximity.DefaultRadiusKm, Page = 1 };
    }

    /// <summary>The same text and sort without any filter.</summary>
    public static SearchRequest WithoutFilters(this SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new SearchRequest { Text = request.Text, Sort = request.Sort };
    }

    private static string? First(Dictionary<string, List<string>> values, string parameter) =>
        values.GetValueOrDefault(parameter)?.Select(v => v.Trim()).FirstOrDefault(v => v.Length > 0);

    /// <summary>Control characters (NUL, line breaks…) have no place in a search and are replaced by spaces.</summary>
    private static string Clean(string value) =>
        value.Any(char.IsControl) ? new string([.. value.Select(c => char.IsControl(c) ? ' ' : c)]) : value;

    /// <summary>What is echoed back in a notice: enough to recognise, never a wall of text.</summary>
    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
