using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Indexing;
using AnnuaireFiliere.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>In embedded mode the Web process hosts the indexing loop: what is saved becomes searchable by itself.</summary>
public sealed class EmbeddedSearchTests
{
    /// <summary>A bound on the waits below, which are woken by the loop's commits (nothing here looks at the clock).</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Demo_data_is_indexed_and_a_saved_change_becomes_searchable()
    {
        await using var factory = new DirectoryWebFactory();
        _ = factory.Server;
        var search = factory.Services.GetRequiredService<ICompanySearch>();
        var pipeline = factory.Services.GetRequiredService<IndexingPipeline>();
        // The test never runs the pipeline itself: it waits for the site's own loop to commit each task.
        await pipeline.IndexedThroughAsync(await LastTaskAsync(factory), Cancel).WaitAsync(Bound, Cancel);
        var published = await factory.WithDatabaseAsync(db => db.Companies.CountAsync(c => c.Status == PublicationStatus.Published, Cancel));
        Assert.Equal(published, (await search.SearchAsync(new SearchRequest(), Cancel)).Total);

        var company = TestCompanies.Build();
        await factory.WithDatabaseAsync(db =>
        {
            db.Companies.Add(company);
            return db.SaveChangesAsync(Cancel);
        });
        await factory.WithDatabaseAsync(async db =>
        {
            (await db.Companies.SingleAsync(c => c.Id == company.Id, Cancel)).DescriptionFr = "Spécialiste de la thermographie par drone";
            return await db.SaveChangesAsync(Cancel);
        });

        await pipeline.IndexedThroughAsync(await LastTaskAsync(factory), Cancel).WaitAsync(Bound, Cancel);
        Assert.Contains((await search.SearchAsync(new SearchRequest { Text = "thermographie" }, Cancel)).Hits, h => h.Id == company.Id);
    }

    private static Task<long> LastTaskAsync(DirectoryWebFactory factory) =>
        factory.WithDatabaseAsync(db => db.IndexingTasks.MaxAsync(t => t.Id, Cancel));
}
