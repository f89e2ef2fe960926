using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Features.Companies;
using AnnuaireFiliere.Web.Features.Search;
using AnnuaireFiliere.Web.Features.Maps;
using AnnuaireFiliere.Web.Features.Shortlist;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Search;

/// <summary>
/// <c>/recherche</c>: the query string is the whole state. A plain GET renders the page; a request from the
/// page's own script (<c>HX-Request</c>) gets only the results zone, which the script swaps in place.
/// </summary>
public sealed class SearchModel(ICompanySearch search, TaxonomyCatalog taxonomy, TimeProvider clock, AppDbContext db) : PageModel
{
    /// <summary>At most this many "remove this filter" proposals are counted for a search without results.</summary>
    public const int MaxRelaxations = 6;

    /// <summary>A filter to remove (or the text to drop) and how many companies the search would then find.</summary>
    public sealed record Relaxation(string Facet, string? Code, string Label, long Total, string Url);

    public SearchRequest Query { get; private set; } = new();

    public SearchResult Result { get; private set; } = new();

    public IReadOnlyList<SearchNotice> Notices { get; private set; } = [];

    public IReadOnlyList<Relaxation> Relaxations { get; private set; } = [];

    /// <summary>A commune near the one searched, where the same search finds companies.</summary>
    public sealed record NearbyCommune(string Name, int Km, long Total, string Url);

    public const int MaxNearby = 3;

    /// <summary>For a search in a commune that finds nothing: the nearest communes where it would find companies.</summary>
    public IReadOnlyList<NearbyCommune> Nearby { get; private set; } = [];

    public IReadOnlySet<string> Selection { get; private set; } = new HashSet<string>();

    public TaxonomyCatalog Taxonomy => taxonomy;

    /// <summary>True when only the results zone is rendered (in-place update).</summary>
    public bool OnlyResults { get; private set; }

    public int PageCount => (int)Math.Min(SearchParameters.MaxPage, (Result.Total + SearchRequest.DefaultPageSize - 1) / SearchRequest.DefaultPageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var parsed = SearchParameters.Parse(Request.Query, taxonomy, clock);
        var notices = parsed.Notices.ToList();
        View = SearchParameters.ParseView(Request.Query, notices);
        Query = View == SearchView.Map ? parsed.Request with { Page = 1 } : parsed.Request;
        Notices = notices;
        OnlyResults = Request.Headers.ContainsKey("HX-Request") && !Request.Headers.ContainsKey("HX-History-Restore-Request");
        if (!OnlyResults && Notices.Count == 0 && SearchParameters.HasEmptyOrDefault(Request.Query))
        {
            // A plain form post sends every field, empty or not: answer with the address a link would have.
            return Redirect(Link(Query));
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // The map needs the counts per commune, not the cards: one hit is enough (and spares the snippets).
        Result = await search.SearchAsync(View == SearchView.Map ? Query with { PageSize = 1 } : Query, cancellationToken);
        if (Result.Hits.Count == 0 && Result.Total > 0 && Query.Page > 1)
        {
            // A page past the end (page=40 of 3): show the last one rather than an empty list.
            Query = Query with { Page = PageCount };
            Result = await search.SearchAsync(Query, cancellationToken);
        }
        Moderation.SearchCounting.CountSearch(HttpContext, Query, Result.Total);
        if (Result.Total == 0)
        {
            Relaxations = await RelaxationsAsync(cancellationToken);
            Nearby = NearbyCommunes();
        }
        // Time spent in the search engine, for browsers' developer tools and the benchmark (what the rest of the page costs).
        Response.Headers["Server-Timing"] = FormattableString.Invariant($"search;dur={System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0}, engine;dur={Result.Elapsed.TotalMilliseconds:0.0}");
        Selection = ShortlistCookie.Read(Request).ToHashSet(StringComparer.Ordinal);
        _logos = await CompanyLogos.OfAsync(db, [.. Result.Hits.Select(h => h.Slug)], cancellationToken);
        Response.Headers.Vary = "HX-Request";
        return Page();
    }

    /// <summary>The list of cards, or the map of the communes (<c>vue=carte</c>).</summary>
    public SearchView View { get; private set; }

    /// <summary>This page for another search, in the same view: the page's path (with the path base) and the search as a query string.</summary>
    public string Link(SearchRequest request) => Link(request, View);

    /// <summary>This page for another search in the view given.</summary>
    public string Link(SearchRequest request, SearchView view) => (_path ??= Url.Page("/Search/Index")) + SearchParameters.ToQueryString(request, view);

    /// <summary>
    /// The map's communes: each with the number of companies the search finds there (the commune facet, whose counts
    /// ignore the commune filter itself) and a link to them, in the list.
    /// </summary>
    public CommuneMapView Map(Microsoft.Extensions.Localization.IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var facet = Result.Facets.FirstOrDefault(f => f.Name == FacetNames.Commune);
        var points = (facet?.Values ?? []).Where(v => v.Count > 0).OrderByDescending(v => v.Count).ThenBy(v => v.Label, StringComparer.CurrentCulture)
            .Select(v => new MapPoint(v.Code, taxonomy.FindCommune(v.Code)?.Name ?? v.Label, v.Count, v.Count.ToString("N0", System.Globalization.CultureInfo.CurrentCulture),
                Link(Query.WithFacet(FacetNames.Commune, [v.Code]) with { Page = 1 }, SearchView.List), v.Selected))
            .ToList();
        return new CommuneMapView("carte-resultats", text["Search.Map.Title"], text["Search.Map.Description"], points);
    }

    private string? _path;

    private IReadOnlyDictionary<string, string> _logos = new Dictionary<string, string>();

    /// <summary>The stored logo file of a company found, if it has one (the cards show it, or its initials).</summary>
    public string? LogoOf(string slug) => _logos.GetValueOrDefault(slug);

    public string Label(string facet, string code) => FacetCatalog.Get(facet).LabelOf(code, taxonomy);

    /// <summary>The text as the search read it: each unknown word replaced by the word it was read as.</summary>
    public string CorrectedText => Corrected(Query.Text, Result.Corrections);

    /// <summary>
    /// The same search without the words that named a place (the "près de …" criterion removed): the place then no
    /// longer ranks, and its name is searched as a word no more.
    /// </summary>
    public string LinkWithoutPlace(string place) => Link(WithoutPlace(place));

    /// <summary>
    /// For a commune named in the text, when no commune to be near is chosen: the same search without its name, only
    /// the companies within <see cref="Proximity.DefaultRadiusKm"/> km of it (or working there). Null for another place.
    /// </summary>
    public string? LinkNearPlace(string place)
    {
        if (Query.Near is not null
            || TextQueryPlan.Parse(Query.Text, SynonymCatalog.Default).Places.FirstOrDefault(p => p.Label == place) is not { Communes: [var commune], Provinces: [] })
        {
            return null;
        }
        return Link(WithoutPlace(place) with { Near = commune, RadiusKm = Proximity.DefaultRadiusKm });
    }

    private static readonly HashSet<string> PlaceLeadWords = new(["pres", "de", "d", "du", "a", "au", "autour", "vers", "sur", "dans", "proche", "proximite", "region", "secteur", "cote"], StringComparer.Ordinal);

    private SearchRequest WithoutPlace(string place)
    {
        var words = TextQueryPlan.Parse(Query.Text, SynonymCatalog.Default).Places.Where(p => p.Label == place).SelectMany(p => p.Words).ToHashSet(StringComparer.Ordinal);
        bool Named(string w) => FrenchTextAnalyzer.Folding.Terms(w) is { Count: > 0 } terms && terms.All(words.Contains);
        var kept = new List<string>();
        foreach (var w in (Query.Text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Named(w))
            {
                kept.Add(w);
                continue;
            }
            // "près de Koné", "à Koné": the words that led to the place go with it.
            while (kept.Count > 0 && FrenchTextAnalyzer.Folding.Terms(kept[^1]) is [var before] && PlaceLeadWords.Contains(before))
            {
                kept.RemoveAt(kept.Count - 1);
            }
        }
        var text = string.Join(' ', kept);
        return Query with { Text = text.Length == 0 ? null : text, Page = 1 };
    }

    /// <summary>The criterion "within 25 km of Koné", as the chip and the relaxations say it.</summary>
    public string NearLabel(IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text["Search.NearChip", Query.RadiusKm, Query.Near is { } near ? Label(FacetNames.Commune, near) : string.Empty].Value;
    }

    /// <summary>The hits with every word, then those that lack some (when the search widened).</summary>
    public (IReadOnlyList<SearchHit> Complete, IReadOnlyList<SearchHit> Partial) HitsByCompleteness =>
        (Result.Hits.Where(h => h.MissingWords.Count == 0).ToList(), Result.Hits.Where(h => h.MissingWords.Count > 0).ToList());

    private static string Corrected(string? text, IReadOnlyList<SpellingCorrection> corrections)
    {
        var byWord = corrections.ToDictionary(c => c.Typed, c => c.Corrected, StringComparer.Ordinal);
        return string.Join(' ', (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => FrenchTextAnalyzer.Folding.Terms(w) is [var folded] && byWord.TryGetValue(folded, out var corrected) ? corrected : w));
    }

    /// <summary>The INSEE size band of a company ("3 à 5 salariés"), finer than the facet's bands.</summary>
    public string? SizeLabel(string? code) => FacetCatalog.SizeLabel(code, taxonomy);

    private List<NearbyCommune> NearbyCommunes()
    {
        var selected = Query.Communes.Select(taxonomy.FindCommune).OfType<Core.Taxonomy.Commune>().ToList();
        if (selected.Count == 0 || Result.Facets.FirstOrDefault(f => f.Name == FacetNames.Commune) is not { } facet)
        {
            return [];
        }
        // The commune facet's counts ignore the commune filter itself: they are what each other commune would give.
        var counts = facet.Values.Where(v => v.Count > 0).ToDictionary(v => v.Code, v => v.Count, StringComparer.Ordinal);
        return [.. selected.SelectMany(from => taxonomy.NearestCommunes(from))
            .Where(n => counts.ContainsKey(n.Commune.Code) && !Query.Communes.Contains(n.Commune.Code))
            .OrderBy(n => n.Km)
            .DistinctBy(n => n.Commune.Code)
            .Take(MaxNearby)
            .Select(n => new NearbyCommune(n.Commune.Name, (int)Math.Round(n.Km), counts[n.Commune.Code],
                Link(Query.WithFacet(FacetNames.Commune, [n.Commune.Code]) with { Page = 1 })))];
    }

    /// <summary>For a search that finds nothing: each selected filter (and the text) dropped in turn, with the count it would give.</summary>
    private async Task<IReadOnlyList<Relaxation>> RelaxationsAsync(CancellationToken cancellationToken)
    {
        var candidates = new List<(string Facet, string? Code, SearchRequest Request)>();
        if (Query.Text is not null && Query.HasFilters)
        {
            candidates.Add(("q", null, Query with { Text = null, Page = 1 }));
        }
        foreach (var facet in FacetCatalog.Names)
        {
            candidates.AddRange(Query.Selected(facet).Select(code => (facet, (string?)code, Query.Toggle(facet, code))));
        }
        if (Query.FoundedFrom is not null || Query.FoundedTo is not null)
        {
            candidates.Add((FacetNames.FoundingYear, null, Query with { FoundedFrom = null, FoundedTo = null, Page = 1 }));
        }
        if (Query.Near is not null)
        {
            candidates.Add((SearchParameters.Near, null, Query.WithoutNear()));
        }
        var relaxations = new List<Relaxation>();
        foreach (var (facet, code, relaxed) in candidates.Take(MaxRelaxations))
        {
            var total = (await search.SearchAsync(relaxed with { PageSize = 1 }, cancellationToken)).Total;
            if (total > 0)
            {
                relaxations.Add(new Relaxation(facet, code, code is null ? facet : Label(facet, code), total, Link(relaxed)));
            }
        }
        return [.. relaxations.OrderByDescending(r => r.Total)];
    }
}
