using AnnuaireFiliere.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Web.Tests;

public sealed class StartupTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task First_start_creates_the_database_and_seeds_demo_data_once()
    {
        var folder = Path.Combine(Path.GetTempPath(), "annuaire-web-tests", Guid.NewGuid().ToString("N"));
        // On PostgreSQL the test holds the folder's database across the two starts (the last user drops it).
        var database = TestPostgres.Active ? await TestPostgres.AcquireAsync(folder) : null;
        try
        {
            await StartTwiceAsync(folder, database);
        }
        finally
        {
            await TestPostgres.ReleaseAsync(folder);
        }
    }

    private static async Task StartTwiceAsync(string folder, string? database)
    {
        await using (var first = new DirectoryWebFactory(folder))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await first.CreateClient().GetAsync("/", Cancel)).StatusCode);
            Assert.Equal(DirectoryWebFactory.DemoCount, await CountAsync(first));
            if (database is null)
            {
                Assert.True(File.Exists(Path.Combine(folder, "annuaire.db")));
                // Keep the folder for the second start.
                File.Copy(Path.Combine(folder, "annuaire.db"), Path.Combine(Path.GetTempPath(), "annuaire-web-tests", "keep.tmp"), overwrite: true);
            }
        }
        if (database is null)
        {
            Directory.CreateDirectory(folder);
            File.Move(Path.Combine(Path.GetTempPath(), "annuaire-web-tests", "keep.tmp"), Path.Combine(folder, "annuaire.db"));
        }

        await using var second = new DirectoryWebFactory(folder);
        _ = second.Server;
        Assert.Equal(DirectoryWebFactory.DemoCount, await CountAsync(second));
    }

    private static async Task<int> CountAsync(DirectoryWebFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Companies.CountAsync(Cancel);
    }
}

public sealed class MisconfigurationTests
{
    [Theory]
    [InlineData("Search:Provider", "Elasticsearch", "Search:Elasticsearch:Nodes")]   // Elasticsearch without a node
    [InlineData("Search:Provider", "Solr", "Search:Provider")]
    [InlineData("Storage:DatabaseFile", "../../etc/passwd", "Storage:DatabaseFile")]
    [InlineData("Storage:Files", "S3", "Storage:Files")]
    [InlineData("Indexing:BatchSize", "0", "BatchSize")]
    [InlineData("OpenData:KeepDays", "0", "KeepDays")]
    [InlineData("OpenData:CheckInterval", "00:00:00", "CheckInterval")]
    [InlineData("Site:PublicUrl", "annuaire.nc", "Site:PublicUrl")]
    [InlineData("Site:KnownNetworks:0", "10.0.0.0/99", "Site:KnownNetworks")]
    [InlineData("Site:PathBase", "annuaire/", "Site:PathBase")]
    [InlineData("Mail:Smtp:Port", "0", "Smtp.Port")]   // a nested object is checked too
    [InlineData("Search:Provider", "Luceen", "Search:Provider")]
    [InlineData("Import:MaxCellLength", "0", "MaxCellLength")]
    [InlineData("Import:MaxRowLength", "100", "MaxRowLength")]   // shorter than a cell may be
    public void A_wrong_setting_stops_the_start_with_a_message_naming_it(string key, string value, string named)
    {
        using var factory = new DirectoryWebFactory().WithWebHostBuilder(builder => builder.UseSetting(key, value));
        var error = Assert.ThrowsAny<Exception>(() => factory.Server);
        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Production_refuses_to_start_without_the_public_address()
    {
        using var factory = new DirectoryWebFactory();
        factory.Settings["Site:PublicUrl"] = null;

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Site:PublicUrl is required", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_starts_without_the_public_address()
    {
        await using var factory = new DirectoryWebFactory();
        factory.Settings["Site:PublicUrl"] = null;
        using var development = factory.WithWebHostBuilder(builder => builder.UseEnvironment("Development"));

        var response = await development.CreateClient().GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
