using System.Collections.Immutable;

namespace AnnuaireFiliere.Core.Search;

/// <summary>How results are ordered.</summary>
public enum SearchSort
{
    Relevance = 0,
    Name = 1,
    Newest = 2,
    RecentlyUpdated = 3,
}

/// <summary>
/// A buyer's search: free text plus filters. Within one filter the values are alternatives (OR); different
/// filters must all hold (AND). Codes come from the taxonomy (see <see cref="FacetNames"/> for each filter).
/// </summary>
public sealed record SearchRequest
{
    public const int MaxPageSize = 50;
    public const int DefaultPageSize = 20;

    /// <summary>The deepest result a search may page to (page × page size).</summary>
    public const int MaxResultWindow = 10_000;

    /// <summary>Longer input is cut: nobody types more, and it bounds the work of a query.</summary>
    public const int MaxTextLength = 200;

    private ImmutableDictionary<string, IReadOnlyList<string>> _filters = ImmutableDictionary.Create<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    public string? Text { get; init; }

    // Shorthands for the facets of FacetCatalog; any facet is reached with Selected and WithFacet.
    public IReadOnlyList<string> Sectors { get => Selected(FacetNames.Sector); init => _filters = With(FacetNames.Sector, value); }
    public IReadOnlyList<string> Activities { get => Selected(FacetNames.Activity); init => _filters = With(FacetNames.Activity, value); }
    public IReadOnlyList<string> Provinces { get => Selected(FacetNames.Province); init => _filters = With(FacetNames.Province, value); }
    public IReadOnlyList<string> Communes { get => Selected(FacetNames.Commune); init => _filters = With(FacetNames.Commune, value); }

    /// <summary>Size facet bands: <c>0</c>, <c>1-9</c>, <c>10-49</c>, <c>50-249</c>, <c>250+</c>.</summary>
    public IReadOnlyList<string> SizeBands { get => Selected(FacetNames.SizeBand); init => _filters = With(FacetNames.SizeBand, value); }
    public IReadOnlyList<string> LegalForms { get => Selected(FacetNames.LegalForm); init => _filters = With(FacetNames.LegalForm, value); }

    /// <summary>E-commerce capabilities (<see cref="ECommerceCapabilities"/>).</summary>
    public IReadOnlyList<string> ECommerce { get => Selected(FacetNames.ECommerce); init => _filters = With(FacetNames.ECommerce, value); }
    public IReadOnlyList<string> Languages { get => Selected(FacetNames.Language); init => _filters = With(FacetNames.Language, value); }
    public IReadOnlyList<string> Labels { get => Selected(FacetNames.Label); init => _filters = With(FacetNames.Label, value); }

    /// <summary>Services of the catalogue (<see cref="Taxonomy.TaxonomyCatalog.Services"/> codes).</summary>
    public IReadOnlyList<string> Services { get => Selected(FacetNames.Service); init => _filters = With(FacetNames.Service, value); }

    public int? FoundedFrom { get; init; }
    public int? FoundedTo { get; init; }

    /// <summary>
    /// A commune code: only the companies located within <see cref="RadiusKm"/> of it, or whose service area covers
    /// it (<see cref="Proximity"/>). It holds for every facet's counts too (the commune facet then counts the
    /// communes near it), like the text: it is not one of the facets' alternatives.
    /// </summary>
    public string? Near { get; init; }

    /// <summary>The distance of <see cref="Near"/>, between the communes' centres, in kilometres.</summary>
    public int RadiusKm { get; init; } = Proximity.DefaultRadiusKm;

    public SearchSort Sort { get; init; } = SearchSort.Relevance;

    /// <summary>Search the words as typed: no spelling correction, no typo tolerance ("search instead for…").</summary>
    public bool ExactSpelling { get; init; }

    /// <summary>1-based page number.</summary>
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>The selected values of a facet by its name (<see cref="FacetCatalog"/>).</summary>
    public IReadOnlyList<string> Selected(string facet) => _filters.TryGetValue(facet, out var codes) ? codes : [];

    /// <summary>The same request with the values of one facet replaced.</summary>
    public SearchRequest WithFacet(string facet, IReadOnlyList<string> codes)
    {
        _ = FacetCatalog.Get(facet); // an unknown facet throws
        return this with { _filters = With(facet, codes) };
    }

    /// <summary>True when a facet, the founding years or a commune to be near narrow the search.</summary>
    public bool HasFilters => !_filters.IsEmpty || FoundedFrom is not null || FoundedTo is not null || Near is not null;

    private ImmutableDictionary<string, IReadOnlyList<string>> With(string facet, IReadOnlyList<string>? codes) =>
        codes is null || codes.Count == 0 ? _filters.Remove(facet) : _filters.SetItem(facet, codes);

    /// <summary>The same request with page and page size brought within bounds.</summary>
    public SearchRequest Normalized() => this with
    {
        Page = Math.Max(1, Page),
        PageSize = Math.Clamp(PageSize, 1, MaxPageSize),
        Text = Text is { Length: > MaxTextLength } ? Text[..MaxTextLength] : Text,
    };
}

/// <summary>Names of the facets, used in requests, results and index fields; each is described in <see cref="FacetCatalog"/>.</summary>
public static class FacetNames
{
    public const string Sector = "sector";
    public const string Activity = "activity";
    public const string Province = "province";
    public const string Commune = "commune";
    public const string SizeBand = "size";
    public const string LegalForm = "legalform";
    public const string ECommerce = "ecommerce";
    public const string Language = "language";
    public const string Label = "label";
    public const string Service = "service";
    public const string FoundingYear = "year";

}

/// <summary>Codes of the e-commerce capabilities a buyer can filter on.</summary>
public static class ECommerceCapabilities
{
    public const string SellsOnline = "vente-en-ligne";
    public const string OwnShop = "boutique";
    public const string Marketplaces = "places-de-marche";
    public const string OnlinePayment = "paiement-en-ligne";
    public const string DeliversTerritory = "livraison";
    public const string DeliversIslands = "livraison-iles";
    public const string B2B = "b2b";
    public const string B2C = "b2c";

    public static readonly string[] All = [SellsOnline, OwnShop, Marketplaces, OnlinePayment, DeliversTerritory, DeliversIslands, B2B, B2C];
}

public sealed record SearchResult
{
    public long Total { get; init; }
    public IReadOnlyList<SearchHit> Hits { get; init; } = [];

    /// <summary>Every facet of <see cref="FacetCatalog.All"/>; sectors carry their activities, provinces their communes.</summary>
    public IReadOnlyList<Facet> Facets { get; init; } = [];

    /// <summary>Founding years present in the results (disjunctive: ignores the year range).</summary>
    public int? MinFoundingYear { get; init; }
    public int? MaxFoundingYear { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>A corrected text that would find companies, when this one finds none.</summary>
    public string? DidYouMean { get; init; }

    /// <summary>Words typed that no company has, set aside so that the others find something.</summary>
    public IReadOnlyList<string> SetAside { get; init; } = [];

    /// <summary>
    /// When the search widened because every word found too little: how many companies have every word (they come
    /// first; the others lack some, see <see cref="SearchHit.MissingWords"/>). Null when every hit has every word.
    /// </summary>
    public long? ExactTotal { get; init; }

    /// <summary>Words the index does not know, read as the closest word it knows.</summary>
    public IReadOnlyList<SpellingCorrection> Corrections { get; init; } = [];

    /// <summary>Places named in the text (communes, provinces, "Grand Nouméa"): their companies rank first.</summary>
    public IReadOnlyList<string> Places { get; init; } = [];

    /// <summary>True when the page asked for lies beyond <see cref="SearchRequest.MaxResultWindow"/>.</summary>
    public bool BeyondResultWindow { get; init; }

    public Facet Facet(string name) => Facets.First(f => f.Name == name);
}

public sealed record SearchHit
{
    public required Guid Id { get; init; }
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public string? LegalName { get; init; }

    /// <summary>Primary activity first.</summary>
    public IReadOnlyList<string> ActivityCodes { get; init; } = [];
    public required string CommuneCode { get; init; }
    public string? SizeBandCode { get; init; }
    public IReadOnlyList<string> ECommerce { get; init; } = [];

    /// <summary>An extract with the matched words in <c>&lt;mark&gt;</c>; everything else is HTML-encoded.</summary>
    public string? SnippetHtml { get; init; }
    public int Version { get; init; }

    /// <summary>When the search widened: the words (as typed) this company does not have.</summary>
    public IReadOnlyList<string> MissingWords { get; init; } = [];

    /// <summary>The engine's own reference to the hit (Lucene's document number), for a second look at it.</summary>
    internal int Doc { get; init; }
}

/// <summary>A word typed (folded) and the word of the index it was read as.</summary>
public sealed record SpellingCorrection(string Typed, string Corrected);

public sealed record Facet(string Name, IReadOnlyList<FacetValue> Values);

public sealed record FacetValue(string Code, string Label, long Count, bool Selected)
{
    public IReadOnlyList<FacetValue> Children { get; init; } = [];
}

public enum SuggestionKind
{
    Company = 0,
    Activity = 1,
    Skill = 2,
    Service = 3,
    Commune = 4,
}

/// <summary>
/// An autocomplete proposal; <see cref="Code"/> is the company slug, the activity code or the commune code.
/// <see cref="Detail"/> tells them apart: a company's commune (its code), a commune's number of companies.
/// </summary>
public sealed record Suggestion(SuggestionKind Kind, string Text, string? Code)
{
    public string? Detail { get; init; }
}

/// <summary>The search engine, whichever it is (Lucene in embedded mode, Elasticsearch when scaled).</summary>
public interface ICompanySearch
{
    Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> (at most 10) proposals for what the user is typing.</summary>
    Task<IReadOnlyList<Suggestion>> SuggestAsync(string? prefix, int max = 10, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every company the text matches, with the same rules as <see cref="SearchAsync"/> (statistics of a text
    /// segment apply their filters themselves).
    /// </summary>
    Task<IReadOnlySet<Guid>> MatchingIdsAsync(string text, CancellationToken cancellationToken = default);
}

/// <summary>
/// The search engine cannot answer now (a remote cluster down or overloaded). Pages answer 503 with a French
/// message and recover by themselves once the engine is back; the indexer retries.
/// </summary>
public sealed class SearchUnavailableException : Exception
{
    public SearchUnavailableException()
    {
    }

    public SearchUnavailableException(string message)
        : base(message)
    {
    }

    public SearchUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
