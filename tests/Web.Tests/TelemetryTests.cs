using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>OpenTelemetry from the service defaults: a request is traced down to the search engine and the database, and the indexing lag is a metric.</summary>
public sealed class TelemetryTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_is_traced_to_the_search_engine_and_the_database_and_the_indexing_lag_is_measured()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        await using var factory = new DirectoryWebFactory
        {
            TestServices = services => services
                .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))
                .ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics)),
        };
        factory.Settings["Telemetry:Enabled"] = "true";
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/recherche?q=informatique", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ma-selection?e=inconnue", Cancel)).StatusCode);
        factory.Services.GetRequiredService<TracerProvider>().ForceFlush();
        factory.Services.GetRequiredService<MeterProvider>().ForceFlush();

        Activity[] finished;
        lock (spans)
        {
            finished = [.. spans];
        }
        var request = Assert.Single(finished, s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("/api/v1/recherche", StringComparison.Ordinal));
        var search = Assert.Single(finished, s => s.Source.Name == "AnnuaireFiliere" && s.OperationName == "search" && s.ParentSpanId == request.SpanId);
        Assert.Equal("lucene", search.GetTagItem("db.system.name"));
        Assert.Contains(finished, s => s.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal));
        Assert.Contains(metrics, m => m.Name == "annuaire.indexing.lag");
        Assert.Contains(metrics, m => m.Name == "annuaire.search.duration");
        Assert.Contains(metrics, m => m.Name == "http.server.request.duration");
    }

    [Fact]
    public async Task Without_a_collector_nothing_is_recorded()
    {
        await using var factory = new DirectoryWebFactory();
        _ = factory.Server;

        Assert.Null(factory.Services.GetService<TracerProvider>());
        Assert.Null(factory.Services.GetService<MeterProvider>());
    }
}
