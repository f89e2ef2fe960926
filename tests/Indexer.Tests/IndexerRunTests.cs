using System.Diagnostics;
using System.Net;
using System.Text;
using AnnuaireFiliere.Core.Search.Lucene;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnnuaireFiliere.Indexer.Tests;

/// <summary>The standalone worker (<c>run</c>), as a real process: health endpoint, SIGTERM, the cursor it leaves.</summary>
public sealed class IndexerRunTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "annuaire-indexer-tests", Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _output = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_indexes_serves_health_and_stops_cleanly_on_sigterm()
    {
        Assert.Equal(ExitCodes.Success, (await IndexerProcess.RunAsync("seed", "--count", "200", "--data", _data)).ExitCode);
        var url = $"http://127.0.0.1:{FreePort()}";
        using var process = IndexerProcess.Start(_output, "run", "--data", _data, "--health-urls", url);
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };

        var ready = await WaitForAsync(http, "/health/ready", report => Status(report) == "Healthy", process);
        Assert.True(ready, $"never ready; output: {Output}");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live", Cancel)).StatusCode);

        // A change while it runs is indexed by the loop.
        var lastTask = Scalar("SELECT MAX(Id) FROM IndexingTasks");
        Execute("UPDATE Companies SET Version = Version + 1 WHERE Id = (SELECT Id FROM Companies WHERE Status = 'Published' LIMIT 1)");
        Execute("INSERT INTO IndexingTasks (CompanyId, Reason, CompanyVersion, CreatedAt) SELECT Id, 'Updated', Version, CURRENT_TIMESTAMP FROM Companies WHERE Status = 'Published' LIMIT 1");
        Assert.True(await WaitForAsync(http, "/health/ready", report => Cursor(report) == lastTask + 1, process), $"change not indexed; output: {Output}");

        Assert.Equal(0, await SignalAsync(process.Id, "TERM"));
        await process.WaitForExitAsync(Cancel).WaitAsync(TimeSpan.FromSeconds(30), Cancel);

        Assert.Equal(ExitCodes.Success, process.ExitCode);
        Assert.Contains("Arrêté proprement", Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", Output, StringComparison.Ordinal);
        // The process let go of the index, and its cursor is committed with it.
        using var index = new LuceneIndex(Path.Combine(_data, "index"), NullLogger<LuceneIndex>.Instance);
        var state = await index.GetStateAsync(Cancel);
        Assert.True(state.Initialized);
        Assert.Equal(lastTask + 1, state.Cursor);
        Assert.Equal(Scalar("SELECT COUNT(*) FROM Companies WHERE Status = 'Published'"), state.Documents);
    }

    [Fact]
    public async Task Run_waits_for_an_unreachable_elasticsearch_reports_it_and_still_stops_cleanly()
    {
        await IndexerProcess.RunAsync("migrate", "--data", _data);
        var url = $"http://127.0.0.1:{FreePort()}";
        var environment = new Dictionary<string, string>
        {
            ["Search__Provider"] = "Elasticsearch",
            ["Search__Elasticsearch__Nodes__0"] = $"http://127.0.0.1:{FreePort()}",   // nothing listens there
            ["Search__Elasticsearch__RetryDelay"] = "00:00:00.050",
        };
        using var process = IndexerProcess.Start(_output, environment, "run", "--data", _data, "--health-urls", url);
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };

        Assert.True(await WaitForAsync(http, "/health/live", _ => true, process), $"never live; output: {Output}");
        var ready = await http.GetAsync("/health/ready", Cancel);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", System.Text.Json.Nodes.JsonNode.Parse(await ready.Content.ReadAsStringAsync(Cancel))!["checks"]!["elasticsearch"]!["status"]!.GetValue<string>());
        Assert.False(process.HasExited);   // it waits for the cluster rather than exiting

        Assert.Equal(0, await SignalAsync(process.Id, "TERM"));
        await process.WaitForExitAsync(Cancel).WaitAsync(TimeSpan.FromSeconds(30), Cancel);

        Assert.Equal(ExitCodes.Success, process.ExitCode);
        Assert.Contains("Indexing failed", Output, StringComparison.Ordinal);   // the loop said why it waits
        Assert.Contains("Arrêté proprement", Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_refuses_an_index_another_process_writes()
    {
        await IndexerProcess.RunAsync("migrate", "--data", _data);
        using var held = new LuceneIndex(Path.Combine(_data, "index"), NullLogger<LuceneIndex>.Instance);

        var result = await IndexerProcess.RunAsync("run", "--data", _data, "--health-urls", $"http://127.0.0.1:{FreePort()}");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("déjà ouvert en écriture", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_on_an_unreachable_elasticsearch_says_so_with_exit_code_5()
    {
        var closed = $"http://127.0.0.1:{FreePort()}";
        var environment = new Dictionary<string, string>
        {
            ["Search__Provider"] = "Elasticsearch",
            ["Search__Elasticsearch__Nodes__0"] = closed,
        };

        var result = await IndexerProcess.RunAsync(environment, "status", "--data", _data);

        Assert.Equal(ExitCodes.Unavailable, result.ExitCode);
        Assert.Contains("Moteur de recherche indisponible", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Elasticsearch_settings_are_checked_at_start()
    {
        var result = await IndexerProcess.RunAsync(new Dictionary<string, string> { ["Search__Provider"] = "Elasticsearch" }, "status", "--data", _data);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("Search:Elasticsearch:Nodes", result.Output, StringComparison.Ordinal);
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private static string? Status(string report) => System.Text.Json.Nodes.JsonNode.Parse(report)?["status"]?.GetValue<string>();

    private static long? Cursor(string report) => System.Text.Json.Nodes.JsonNode.Parse(report)?["checks"]?["search"]?["data"]?["cursor"]?.GetValue<long>();

    /// <summary>
    /// Asks the running Indexer's health endpoint until <paramref name="done"/> holds. A poll, on purpose: the indexer
    /// is another process (the real executable), whose only window is this endpoint, and nothing in it can signal
    /// this test. Bounded (60 s, or as soon as the process exits) so that a broken indexer fails the test instead of
    /// hanging it.
    /// </summary>
    private static async Task<bool> WaitForAsync(HttpClient http, string path, Func<string, bool> done, Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if (done(await http.GetStringAsync(path, Cancel)))
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet, or not ready (503).
            }
            await Task.Delay(200, Cancel);
        }
        return false;
    }

    /// <summary>Sends a POSIX signal with the system's kill (the .NET API only kills).</summary>
    private static async Task<int> SignalAsync(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("/bin/kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        await kill.WaitForExitAsync(Cancel);
        return kill.ExitCode;
    }

    private static int FreePort() => DataFolder.FreePort();

    private long Scalar(string sql) => DataFolder.Scalar(_data, sql);

    private void Execute(string sql) => DataFolder.Execute(_data, sql);

    public void Dispose() => DataFolder.Delete(_data);
}
