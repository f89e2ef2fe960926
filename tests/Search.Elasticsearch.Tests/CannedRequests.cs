using AnnuaireFiliere.Core.Search;

namespace AnnuaireFiliere.Search.Elasticsearch.Tests;

/// <summary>
/// The requests the canned answers (<c>Canned/*.json</c>) answer, on the conformance companies: tests send these,
/// and <see cref="CannedRecordingTests"/> asks them of a real cluster to refresh the answers.
/// </summary>
internal static class CannedRequests
{
    /// <summary>search-filtered: a word in six companies of Nouméa, among twelve in all.</summary>
    public static readonly SearchRequest Filtered = new() { Text = "informatique ", Communes = ["98818"] };
}
