using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Indexing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>
/// The real site in Production mode on a fresh data folder (real SQLite file; or, when the tests run on PostgreSQL, a
/// database of its own there, shared by the sites of one data folder: the nodes of a farm), seeded with a few demo companies.
/// Adds one test-only endpoint, <c>/__test/boom</c>, that throws, to check what visitors see on a failure.
/// </summary>
public class DirectoryWebFactory : WebApplicationFactory<Program>
{
    public const int DemoCount = 120;

    public DirectoryWebFactory()
        : this(Path.Combine(Path.GetTempPath(), "annuaire-web-tests", Guid.NewGuid().ToString("N")))
    {
    }

    public DirectoryWebFactory(string dataDirectory) => DataDirectory = dataDirectory;

    private bool _usesPostgres;

    public string DataDirectory { get; }

    public const string PublicUrlKey = "Site:PublicUrl";

    /// <summary>The public address the tests' sites have unless told otherwise: the in-memory test server's.</summary>
    public const string DefaultPublicUrl = "http://localhost";

    /// <summary>
    /// Serves the site on Kestrel, on a free loopback port known before the start, which is then its public address
    /// (<c>Site:PublicUrl</c>): links in mails and pages lead back to it, and the host filter lets the browser in.
    /// </summary>
    public void UseKestrelOnLoopback()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        Settings[PublicUrlKey] = $"http://127.0.0.1:{port}{Settings.GetValueOrDefault("Site:PathBase")}";
    }

    /// <summary>More settings for this site (set before it starts), over the defaults above.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Services to add or replace for this site (set before it starts), after the application's own.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // Serve wwwroot from the build output as a published site would (outside Development this is not automatic).
        builder.UseStaticWebAssets();
        if (TestPostgres.Active && !Settings.ContainsKey("Database:Provider"))
        {
            Settings["Database:Provider"] = nameof(DatabaseProvider.PostgreSql);
            Settings["ConnectionStrings:Annuaire"] = TestPostgres.Acquire(DataDirectory);
            _usesPostgres = true;
        }
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = DataDirectory,
            ["DemoData:SeedWhenEmpty"] = "true",
            ["DemoData:Count"] = DemoCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Static files from the build output keep the caching headers of a published site.
            ["EnableStaticAssetsDevelopmentCaching"] = "true",
        }).AddInMemoryCollection(Settings));
        // Also as host settings, so that what the application reads while it registers its services sees them.
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        // Production needs the public address; by default the test server's own (a test can set another, or null).
        // As a host setting only, so that a test's WithWebHostBuilder(UseSetting(…)) still overrides it.
        if (!Settings.ContainsKey(PublicUrlKey))
        {
            builder.UseSetting(PublicUrlKey, DefaultPublicUrl + Settings.GetValueOrDefault("Site:PathBase"));
        }
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ThrowingEndpoint>());
        if (TestServices is not null)
        {
            builder.ConfigureTestServices(TestServices);
        }
    }

    /// <summary>Runs a query on the site's database in a scope of its own.</summary>
    public async Task<T> WithDatabaseAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>
    /// Returns once the search index holds every change saved so far: the indexing pipeline catches up here, one
    /// batch at a time with the site's own indexing loop (no waiting on the clock).
    /// </summary>
    public Task IndexedAsync() => Services.GetRequiredService<IndexingPipeline>().CatchUpAsync(TestContext.Current.CancellationToken);

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A signed-in visitor refused: 403 in place (with the French error page), never a redirect.</summary>
    public static void AssertRefused(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>A GET of <paramref name="url"/> in <paramref name="language"/> (the language switch's cookie), in French when null.</summary>
    public static HttpRequestMessage Get(string url, string? language)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (language is not null)
        {
            request.Headers.Add("Cookie", $".AspNetCore.Culture=c={language}|uic={language}");
        }
        return request;
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        SqliteConnection.ClearAllPools();
        if (_usesPostgres)
        {
            await TestPostgres.ReleaseAsync(DataDirectory);
        }
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    /// <summary>Placed after the application's own pipeline, so its exception flows through the real error handling.</summary>
    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use(nextMiddleware => context =>
                context.Request.Path == "/__test/boom"
                    ? throw new InvalidOperationException("Secret internal detail: connection string Data Source=/srv/annuaire.db")
                    : nextMiddleware(context));
        };
    }
}
