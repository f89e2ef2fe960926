using AnnuaireFiliere.Core.Search;

namespace AnnuaireFiliere.Core.Indexing;

/// <summary>Where the index is: its cursor in the task log (stored with the index) and what it holds.</summary>
public sealed record IndexState(long Cursor, bool Initialized, long Documents)
{
    /// <summary>
    /// The <see cref="SynonymCatalog.IndexStamp"/> of the rules the index was last rebuilt with (stored with the
    /// cursor); null for an index built before it was stored, which was built with <see cref="SynonymCatalog.Default"/>.
    /// </summary>
    public string? SynonymStamp { get; init; }

    /// <summary>The stamp of the rules the documents were built with.</summary>
    public string BuiltWithSynonyms => SynonymStamp ?? SynonymCatalog.Default.IndexStamp;
}

/// <summary>
/// Another process writes the index (only one writer at a time: the embedded site, or the Indexer).
/// </summary>
public sealed class IndexLockedException(string path, Exception inner)
    : InvalidOperationException($"L'index de recherche {path} est déjà ouvert en écriture par un autre processus (le site web en mode intégré ?). Arrêtez-le, ou utilisez un autre dossier de données.", inner);

/// <summary>
/// The writing side of a search engine. A cluster that cannot answer now surfaces as
/// <see cref="SearchUnavailableException"/>, whichever engine runs. Every write is idempotent (upsert or delete by company id) and a stale
/// version never replaces a newer one; the cursor is stored with the index in the same commit as the documents.
/// </summary>
public interface ISearchIndex
{
    Task<IndexState> GetStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Upserts and deletes, then commits them together with the new <paramref name="cursor"/>.</summary>
    Task ApplyAsync(IReadOnlyList<CompanyDocument> upserts, IReadOnlyList<Guid> deletes, long cursor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the whole content; searches see the old content until the new one is complete. The synonym rules
    /// are read once, at the start, and their <see cref="SynonymCatalog.IndexStamp"/> stored with the cursor.
    /// </summary>
    Task RebuildAsync(IAsyncEnumerable<CompanyDocument> documents, long cursor, CancellationToken cancellationToken = default);

    /// <summary>Every document's company id and version, for verification.</summary>
    Task<IReadOnlyDictionary<Guid, int>> ListVersionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Which engine and where, for people reading a command's output ("Lucene (…/index/v5)").</summary>
    Task<string> DescribeAsync(CancellationToken cancellationToken = default);
}
