using System.Net;
using System.Net.Sockets;
using AnnuaireFiliere.Core.Indexing;
using AnnuaireFiliere.Core.Search;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>
/// The site in Elasticsearch mode (the standalone Indexer indexes), with a cluster that refuses connections:
/// it starts, says so in <c>/health/ready</c>, and searching raises <see cref="SearchUnavailableException"/>.
/// </summary>
public sealed class ElasticsearchModeTests : IAsyncLifetime
{
    private DirectoryWebFactory _site = null!;
    private WebApplicationFactory<Program> _app = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _site = new DirectoryWebFactory();
        _app = _site.WithWebHostBuilder(builder => builder
            .UseSetting("Search:Provider", "Elasticsearch")
            .UseSetting("Search:Elasticsearch:Nodes:0", $"http://127.0.0.1:{ClosedPort()}")
            .UseSetting("Search:Elasticsearch:RequestTimeout", "00:00:02")
            .UseSetting("Indexing:RunInProcess", "false"));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _site.DisposeAsync();
    }

    [Fact]
    public async Task The_site_starts_without_indexing_itself_and_ready_reports_the_cluster_down()
    {
        using var client = _app.CreateClient();

        var live = await client.GetAsync("/health/live", Cancel);
        var ready = await client.GetAsync("/health/ready", Cancel);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var report = System.Text.Json.JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("Unhealthy", report.RootElement.GetProperty("status").GetString());
        Assert.DoesNotContain(_app.Services.GetServices<IHostedService>(), s => s is IndexingService);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", Cancel)).StatusCode);   // pages that need no search still work
    }

    [Fact]
    public async Task Searching_says_the_engine_is_unavailable()
    {
        var search = _app.Services.GetRequiredService<ICompanySearch>();

        var unavailable = await Assert.ThrowsAsync<SearchUnavailableException>(() => search.SearchAsync(new SearchRequest { Text = "web" }, Cancel));

        Assert.NotNull(unavailable.InnerException);
    }

    [Fact]
    public async Task Search_pages_answer_a_french_503_and_the_api_a_problem_document()
    {
        using var client = _app.CreateClient();

        var page = await client.GetAsync("/recherche?q=web", Cancel);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.NotNull(page.Headers.RetryAfter);
        var html = await page.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("Service momentanément indisponible", html, StringComparison.Ordinal);
        Assert.DoesNotContain("SearchUnavailableException", html, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", html, StringComparison.Ordinal);

        var api = await client.GetAsync("/api/v1/recherche?q=web", Cancel);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);

        var home = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/", Cancel));
        Assert.Equal(11, home.QuerySelectorAll(".sector-tile").Length);
        Assert.Contains("momentanément indisponibles", home.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
