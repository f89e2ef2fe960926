using AnnuaireFiliere.Core.Indexing;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Search.Lucene;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Search.Conformance;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnnuaireFiliere.Core.Tests.Search;

/// <summary>The writing side's contract on Lucene: a real index on disk, in a folder of each test's own.</summary>
public sealed class LuceneIndexContractTests : SearchIndexContractTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "annuaire-lucene-tests", Guid.NewGuid().ToString("N"));
    private LuceneIndex? _index;
    private LuceneCompanySearch? _search;

    protected override string Engine => "Lucene";

    protected override ICompanySearch? Search => _search;

    protected override Task<ISearchIndex> OpenAsync()
    {
        _index = new LuceneIndex(_folder, NullLogger<LuceneIndex>.Instance);
        _search = new LuceneCompanySearch(_index, TaxonomyCatalog.Default, SynonymCatalog.Default);
        return Task.FromResult<ISearchIndex>(_index);
    }

    protected override ValueTask CloseAsync()
    {
        _index?.Dispose();
        (_index, _search) = (null, null);
        return ValueTask.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
