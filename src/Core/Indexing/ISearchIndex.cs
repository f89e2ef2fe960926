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
/// The writing side of a search engine. Every write is idempotent (upsert or delete by company id) and a stale
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
}
