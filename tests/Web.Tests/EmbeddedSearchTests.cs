using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>In embedded mode the Web process hosts the indexing loop: what is saved becomes searchable by itself.</summary>
public sealed class EmbeddedSearchTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Demo_data_is_indexed_and_a_saved_change_becomes_searchable()
    {
        await using var factory = new DirectoryWebFactory();
        _ = factory.Server;
        var search = factory.Services.GetRequiredService<ICompanySearch>();
        int published;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            published = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Companies.CountAsync(c => c.Status == PublicationStatus.Published, Cancel);
        }
        await Eventually(async () => (await search.SearchAsync(new SearchRequest(), Cancel)).Total == published);

        Guid id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var company = await db.Companies.FirstAsync(c => c.Status == PublicationStatus.Published, Cancel);
            company.DescriptionFr = "Spécialiste de la thermographie par drone";
            id = company.Id;
            await db.SaveChangesAsync(Cancel);
        }

        await Eventually(async () => (await search.SearchAsync(new SearchRequest { Text = "thermographie" }, Cancel)).Hits.Any(h => h.Id == id));
    }

    /// <summary>Polls a condition for a few seconds (timing is measured by the benchmark, not asserted here).</summary>
    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not become true within 15 s");
            await Task.Delay(50, Cancel);
        }
    }
}
