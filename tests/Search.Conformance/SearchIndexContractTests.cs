using AnnuaireFiliere.Core.Indexing;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Search.Conformance;

/// <summary>
/// The writing side's contract (<see cref="ISearchIndex"/>), the same for every engine: upserts and deletes, stale
/// versions, the cursor stored with the documents, the rebuild that replaces everything. Each engine's test
/// project derives from this class and opens its index on storage of the test's own (a new index for each test).
/// Where the engine under test can also search, what is written is checked through the search too; otherwise
/// through <see cref="ISearchIndex.ListVersionsAsync"/> and <see cref="ISearchIndex.GetStateAsync"/> only. The number of
/// documents is read after <see cref="ISearchIndex.ListVersionsAsync"/>, which makes every write visible: Elasticsearch
/// counts what searches see, about a second after a write.
/// </summary>
public abstract class SearchIndexContractTests : IAsyncLifetime
{
    private static readonly CompanyDocument Model = ConformanceCompanies.Documents(TaxonomyCatalog.Default)[0];
    private ISearchIndex? _index;

    /// <summary>What <see cref="ISearchIndex.DescribeAsync"/> names ("Lucene", "Elasticsearch").</summary>
    protected abstract string Engine { get; }

    /// <summary>
    /// Opens the engine's index on this test's storage: empty and never built on the first call; on a later call
    /// (after <see cref="CloseAsync"/>) the same storage again, as a process that restarts would find it.
    /// </summary>
    protected abstract Task<ISearchIndex> OpenAsync();

    /// <summary>Closes what <see cref="OpenAsync"/> opened.</summary>
    protected virtual ValueTask CloseAsync() => ValueTask.CompletedTask;

    /// <summary>A search over the index last opened, or null where the engine under test does not search.</summary>
    protected virtual ICompanySearch? Search => null;

    /// <summary>Makes what was committed visible to searches (a refresh, where the engine needs one).</summary>
    protected virtual Task RefreshAsync() => Task.CompletedTask;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The cursor, initialisation and count; which synonyms the index was built with has tests of its own.</summary>
    private static void AssertPosition(IndexState expected, IndexState? actual) =>
        Assert.Equal(expected, actual is null ? null : actual with { SynonymStamp = null });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        if (_index is not null)
        {
            await CloseAsync();
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// A company document with a name word of its own (made-up words, far from each other and from French, so that
    /// neither typo tolerance nor spelling correction confuses them).
    /// </summary>
    protected static CompanyDocument Document(int number, int version, string word) => Model with
    {
        Id = new Guid($"0000c0de-0000-7000-8000-{number:000000000000}"),
        Version = version,
        Slug = $"{word}-{number}",
        Name = $"{word} {number}",
        LegalName = $"{word} {number}",
        Acronym = null,
        Description = null,
        DescriptionEn = null,
        Skills = [],
        Services = [],
    };

    private async Task<ISearchIndex> IndexAsync() => _index ??= await OpenAsync();

    /// <summary>An index built (by a rebuild, as the pipeline initializes one) with <paramref name="documents"/> at <paramref name="cursor"/>.</summary>
    private async Task<ISearchIndex> BuiltAsync(long cursor, params CompanyDocument[] documents)
    {
        var index = await IndexAsync();
        await index.RebuildAsync(documents.ToAsyncEnumerable(), cursor, Cancel);
        return index;
    }

    private async Task<ISearchIndex> ReopenAsync()
    {
        await CloseAsync();
        _index = null;
        return await IndexAsync();
    }

    private static async Task<IReadOnlyDictionary<Guid, int>> VersionsAsync(ISearchIndex index) => await index.ListVersionsAsync(Cancel);

    private static Dictionary<Guid, int> Expected(params CompanyDocument[] documents) => documents.ToDictionary(d => d.Id, d => d.Version);

    /// <summary>Whether a search for <paramref name="word"/> finds <paramref name="document"/>; null when the engine does not search.</summary>
    private async Task<bool?> FoundAsync(string word, CompanyDocument document)
    {
        if (Search is not { } search)
        {
            return null;
        }
        await RefreshAsync();
        var result = await search.SearchAsync(Words(word), Cancel);
        return result.Hits.Any(h => h.Id == document.Id);
    }

    /// <summary>A whole word (not a prefix being typed), searched as typed (no correction to a known word).</summary>
    private static SearchRequest Words(string word) => new() { Text = word + " ", ExactSpelling = true, PageSize = SearchRequest.MaxPageSize };

    /// <summary>Asserts what the search says, where the engine searches.</summary>
    private async Task AssertFoundAsync(bool expected, string word, CompanyDocument document)
    {
        if (await FoundAsync(word, document) is { } found)
        {
            Assert.True(found == expected, $"a search for \"{word}\" {(found ? "found" : "did not find")} {document.Name} (version {document.Version})");
        }
    }

    // ---- State of a new index -----------------------------------------------------------------------------

    [Fact]
    public async Task A_new_index_is_not_initialized_and_holds_nothing_until_its_first_rebuild()
    {
        var index = await IndexAsync();

        AssertPosition(new IndexState(0, Initialized: false, 0), await index.GetStateAsync(Cancel));

        await index.RebuildAsync(AsyncEnumerable.Empty<CompanyDocument>(), cursor: 4, Cancel);

        AssertPosition(new IndexState(4, Initialized: true, 0), await index.GetStateAsync(Cancel));
        Assert.Empty(await VersionsAsync(index));
    }

    [Fact]
    public async Task Describe_names_the_engine()
    {
        var index = await BuiltAsync(0);

        Assert.Contains(Engine, await index.DescribeAsync(Cancel), StringComparison.Ordinal);
    }

    // ---- Apply ------------------------------------------------------------------------------------------

    [Fact]
    public async Task Applied_upserts_are_listed_with_their_versions_counted_and_found()
    {
        var index = await BuiltAsync(1);
        var first = Document(1, 1, "quetzalune");
        var second = Document(2, 3, "brindacier");

        await index.ApplyAsync([first, second], [], cursor: 5, Cancel);

        Assert.Equal(Expected(first, second), await VersionsAsync(index));
        AssertPosition(new IndexState(5, Initialized: true, 2), await index.GetStateAsync(Cancel));
        await AssertFoundAsync(true, "quetzalune", first);
        await AssertFoundAsync(true, "brindacier", second);
    }

    [Fact]
    public async Task A_newer_version_replaces_the_document()
    {
        var index = await BuiltAsync(1, Document(1, 1, "xylophore"));
        var newer = Document(1, 2, "marmitonde");

        await index.ApplyAsync([newer], [], cursor: 2, Cancel);

        Assert.Equal(Expected(newer), await VersionsAsync(index));
        Assert.Equal(1, (await index.GetStateAsync(Cancel)).Documents);
        await AssertFoundAsync(true, "marmitonde", newer);
        await AssertFoundAsync(false, "xylophore", newer);
    }

    [Fact]
    public async Task Deleted_documents_are_gone_and_deleting_an_absent_id_is_fine()
    {
        var kept = Document(1, 1, "velourbine");
        var deleted = Document(2, 1, "grumphaline");
        var index = await BuiltAsync(3, kept, deleted);

        await index.ApplyAsync([], [deleted.Id, new Guid("0000c0de-0000-7000-8000-999999999999")], cursor: 4, Cancel);

        Assert.Equal(Expected(kept), await VersionsAsync(index));
        AssertPosition(new IndexState(4, Initialized: true, 1), await index.GetStateAsync(Cancel));
        await AssertFoundAsync(false, "grumphaline", deleted);
        await AssertFoundAsync(true, "velourbine", kept);

        await index.ApplyAsync([], [deleted.Id], cursor: 5, Cancel);   // the same delete again (a replayed batch)

        Assert.Equal(Expected(kept), await VersionsAsync(index));
        Assert.Equal(5, (await index.GetStateAsync(Cancel)).Cursor);
    }

    [Fact]
    public async Task Upserts_and_deletes_of_one_batch_are_applied_together()
    {
        var gone = Document(1, 1, "pampelouse");
        var index = await BuiltAsync(1, gone);
        var added = Document(2, 1, "fritanguelle");

        await index.ApplyAsync([added], [gone.Id], cursor: 2, Cancel);

        Assert.Equal(Expected(added), await VersionsAsync(index));
        AssertPosition(new IndexState(2, Initialized: true, 1), await index.GetStateAsync(Cancel));
    }

    // ---- Stale versions ---------------------------------------------------------------------------------

    [Fact]
    public async Task An_older_version_never_replaces_a_newer_one_and_the_batch_still_counts()
    {
        var newer = Document(1, 3, "torpaluche");
        var index = await BuiltAsync(1, newer);
        var older = Document(1, 2, "zibelonde");
        var other = Document(2, 1, "carmouflet");

        await index.ApplyAsync([older, other], [], cursor: 6, Cancel);

        Assert.Equal(Expected(newer, other), await VersionsAsync(index));
        AssertPosition(new IndexState(6, Initialized: true, 2), await index.GetStateAsync(Cancel));   // a stale document is no failure
        await AssertFoundAsync(true, "torpaluche", newer);
        await AssertFoundAsync(false, "zibelonde", newer);
        await AssertFoundAsync(true, "carmouflet", other);
    }

    [Fact]
    public async Task The_same_version_again_is_idempotent()
    {
        var index = await BuiltAsync(1);
        var document = Document(1, 2, "bouldragon");

        await index.ApplyAsync([document], [], cursor: 2, Cancel);
        await index.ApplyAsync([document], [], cursor: 3, Cancel);   // a batch replayed after a crash before its cursor

        Assert.Equal(Expected(document), await VersionsAsync(index));
        AssertPosition(new IndexState(3, Initialized: true, 1), await index.GetStateAsync(Cancel));
        if (Search is { } search)
        {
            await RefreshAsync();
            Assert.Single((await search.SearchAsync(Words("bouldragon"), Cancel)).Hits, h => h.Id == document.Id);
        }
    }

    // ---- Cursor -----------------------------------------------------------------------------------------

    [Fact]
    public async Task The_cursor_follows_each_batch_even_an_empty_one()
    {
        var index = await BuiltAsync(2);

        await index.ApplyAsync([Document(1, 1, "sarbacolle")], [], cursor: 7, Cancel);
        Assert.Equal(7, (await index.GetStateAsync(Cancel)).Cursor);

        await index.ApplyAsync([], [], cursor: 9, Cancel);   // tasks of companies that were never published

        Assert.Equal(Expected(Document(1, 1, "sarbacolle")), await VersionsAsync(index));
        AssertPosition(new IndexState(9, Initialized: true, 1), await index.GetStateAsync(Cancel));
    }

    [Fact]
    public async Task The_documents_and_their_cursor_are_stored_together_and_found_again_after_a_restart()
    {
        var rebuilt = Document(1, 1, "moustachelle");
        var applied = Document(2, 4, "crapahutine");
        var index = await BuiltAsync(3, rebuilt);
        await index.ApplyAsync([applied], [], cursor: 8, Cancel);

        var reopened = await ReopenAsync();

        Assert.Equal(Expected(rebuilt, applied), await VersionsAsync(reopened));
        AssertPosition(new IndexState(8, Initialized: true, 2), await reopened.GetStateAsync(Cancel));
        await AssertFoundAsync(true, "crapahutine", applied);
    }

    // ---- Rebuild ----------------------------------------------------------------------------------------

    [Fact]
    public async Task A_rebuild_replaces_the_whole_content_and_sets_the_cursor()
    {
        var dropped = Document(1, 1, "fanfrelouche");
        var kept = Document(2, 1, "tirebouchonne");
        var index = await BuiltAsync(3, dropped, kept);
        var appliedSince = Document(3, 1, "galimafrette");
        await index.ApplyAsync([appliedSince], [], cursor: 5, Cancel);
        var keptNewer = kept with { Version = 2 };
        var added = Document(4, 1, "ribouldingue");

        await index.RebuildAsync(new[] { keptNewer, added }.ToAsyncEnumerable(), cursor: 12, Cancel);

        Assert.Equal(Expected(keptNewer, added), await VersionsAsync(index));
        AssertPosition(new IndexState(12, Initialized: true, 2), await index.GetStateAsync(Cancel));
        await AssertFoundAsync(false, "fanfrelouche", dropped);
        await AssertFoundAsync(false, "galimafrette", appliedSince);
        await AssertFoundAsync(true, "ribouldingue", added);

        await index.ApplyAsync([Document(5, 1, "saperlipette")], [added.Id], cursor: 13, Cancel);   // and batches go on after it

        Assert.Equal(Expected(keptNewer, Document(5, 1, "saperlipette")), await VersionsAsync(index));
        Assert.Equal(13, (await index.GetStateAsync(Cancel)).Cursor);
    }

    [Fact]
    public async Task Until_a_rebuild_is_complete_the_index_shows_its_previous_content()
    {
        var old = Document(1, 1, "cornebidouille");
        var index = await BuiltAsync(3, old);
        var fresh = Document(2, 1, "pimprenelle");
        IReadOnlyDictionary<Guid, int>? versionsDuring = null;
        IndexState? stateDuring = null;
        (bool? Old, bool? Fresh) foundDuring = default;

        async IAsyncEnumerable<CompanyDocument> Documents()
        {
            yield return fresh;
            // Half-way: the new content is not visible yet.
            versionsDuring = await index.ListVersionsAsync(Cancel);
            stateDuring = await index.GetStateAsync(Cancel);
            foundDuring = (await FoundAsync("cornebidouille", old), await FoundAsync("pimprenelle", fresh));
            yield return Document(3, 1, "chafouinette");
        }

        await index.RebuildAsync(Documents(), cursor: 9, Cancel);

        Assert.Equal(Expected(old), versionsDuring);
        AssertPosition(new IndexState(3, Initialized: true, 1), stateDuring);
        Assert.NotEqual(false, foundDuring.Old);
        Assert.NotEqual(true, foundDuring.Fresh);
        Assert.Equal(Expected(fresh, Document(3, 1, "chafouinette")), await VersionsAsync(index));
        await AssertFoundAsync(true, "pimprenelle", fresh);
    }

    [Fact]
    public async Task A_rebuild_that_fails_half_way_leaves_the_previous_content_and_cursor()
    {
        var old = Document(1, 1, "trottinelle");
        var index = await BuiltAsync(3, old);

        static async IAsyncEnumerable<CompanyDocument> Failing()
        {
            yield return Document(2, 1, "bredouillon");
            await Task.Yield();
            throw new InvalidOperationException("the database went away");
        }

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => index.RebuildAsync(Failing(), cursor: 9, Cancel));

        Assert.Equal(Expected(old), await VersionsAsync(index));
        AssertPosition(new IndexState(3, Initialized: true, 1), await index.GetStateAsync(Cancel));
        await AssertFoundAsync(true, "trottinelle", old);
        await AssertFoundAsync(false, "bredouillon", Document(2, 1, "bredouillon"));

        await index.RebuildAsync(new[] { Document(2, 1, "bredouillon") }.ToAsyncEnumerable(), cursor: 9, Cancel);   // and it can run again

        Assert.Equal(Expected(Document(2, 1, "bredouillon")), await VersionsAsync(index));
        Assert.Equal(9, (await index.GetStateAsync(Cancel)).Cursor);
    }
}
