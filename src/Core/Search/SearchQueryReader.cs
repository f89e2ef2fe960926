namespace AnnuaireFiliere.Core.Search;

/// <summary>
/// A search page's query string read as that page reads it (<c>/recherche</c>: its parameters, codes and defaults).
/// The reading lives with the page, in Web (<c>SearchParameters</c>); what runs a stored search later (saved searches'
/// alerts) reads it through this seam, so that both always agree.
/// </summary>
public interface ISearchQueryReader
{
    /// <summary>The search of <paramref name="query"/> (with or without its <c>?</c>); never throws.</summary>
    SearchQueryReading Read(string? query);
}

/// <summary>
/// A query string read: the request (first page), its canonical form (without <c>?</c> nor page: the same search
/// always has the same text), and whether something in it was not understood (an unknown code, a bad number…).
/// </summary>
public sealed record SearchQueryReading(SearchRequest Request, string Canonical, bool HasUnknownParts);
