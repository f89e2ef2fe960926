using System.Globalization;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>
/// One site (demo data, fully indexed) shared by the tests of a class, since starting one is the expensive part:
/// the pages that show the whole directory read its demo data; a test that needs a company or an account makes
/// its own (<see cref="TestCompanies"/>, <see cref="AccountForms"/>), and no test depends on another's rows or order.
/// </summary>
public class SiteFixture : IAsyncLifetime
{
    public DirectoryWebFactory Factory { get; } = new();

    public virtual async ValueTask InitializeAsync()
    {
        StartServer();
        await Factory.IndexedAsync();
        var published = await PublishedCountAsync();
        var indexed = (await SearchAsync(new SearchRequest { PageSize = 1 })).Total;
        if (indexed != published)
        {
            throw new InvalidOperationException($"The index holds {indexed} companies once caught up, not the {published} published.");
        }
    }

    /// <summary>Starts the host (migrations and demo data): in memory here, on Kestrel for browser tests.</summary>
    protected virtual void StartServer() => _ = Factory.Server;

    public virtual async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public async Task<int> PublishedCountAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Companies.CountAsync(c => c.Status == PublicationStatus.Published);
    }

    public Task<T> WithDatabaseAsync<T>(Func<AppDbContext, Task<T>> query) => Factory.WithDatabaseAsync(query);

    /// <summary>The oldest statistics snapshot's identifier, as the statistics' addresses write it (the demo data take twelve).</summary>
    public Task<string> OldestSnapshotAsync() =>
        WithDatabaseAsync(async db => (await db.StatisticsSnapshots.OrderBy(s => s.TakenAt).Select(s => s.Id).FirstAsync()).ToString("N"));

    /// <summary>Returns once the search index holds every change saved so far (see <see cref="DirectoryWebFactory.IndexedAsync"/>).</summary>
    public Task IndexedAsync() => Factory.IndexedAsync();

    public Task<SearchResult> SearchAsync(SearchRequest request) =>
        Factory.Services.GetRequiredService<ICompanySearch>().SearchAsync(request);

    /// <summary>The number in a text such as "1 234 entreprises" (French digit grouping uses narrow spaces).</summary>
    public static int Digits(string text) =>
        int.Parse(new string([.. text.Where(char.IsAsciiDigit)]), CultureInfo.InvariantCulture);
}

/// <summary>A <see cref="SiteFixture"/> whose files (logos, images, open data) are in the database (<c>Storage:Files=Database</c>).</summary>
public sealed class FilesInDatabaseSiteFixture : SiteFixture
{
    public FilesInDatabaseSiteFixture() => Factory.Settings["Storage:Files"] = "Database";
}
