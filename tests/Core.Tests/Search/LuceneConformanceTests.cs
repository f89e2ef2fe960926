using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Search.Lucene;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Search.Conformance;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnnuaireFiliere.Core.Tests.Search;

/// <summary>A real Lucene index on disk holding the conformance companies.</summary>
public sealed class LuceneConformanceIndex : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "annuaire-lucene-tests", Guid.NewGuid().ToString("N"));

    public LuceneIndex Index { get; private set; } = null!;
    public ICompanySearch Search { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Index = new LuceneIndex(_folder, NullLogger<LuceneIndex>.Instance);
        await Index.RebuildAsync(ConformanceCompanies.Documents(TaxonomyCatalog.Default).ToAsyncEnumerable(), cursor: 0);
        Search = new LuceneCompanySearch(Index, TaxonomyCatalog.Default, SynonymCatalog.Default);
    }

    public ValueTask DisposeAsync()
    {
        Index.Dispose();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}

public sealed class LuceneConformanceTests(LuceneConformanceIndex index) : SearchConformanceTests, IClassFixture<LuceneConformanceIndex>
{
    protected override ICompanySearch Search => index.Search;
}
