using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Demo;
using AnnuaireFiliere.Core.Indexing;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Search.Lucene;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AnnuaireFiliere.Core.Tests.Search;

public sealed class IndexingPipelineTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;
    private string _indexFolder = null!;
    private LuceneIndex _index = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _services = new ServiceCollection().AddScoped(_ => _database.Context()).AddMetrics().AddSingleton(TimeProvider.System).AddSingleton<IndexingMetrics>().BuildServiceProvider();
        _indexFolder = Path.Combine(_database.Folder, "index");
        _index = OpenIndex();
    }

    public async ValueTask DisposeAsync()
    {
        _index.Dispose();
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private LuceneIndex OpenIndex() => new(_indexFolder, NullLogger<LuceneIndex>.Instance);

    private IndexingPipeline Pipeline(ISearchIndex? index = null, int batchSize = 500) =>
        new(_services.GetRequiredService<IServiceScopeFactory>(), index ?? _index, TaxonomyCatalog.Default,
            Options.Create(new IndexingOptions { BatchSize = batchSize }), _services.GetRequiredService<IndexingMetrics>(), NullLogger<IndexingPipeline>.Instance);

    private LuceneCompanySearch Search => new LuceneCompanySearch(_index, TaxonomyCatalog.Default, SynonymCatalog.Default);

    private async Task<Company> AddAsync(string slug, PublicationStatus status = PublicationStatus.Published)
    {
        var company = SampleCompanies.Valid(slug, status);
        company.TradeName = slug.Replace('-', ' ');
        await using var db = _database.Context();
        db.Companies.Add(company);
        await db.SaveChangesAsync(Cancel);
        return company;
    }

    private async Task ChangeAsync(Guid id, Action<Company> change)
    {
        await using var db = _database.Context();
        change(await db.Companies.Include(c => c.SecondaryActivities).SingleAsync(c => c.Id == id, Cancel));
        await db.SaveChangesAsync(Cancel);
    }

    private async Task<long> TotalAsync(string? text = null) => (await Search.SearchAsync(new SearchRequest { Text = text }, Cancel)).Total;

    [Fact]
    public async Task A_fresh_index_is_built_from_the_published_companies_then_follows_the_task_log()
    {
        await AddAsync("premiere");
        await AddAsync("brouillon", PublicationStatus.Draft);
        await Pipeline().CatchUpAsync(Cancel);
        Assert.Equal(1, await TotalAsync());
        var cursor = (await _index.GetStateAsync(Cancel)).Cursor;

        var second = await AddAsync("deuxieme");
        await Pipeline().CatchUpAsync(Cancel);

        Assert.Equal(2, await TotalAsync());
        Assert.True((await _index.GetStateAsync(Cancel)).Cursor > cursor);
        Assert.Single((await Search.SearchAsync(new SearchRequest { Text = "deuxieme" }, Cancel)).Hits, h => h.Id == second.Id);
    }

    [Fact]
    public async Task Unpublishing_and_deleting_remove_from_search_and_edits_show()
    {
        var kept = await AddAsync("gardee");
        var archived = await AddAsync("archivee");
        var deleted = await AddAsync("supprimee");
        await Pipeline().CatchUpAsync(Cancel);
        Assert.Equal(3, await TotalAsync());

        await ChangeAsync(archived.Id, c => c.Status = PublicationStatus.Archived);
        await using (var db = _database.Context())
        {
            db.Companies.Remove(await db.Companies.SingleAsync(c => c.Id == deleted.Id, Cancel));
            await db.SaveChangesAsync(Cancel);
        }
        await ChangeAsync(kept.Id, c => c.DescriptionFr = "Spécialiste de la photogrammétrie");
        await Pipeline().CatchUpAsync(Cancel);

        var all = await Search.SearchAsync(new SearchRequest(), Cancel);
        Assert.Equal([kept.Id], all.Hits.Select(h => h.Id));
        Assert.Equal(1, await TotalAsync("photogrammétrie"));
    }

    [Fact]
    public async Task A_failing_index_write_does_not_advance_the_cursor_and_the_batch_is_replayed()
    {
        await Pipeline().CatchUpAsync(Cancel);   // initial build
        await AddAsync("un");
        await AddAsync("deux");
        var before = (await _index.GetStateAsync(Cancel)).Cursor;
        var failing = new FailingIndex(_index, failures: 1);

        await Assert.ThrowsAsync<IOException>(() => Pipeline(failing).RunOnceAsync(Cancel));
        Assert.Equal(before, (await _index.GetStateAsync(Cancel)).Cursor);
        Assert.Equal(0, await TotalAsync());

        await Pipeline(failing).CatchUpAsync(Cancel);
        Assert.Equal(2, await TotalAsync());
        Assert.True((await _index.GetStateAsync(Cancel)).Cursor > before);
    }

    [Fact]
    public async Task The_lag_metric_grows_while_writes_fail_and_is_zero_once_caught_up()
    {
        await Pipeline().CatchUpAsync(Cancel);
        await AddAsync("en-retard");
        await using var db = _database.Context();
        var written = await db.IndexingTasks.MaxAsync(t => t.CreatedAt, Cancel);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(written, TimeSpan.Zero).AddMinutes(5));
        var metrics = new IndexingMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), clock);
        var failing = new IndexingPipeline(_services.GetRequiredService<IServiceScopeFactory>(), new FailingIndex(_index, failures: 2), TaxonomyCatalog.Default,
            Options.Create(new IndexingOptions()), metrics, NullLogger<IndexingPipeline>.Instance);
        Assert.Equal(0, metrics.LagSeconds);

        await Assert.ThrowsAsync<IOException>(() => failing.RunOnceAsync(Cancel));
        var first = metrics.LagSeconds;
        Assert.Equal(300, first, precision: 3);
        clock.Advance(TimeSpan.FromMinutes(1));
        await Assert.ThrowsAsync<IOException>(() => failing.RunOnceAsync(Cancel));
        Assert.Equal(first + 60, metrics.LagSeconds, precision: 3);

        await failing.CatchUpAsync(Cancel);
        Assert.Equal(0, metrics.LagSeconds);
        Assert.Equal(1, await TotalAsync("en retard"));
    }

    [Fact]
    public async Task A_crash_before_the_commit_loses_nothing_and_a_replay_adds_no_duplicate()
    {
        await Pipeline().CatchUpAsync(Cancel);
        var company = await AddAsync("rejouee");
        // The process dies after writing documents, before the commit: nothing of the batch is durable.
        var crashing = new FailingIndex(_index, failures: 1, failAfterWrite: true);
        await Assert.ThrowsAsync<IOException>(() => Pipeline(crashing).RunOnceAsync(Cancel));
        _index.Dispose();
        _index = OpenIndex();
        Assert.Equal(0, await TotalAsync());

        await Pipeline().CatchUpAsync(Cancel);
        // Replaying the same tasks again (cursor lost) changes nothing.
        await _index.ApplyAsync([(await LoadAsync(company.Id)).ToDocument(TaxonomyCatalog.Default)], [], 0, Cancel);
        await Pipeline().CatchUpAsync(Cancel);

        Assert.Equal(1, await TotalAsync());
        Assert.Equal(1, await TotalAsync("rejouee"));
    }

    [Fact]
    public async Task A_stale_version_never_replaces_a_newer_one()
    {
        await Pipeline().CatchUpAsync(Cancel);
        var company = await AddAsync("versionnee");
        await ChangeAsync(company.Id, c => c.DescriptionFr = "Version deux : hydrographie");
        await Pipeline().CatchUpAsync(Cancel);
        var current = await LoadAsync(company.Id);
        var stale = current.ToDocument(TaxonomyCatalog.Default) with { Version = current.Version - 1, Description = "Ancienne version : cartographie" };

        await _index.ApplyAsync([stale], [], (await _index.GetStateAsync(Cancel)).Cursor, Cancel);

        Assert.Equal(1, await TotalAsync("hydrographie"));
        Assert.Equal(0, await TotalAsync("cartographie"));
        Assert.Equal(current.Version, (await _index.ListVersionsAsync(Cancel))[company.Id]);
    }

    [Fact]
    public async Task Tasks_are_read_in_batches_keeping_the_last_change_of_each_company()
    {
        await Pipeline().CatchUpAsync(Cancel);
        var company = await AddAsync("souvent-modifiee");
        for (var i = 0; i < 5; i++)
        {
            await ChangeAsync(company.Id, c => c.DescriptionFr = $"Révision {i}");
        }
        var consumed = await Pipeline(batchSize: 100).RunOnceAsync(Cancel);
        Assert.Equal(6, consumed);
        Assert.Equal(company.Version + 5, (await _index.ListVersionsAsync(Cancel))[company.Id]);
        Assert.Equal(0, await Pipeline().RunOnceAsync(Cancel));
    }

    [Fact]
    public async Task A_catch_up_beside_the_running_loop_waits_for_its_batch_and_is_not_undone_by_it()
    {
        var company = await AddAsync("revenante");
        await Pipeline().CatchUpAsync(Cancel);
        var gated = new GatedIndex(_index);
        var pipeline = Pipeline(gated);   // one pipeline, as in the site: its loop and a caller (a test) share it
        await ChangeAsync(company.Id, c => c.Status = PublicationStatus.Archived);
        var loop = pipeline.RunOnceAsync(Cancel);   // reads the unpublication, and is held inside its write
        await gated.Held.WaitAsync(Cancel);
        await ChangeAsync(company.Id, c => c.Status = PublicationStatus.Published);   // published again meanwhile

        var caughtUp = pipeline.CatchUpAsync(Cancel);

        // Side by side, the caller would read the log and write the republication; the held batch, committed
        // after it, would then delete the company again and put back an older cursor.
        Assert.Equal(0, gated.ReadsWhileHeld);
        gated.Release();
        await Task.WhenAll(loop, caughtUp);
        Assert.Equal([company.Id], (await Search.SearchAsync(new SearchRequest { Text = "revenante" }, Cancel)).Hits.Select(h => h.Id));
        await using var db = _database.Context();
        Assert.Equal(await db.IndexingTasks.MaxAsync(t => t.Id, Cancel), (await _index.GetStateAsync(Cancel)).Cursor);
    }

    [Fact]
    public async Task Who_waits_for_a_task_is_told_when_the_batch_that_holds_it_is_committed()
    {
        var pipeline = Pipeline();
        await pipeline.CatchUpAsync(Cancel);
        var company = await AddAsync("attendue");
        await using var db = _database.Context();
        var task = await db.IndexingTasks.MaxAsync(t => t.Id, Cancel);

        var waiting = pipeline.IndexedThroughAsync(task, Cancel);
        Assert.False(waiting.IsCompleted);
        Assert.Equal(1, await pipeline.RunOnceAsync(Cancel));   // as the loop would

        await waiting;
        Assert.Single((await Search.SearchAsync(new SearchRequest { Text = "attendue" }, Cancel)).Hits, h => h.Id == company.Id);
        Assert.True(pipeline.IndexedThroughAsync(task, Cancel).IsCompletedSuccessfully);   // already there: at once
    }

    /// <summary>An index whose first write waits until released (a batch of the loop, caught in the middle).</summary>
    private sealed class GatedIndex(LuceneIndex inner) : ISearchIndex
    {
        private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _writes;

        /// <summary>Completed once the first write is waiting.</summary>
        public Task Held => _held.Task;

        /// <summary>How many times the state was read while the first write was waiting.</summary>
        public int ReadsWhileHeld { get; private set; }

        public void Release() => _released.SetResult();

        public Task<IndexState> GetStateAsync(CancellationToken cancellationToken = default)
        {
            if (_held.Task.IsCompleted && !_released.Task.IsCompleted)
            {
                ReadsWhileHeld++;
            }
            return inner.GetStateAsync(cancellationToken);
        }

        public async Task ApplyAsync(IReadOnlyList<CompanyDocument> upserts, IReadOnlyList<Guid> deletes, long cursor, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _writes) == 1)
            {
                _held.SetResult();
                await _released.Task.WaitAsync(cancellationToken);
            }
            await inner.ApplyAsync(upserts, deletes, cursor, cancellationToken);
        }

        public Task RebuildAsync(IAsyncEnumerable<CompanyDocument> documents, long cursor, CancellationToken cancellationToken = default) =>
            inner.RebuildAsync(documents, cursor, cancellationToken);

        public Task<IReadOnlyDictionary<Guid, int>> ListVersionsAsync(CancellationToken cancellationToken = default) => inner.ListVersionsAsync(cancellationToken);

        public Task<string> DescribeAsync(CancellationToken cancellationToken = default) => inner.DescribeAsync(cancellationToken);
    }

    [Fact]
    public async Task A_second_writer_on_the_same_index_gets_a_clear_message()
    {
        var error = Assert.Throws<IndexLockedException>(OpenIndex);
        Assert.Contains("déjà ouvert en écriture", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_reports_differences_and_repair_fixes_them()
    {
        var a = await AddAsync("alpha");
        var b = await AddAsync("beta");
        await Pipeline().CatchUpAsync(Cancel);
        Assert.True((await Pipeline().VerifyAsync(repair: false, Cancel)).InSync);

        // Drift behind the pipeline's back: a document vanishes, another is out of date, a stranger appears.
        var stranger = SampleCompanies.Valid("inconnue").ToDocument(TaxonomyCatalog.Default);
        await _index.ApplyAsync([stranger], [a.Id], (await _index.GetStateAsync(Cancel)).Cursor, Cancel);
        await using (var db = _database.Context())
        {
            await db.Companies.Where(c => c.Id == b.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, 9), Cancel);
        }

        var report = await Pipeline().VerifyAsync(repair: false, Cancel);
        Assert.Equal([a.Id], report.Missing);
        Assert.Equal([stranger.Id], report.Extra);
        Assert.Equal([b.Id], report.Stale);

        var repaired = await Pipeline().VerifyAsync(repair: true, Cancel);
        Assert.True(repaired.Repaired);
        Assert.True((await Pipeline().VerifyAsync(repair: false, Cancel)).InSync);
    }

    [Fact]
    public async Task Searches_during_a_rebuild_see_the_old_or_the_new_index_never_a_part()
    {
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Companies.AddRange(new DemoCompanyGenerator(TaxonomyCatalog.Default).Generate(1500, 3, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
            await db.SaveChangesAsync(Cancel);
        }
        await Pipeline().CatchUpAsync(Cancel);
        var before = await TotalAsync();
        Assert.True(before > 1000);

        using var stop = new CancellationTokenSource();
        var totals = new List<long>();
        var searching = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                totals.Add(await TotalAsync());
            }
        }, Cancel);
        await Pipeline().RebuildAsync(Cancel);
        await Pipeline().RebuildAsync(Cancel);
        await stop.CancelAsync();
        await searching;

        Assert.NotEmpty(totals);
        Assert.All(totals, total => Assert.Equal(before, total));
    }

    [Fact]
    public async Task An_interrupted_rebuild_leaves_the_last_commit_and_can_run_again()
    {
        await AddAsync("avant");
        await Pipeline().CatchUpAsync(Cancel);
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _index.RebuildAsync(Interrupted(cancel), 99, cancel.Token));

        Assert.Equal(1, await TotalAsync());
        await Pipeline().RebuildAsync(Cancel);
        Assert.Equal(1, await TotalAsync());
    }

    private static async IAsyncEnumerable<CompanyDocument> Interrupted(CancellationTokenSource cancel)
    {
        yield return SampleCompanies.Valid("pendant").ToDocument(TaxonomyCatalog.Default);
        await cancel.CancelAsync();
        cancel.Token.ThrowIfCancellationRequested();
    }

    private async Task<Company> LoadAsync(Guid id)
    {
        await using var db = _database.Context();
        return await db.Companies.AsNoTracking().Include(c => c.SecondaryActivities).SingleAsync(c => c.Id == id, Cancel);
    }

    /// <summary>An index whose next writes fail, before or after touching the real index (a crash before the commit).</summary>
    private sealed class FailingIndex(LuceneIndex inner, int failures, bool failAfterWrite = false) : ISearchIndex
    {
        private int _failures = failures;

        public Task<IndexState> GetStateAsync(CancellationToken cancellationToken = default) => inner.GetStateAsync(cancellationToken);

        public async Task ApplyAsync(IReadOnlyList<CompanyDocument> upserts, IReadOnlyList<Guid> deletes, long cursor, CancellationToken cancellationToken = default)
        {
            if (_failures-- > 0)
            {
                if (failAfterWrite)
                {
                    inner.WriteWithoutCommitForTests(upserts);
                }
                throw new IOException("disque plein (simulé)");
            }
            await inner.ApplyAsync(upserts, deletes, cursor, cancellationToken);
        }

        public Task RebuildAsync(IAsyncEnumerable<CompanyDocument> documents, long cursor, CancellationToken cancellationToken = default) =>
            inner.RebuildAsync(documents, cursor, cancellationToken);

        public Task<IReadOnlyDictionary<Guid, int>> ListVersionsAsync(CancellationToken cancellationToken = default) => inner.ListVersionsAsync(cancellationToken);

        public Task<string> DescribeAsync(CancellationToken cancellationToken = default) => inner.DescribeAsync(cancellationToken);
    }
}

public sealed class LuceneIndexSchemaTests
{
    [Fact]
    public async Task An_index_of_an_older_schema_is_rebuilt_beside_it_then_removed()
    {
        var root = Path.Combine(Path.GetTempPath(), "annuaire-lucene-tests", Guid.NewGuid().ToString("N"));
        var old = Directory.CreateDirectory(Path.Combine(root, "v1")).FullName;
        await File.WriteAllTextAsync(Path.Combine(old, "segments_1"), "an older schema", TestContext.Current.CancellationToken);
        try
        {
            using var index = new LuceneIndex(root, NullLogger<LuceneIndex>.Instance);
            Assert.False((await index.GetStateAsync(TestContext.Current.CancellationToken)).Initialized);
            Assert.True(Directory.Exists(old)); // still serving until the new one is complete

            await index.RebuildAsync(new[] { SampleCompanies.Valid().ToDocument(TaxonomyCatalog.Default) }.ToAsyncEnumerable(), 7, TestContext.Current.CancellationToken);

            var state = await index.GetStateAsync(TestContext.Current.CancellationToken);
            Assert.True(state.Initialized);
            Assert.Equal(7, state.Cursor);
            Assert.False(Directory.Exists(old));
            Assert.StartsWith(Path.Combine(root, "v"), index.Location, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task The_cursor_survives_a_restart_with_the_documents()
    {
        var root = Path.Combine(Path.GetTempPath(), "annuaire-lucene-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var company = SampleCompanies.Valid().ToDocument(TaxonomyCatalog.Default);
            using (var index = new LuceneIndex(root, NullLogger<LuceneIndex>.Instance))
            {
                await index.ApplyAsync([company], [], 42, TestContext.Current.CancellationToken);
            }
            using var reopened = new LuceneIndex(root, NullLogger<LuceneIndex>.Instance);
            var state = await reopened.GetStateAsync(TestContext.Current.CancellationToken);
            Assert.Equal(42, state.Cursor);
            Assert.Equal(1, state.Documents);
            Assert.Equal(company.Version, (await reopened.ListVersionsAsync(TestContext.Current.CancellationToken))[company.Id]);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
