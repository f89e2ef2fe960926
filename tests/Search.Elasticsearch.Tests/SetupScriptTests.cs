using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace AnnuaireFiliere.Search.Elasticsearch.Tests;

/// <summary>
/// <c>docker/elasticsearch/setup.sh</c> (run by compose with the image's curl) against a loopback node: the roles
/// cover the indices of the configured prefix (<c>Search__Elasticsearch__IndexPrefix</c>, the setting the site and
/// the Indexer read), not a prefix written in the script.
/// </summary>
public sealed class SetupScriptTests : IAsyncLifetime
{
    private LoopbackElasticsearch _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await LoopbackElasticsearch.StartAsync();
        _server.Script = request => request.Path.StartsWith("/_cluster/health", StringComparison.Ordinal)
            ? Answer.Json(CannedResponses.Text("health"))
            : Answer.Json("""{"role":{"created":true}}""");
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_roles_cover_the_indices_of_the_configured_prefix()
    {
        var (exitCode, output) = await RunAsync("site2-");

        Assert.True(exitCode == 0, output);
        var roles = _server.To("PUT", "/_security/role/");
        Assert.Equal(2, roles.Count);
        Assert.All(roles, role => Assert.Equal(["site2-*"], JsonNode.Parse(role.Body)!["indices"]![0]!["names"]!.AsArray().Select(n => n!.GetValue<string>())));
        Assert.Equal(2, _server.To("PUT", "/_security/user/").Count);
    }

    [Theory]
    [InlineData("Annuaire-")]
    [InlineData("a\",\"*")]
    [InlineData("")]
    public async Task A_prefix_the_site_would_refuse_is_refused_before_any_change(string prefix)
    {
        var (exitCode, _) = await RunAsync(prefix);

        Assert.NotEqual(0, exitCode);
        Assert.Empty(_server.To("PUT", "/_security"));
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string prefix, [CallerFilePath] string source = "")
    {
        var script = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "docker", "elasticsearch", "setup.sh"));
        var bash = Which("bash");
        if (bash is null || Which("curl") is null)
        {
            Assert.Skip("setup.sh needs bash and curl, which this machine lacks.");
        }
        var start = new ProcessStartInfo(bash, [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ELASTICSEARCH_URL"] = _server.Url.ToString().TrimEnd('/');
        start.Environment["ELASTIC_PASSWORD"] = "test-elastic";
        start.Environment["INDEXER_ES_PASSWORD"] = "test-indexer";
        start.Environment["WEB_ES_PASSWORD"] = "test-web";
        start.Environment["Search__Elasticsearch__IndexPrefix"] = prefix;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("setup.sh did not finish within 30 s (waiting for a node it cannot reach?)");
        }
        return (process.ExitCode, await output + await errors);
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
