using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Demo;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Search.Lucene;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnnuaireFiliere.Core.Tests.Search;

/// <summary>The 600 demo companies the site generates in Development (<c>DemoData:Count</c>, seed 2014), in a real Lucene index.</summary>
public sealed class DemoSearchIndex : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "annuaire-demo-search-tests", Guid.NewGuid().ToString("N"));

    public LuceneIndex Index { get; private set; } = null!;
    public ICompanySearch Search { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var options = new DemoDataOptions();
        var companies = new DemoCompanyGenerator(TaxonomyCatalog.Default)
            .Generate(options.Count, options.Seed, new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));
        Index = new LuceneIndex(_folder, NullLogger<LuceneIndex>.Instance);
        await Index.RebuildAsync(companies
            .Where(c => c.Status == PublicationStatus.Published)
            .Select(c => c.ToDocument(TaxonomyCatalog.Default))
            .ToAsyncEnumerable(), cursor: 0);
        Search = new LuceneCompanySearch(Index, TaxonomyCatalog.Default, SynonymCatalog.Default);
    }

    public ValueTask DisposeAsync()
    {
        Index.Dispose();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The first searches a visitor tries on the demo site show companies that do what was asked.</summary>
public sealed class DemoSearchTests(DemoSearchIndex demo) : IClassFixture<DemoSearchIndex>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    // Making websites: custom development, web agencies, web design (activities.csv).
    [InlineData("site internet", "A0405 A0901 A1001")]
    // The same, from Nouméa (98818): its companies first.
    [InlineData("agence web Nouméa", "A0405 A0901 A1001", "98818")]
    // Fixing computers: repair, third-party maintenance, managed services, IT support.
    [InlineData("dépannage informatique", "A0505 A0502 A0503 A0504")]
    // Hosting in the cloud: hosting and data centres, managed services that host.
    [InlineData("hébergement cloud", "A0601 A0503")]
    public async Task The_first_five_results_of_a_demo_search_do_what_was_asked(string text, string activities, string? commune = null)
    {
        var accepted = activities.Split(' ');

        var result = await demo.Search.SearchAsync(new SearchRequest { Text = text, PageSize = 5 }, Cancel);

        Assert.Equal(5, result.Hits.Count);
        var off = result.Hits.Where(h => !h.ActivityCodes.Any(accepted.Contains) || (commune is not null && h.CommuneCode != commune))
            .Select(h => $"{h.Name} ({string.Join(", ", h.ActivityCodes)}, {h.CommuneCode})")
            .ToList();
        Assert.True(off.Count == 0, $"\"{text}\" shows companies that do not do it: {string.Join("; ", off)}");
    }
}
