using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AnnuaireFiliere.Search.Elasticsearch.Tests;

/// <summary>One request the loopback server received.</summary>
public sealed record ReceivedRequest(string Method, string Path, string Body);

/// <summary>What the loopback server answers: a status and a body (JSON or not).</summary>
public sealed record Answer(int Status, string Body)
{
    public static Answer Json(string body) => new(200, body);
}

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 and a random port, playing an Elasticsearch node: each request is
/// recorded and answered by the test's script. Only loopback; nothing leaves the machine.
/// </summary>
public sealed class LoopbackElasticsearch : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    private LoopbackElasticsearch(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Answers the next request; set by the test, may be changed at any time.</summary>
    public Func<ReceivedRequest, Answer> Script { get; set; } = _ => new Answer(404, "{}");

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    public IReadOnlyList<ReceivedRequest> To(string method, string pathContains) =>
        [.. _received.Where(r => r.Method == method && r.Path.Contains(pathContains, StringComparison.Ordinal))];

    public static async Task<LoopbackElasticsearch> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LoopbackElasticsearch(app);
        app.Run(server.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        server.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    /// <summary>A loopback URL where nothing listens: connections are refused.</summary>
    public static Uri Refusing()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }

    private async Task HandleAsync(HttpContext context)
    {
        // The client compresses request bodies (gzip), as a real node accepts.
        Stream body = context.Request.Headers.ContentEncoding == "gzip"
            ? new System.IO.Compression.GZipStream(context.Request.Body, System.IO.Compression.CompressionMode.Decompress)
            : context.Request.Body;
        using var reader = new StreamReader(body, Encoding.UTF8);
        var request = new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, await reader.ReadToEndAsync());
        _received.Enqueue(request);
        Answer answer;
        try
        {
            answer = Script(request);
        }
        catch (Exception exception)
        {
            // A broken script is the test's fault: say so plainly rather than as a server error.
            answer = new Answer(599, "script failed: " + exception);
        }
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["X-Elastic-Product"] = "Elasticsearch";
        await context.Response.WriteAsync(answer.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
