using AnnuaireFiliere.Core.Search;

namespace AnnuaireFiliere.Search.Elasticsearch.Tests;

/// <summary>
/// The requests the canned answers (<c>Canned/*.json</c>) answer, on the conformance companies: the tests send
/// these, and <see cref="CannedRecordingTests"/> asks them of a real cluster to refresh the answers. Besides these:
/// mapping, health (of the alias), health-no-index and bulk-delete-missing-index (a delete through an alias that
/// does not exist), and expensive-queries-refused (written from Elasticsearch's source, not recorded).
/// </summary>
internal static class CannedRequests
{
    /// <summary>search-filtered: a word in twelve companies, six of them in Nouméa.</summary>
    public static readonly SearchRequest Filtered = new() { Text = "informatique ", Communes = ["98818"] };

    /// <summary>search-empty: a word no company has (the one of <see cref="Misspelt"/>).</summary>
    public static readonly SearchRequest Empty = new() { Text = "fbires " };

    /// <summary>search-fibre: the search "did you mean" makes of its correction before proposing it (one hit).</summary>
    public static readonly SearchRequest Corrected = new() { Text = "fibre ", PageSize = 1 };

    /// <summary>known-words: the vocabulary look-up of "resau informatique" (unknown, then known).</summary>
    public static readonly string[] KnownWords = ["resau", "informatique"];

    /// <summary>spelling: the term suggester's candidates for a word no company has.</summary>
    public static readonly string[] Misspelt = ["fbires"];

    /// <summary>suggest: autocomplete of "fi" (a company's word "films", skills Fibre optique and Figma).</summary>
    public const string SuggestPrefix = "fi";

    public static IEnumerable<(string Name, SearchRequest Request)> Searches =>
        [("search-filtered", Filtered), ("search-empty", Empty), ("search-fibre", Corrected)];
}
