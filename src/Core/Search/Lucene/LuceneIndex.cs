using System.Globalization;
using System.Threading.Channels;
using AnnuaireFiliere.Core.Indexing;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace AnnuaireFiliere.Core.Search.Lucene;

/// <summary>
/// The embedded index under <c>{data}/index/v{schema}</c>: one <see cref="IndexWriter"/> (Lucene's write lock
/// makes it the only one, across processes), a <see cref="SearcherManager"/> for readers, and the task-log
/// cursor stored in the commit's user data, so that documents and cursor are durable together (with the stamp of
/// the synonym rules of the last rebuild).
/// </summary>
public sealed partial class LuceneIndex : ISearchIndex, IDisposable
{
    private const string CursorKey = "cursor";
    private const string SchemaKey = "schema";
    private const string SynonymsKey = "synonyms";

    private readonly string _path;
    private readonly string _indexRoot;
    private readonly ILogger<LuceneIndex> _logger;
    private readonly ISynonymSource _synonyms;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly LuceneDirectory _directory;
    private readonly FileStream _processLock;
    private IndexWriter _writer;
    private SearcherManager _searchers;
    private long _cursor;
    private string? _synonymStamp;
    private bool _initialized;

    /// <param name="synonyms">Where documents read the synonym rules (<see cref="SynonymCatalog.Default"/> when not given).</param>
    public LuceneIndex(string indexRoot, ILogger<LuceneIndex> logger, ISynonymSource? synonyms = null)
    {
        _synonyms = synonyms ?? SynonymCatalog.Default;
        ArgumentNullException.ThrowIfNull(indexRoot);
        _logger = logger;
        _indexRoot = indexRoot;
        _path = Path.Combine(indexRoot, "v" + LuceneFields.SchemaVersion.ToString(CultureInfo.InvariantCulture));
        System.IO.Directory.CreateDirectory(_path);
        // Lucene's own write lock does not exclude another process on Linux with Lucene.NET 4.8 (seen in tests):
        // an exclusive open of a lock file does, in this process and in any other .NET process.
        try
        {
            _processLock = new FileStream(Path.Combine(_path, "annuaire-writer.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException busy)
        {
            throw new IndexLockedException(_path, busy);
        }
        _directory = FSDirectory.Open(_path);
        (_writer, _searchers) = Open();
        ReadCommit();
        RemoveOldSchemas();
    }

    /// <summary>The folder of the index of the current schema.</summary>
    public string Location => _path;

    public Task<string> DescribeAsync(CancellationToken cancellationToken = default) => Task.FromResult($"Lucene ({_path})");

    /// <summary>Runs <paramref name="search"/> on the current searcher.</summary>
    public T Search<T>(Func<IndexSearcher, T> search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var searcher = _searchers.Acquire();
        try
        {
            return search(searcher);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public Task<IndexState> GetStateAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new IndexState(_cursor, _initialized, Search(s => (long)s.IndexReader.NumDocs)) { SynonymStamp = _synonymStamp });

    public Task ApplyAsync(IReadOnlyList<CompanyDocument> upserts, IReadOnlyList<Guid> deletes, long cursor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        ArgumentNullException.ThrowIfNull(deletes);
        // The rebuild's stamp stays: documents written now have the current rules' tokens, the others keep theirs.
        return WriteAsync(cursor, _synonymStamp, () =>
        {
            var synonyms = _synonyms.Current;
            var current = Versions(upserts.Select(u => u.Id));
            foreach (var document in upserts)
            {
                if (current.TryGetValue(document.Id, out var indexed) && indexed > document.Version)
                {
                    LogStaleSkipped(document.Id, document.Version, indexed);
                    continue;
                }
                _writer.UpdateDocument(new Term(LuceneFields.Id, document.Id.ToString("D")), LuceneFields.ToLucene(document, synonyms));
            }
            foreach (var id in deletes)
            {
                _writer.DeleteDocuments(new Term(LuceneFields.Id, id.ToString("D")));
            }
            return Task.CompletedTask;
        }, cancellationToken);
    }

    public async Task RebuildAsync(IAsyncEnumerable<CompanyDocument> documents, long cursor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        // Nothing is visible to searches before the commit: readers are refreshed only after it. One catalog for the
        // whole rebuild, whose stamp is committed with it.
        var synonyms = _synonyms.Current;
        await WriteAsync(cursor, synonyms.IndexStamp, async () =>
        {
            _writer.DeleteAll();
            await AddAllAsync(documents, synonyms, cancellationToken);
        }, cancellationToken);
        RemoveOldSchemas();
    }

    /// <summary>One write at a time, committed with its cursor, or rolled back entirely.</summary>
    private async Task WriteAsync(long cursor, string? synonymStamp, Func<Task> write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await write();
            Commit(cursor, synonymStamp);
        }
        catch
        {
            RollBack();
            throw;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Analysis is the cost of indexing, and <see cref="IndexWriter"/> takes documents from several threads: one
    /// task reads the documents while one per core analyses and adds them.
    /// </summary>
    private async Task AddAllAsync(IAsyncEnumerable<CompanyDocument> documents, SynonymCatalog synonyms, CancellationToken cancellationToken)
    {
        var queue = Channel.CreateBounded<CompanyDocument>(new BoundedChannelOptions(4_096) { SingleWriter = true });
        var reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var document in documents.WithCancellation(cancellationToken))
                {
                    await queue.Writer.WriteAsync(document, cancellationToken);
                }
                queue.Writer.Complete();
            }
            catch (Exception exception)
            {
                queue.Writer.Complete(exception);
                throw;
            }
        }, cancellationToken);
        var writers = Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount)).Select(_ => Task.Run(async () =>
        {
            await foreach (var document in queue.Reader.ReadAllAsync(cancellationToken))
            {
                _writer.AddDocument(LuceneFields.ToLucene(document, synonyms));
            }
        }, cancellationToken));
        await Task.WhenAll([reader, .. writers]);
    }

    public Task<IReadOnlyDictionary<Guid, int>> ListVersionsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<Guid, int>>(Search(searcher =>
        {
            var versions = new Dictionary<Guid, int>();
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var reader = leaf.AtomicReader;
                var ids = reader.GetSortedDocValues(LuceneFields.Id);
                var numbers = reader.GetNumericDocValues(LuceneFields.Version);
                var live = reader.LiveDocs;
                var bytes = new BytesRef();
                for (var doc = 0; doc < reader.MaxDoc; doc++)
                {
                    if (live is not null && !live.Get(doc))
                    {
                        continue;
                    }
                    ids.Get(doc, bytes);
                    versions[Guid.Parse(bytes.Utf8ToString())] = (int)numbers.Get(doc);
                }
            }
            return versions;
        }));

    /// <summary>Writes documents without committing them, as a process that dies before its commit would.</summary>
    internal void WriteWithoutCommitForTests(IEnumerable<CompanyDocument> documents)
    {
        foreach (var document in documents)
        {
            _writer.UpdateDocument(new Term(LuceneFields.Id, document.Id.ToString("D")), LuceneFields.ToLucene(document, _synonyms.Current));
        }
    }

    public void Dispose()
    {
        _searchers.Dispose();
        // Every write is committed (with its cursor) or rolled back by Apply/Rebuild; anything left over belongs to
        // no commit and must not become durable with an older cursor, which Dispose (an implicit commit) would do.
        _writer.Rollback();
        _directory.Dispose();
        _writeLock.Dispose();
        _processLock.Dispose();
    }

    private Dictionary<Guid, int> Versions(IEnumerable<Guid> ids) => Search(searcher =>
    {
        var versions = new Dictionary<Guid, int>();
        foreach (var id in ids)
        {
            var top = searcher.Search(new TermQuery(new Term(LuceneFields.Id, id.ToString("D"))), 1);
            if (top.TotalHits > 0)
            {
                versions[id] = searcher.Doc(top.ScoreDocs[0].Doc).GetField(LuceneFields.Version).GetInt32Value() ?? 0;
            }
        }
        return versions;
    });

    private void Commit(long cursor, string? synonymStamp)
    {
        var data = new Dictionary<string, string>
        {
            [CursorKey] = cursor.ToString(CultureInfo.InvariantCulture),
            [SchemaKey] = LuceneFields.SchemaVersion.ToString(CultureInfo.InvariantCulture),
        };
        if (synonymStamp is not null)
        {
            data[SynonymsKey] = synonymStamp;
        }
        _writer.SetCommitData(data);
        _writer.Commit();
        _cursor = cursor;
        _synonymStamp = synonymStamp;
        _initialized = true;
        _searchers.MaybeRefreshBlocking();
    }

    /// <summary>Drops uncommitted changes (Lucene closes the writer on rollback) and reopens at the last commit.</summary>
    private void RollBack()
    {
        try
        {
            _writer.Rollback();
        }
        finally
        {
            _searchers.Dispose();
            (_writer, _searchers) = Open();
            ReadCommit();
        }
    }

    private (IndexWriter, SearcherManager) Open()
    {
        var analyzer = new PerFieldAnalyzerWrapper(FrenchTextAnalyzer.Stemming, new Dictionary<string, global::Lucene.Net.Analysis.Analyzer>
        {
            [LuceneFields.Spell] = FrenchTextAnalyzer.Folding,
        });
        var config = new IndexWriterConfig(FrenchTextAnalyzer.Version, analyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = 64,
        };
        IndexWriter writer;
        try
        {
            writer = new IndexWriter(_directory, config);
        }
        catch (LockObtainFailedException locked)
        {
            throw new IndexLockedException(_path, locked);
        }
        return (writer, new SearcherManager(writer, applyAllDeletes: true, new WarmingSearcherFactory()));
    }

    private void ReadCommit()
    {
        if (!DirectoryReader.IndexExists(_directory))
        {
            (_cursor, _initialized, _synonymStamp) = (0, false, null);
            return;
        }
        var data = DirectoryReader.ListCommits(_directory)[^1].UserData;
        _initialized = data.TryGetValue(SchemaKey, out var schema) && schema == LuceneFields.SchemaVersion.ToString(CultureInfo.InvariantCulture);
        _cursor = _initialized && data.TryGetValue(CursorKey, out var value) ? long.Parse(value, CultureInfo.InvariantCulture) : 0;
        _synonymStamp = _initialized && data.TryGetValue(SynonymsKey, out var stamp) ? stamp : null;
    }

    private void RemoveOldSchemas()
    {
        if (!_initialized)
        {
            return;
        }
        foreach (var old in System.IO.Directory.GetDirectories(_indexRoot, "v*").Where(d => !string.Equals(System.IO.Path.GetFullPath(d), System.IO.Path.GetFullPath(_path), StringComparison.Ordinal)))
        {
            LogRemovingOldSchema(old);
            System.IO.Directory.Delete(old, recursive: true);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Company {CompanyId} version {Version} not indexed: the index already has version {IndexedVersion}")]
    private partial void LogStaleSkipped(Guid companyId, int version, int indexedVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removing the index of an older schema: {Path}")]
    private partial void LogRemovingOldSchema(string path);
}
