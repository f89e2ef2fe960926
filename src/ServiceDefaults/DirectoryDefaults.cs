using System.Text.Json;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AnnuaireFiliere.ServiceDefaults;

/// <summary>
/// What every process of the directory (the site and the Indexer) does the same way, the eShop way: health
/// checks and their endpoints, OpenTelemetry traces and metrics (ASP.NET Core, HttpClient, EF Core, the search
/// engine, the indexing lag) exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and JSON console
/// logs in Production. Each feature still validates its own options at start (<c>ValidateOnStart</c>).
/// </summary>
public static class DirectoryDefaults
{
    /// <summary>Turns telemetry on without an OTLP endpoint (tests add an exporter of their own).</summary>
    public const string TelemetryEnabledKey = "Telemetry:Enabled";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IHostApplicationBuilder AddDirectoryDefaults(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks();
        if (builder.Environment.IsProduction())
        {
            // One JSON object per line: what log collectors read without a parser of their own.
            builder.Logging.AddJsonConsole(options =>
            {
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (otlp || builder.Configuration.GetValue(TelemetryEnabledKey, false))
        {
            // Off otherwise: without a collector, recording spans would only cost time on every request.
            builder.AddTelemetry(otlp);
        }
        return builder;
    }

    private static void AddTelemetry(this IHostApplicationBuilder builder, bool otlp)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Microsoft.EntityFrameworkCore", DirectoryTelemetry.Name))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource(DirectoryTelemetry.Name));
        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }
    }

    /// <summary>
    /// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (the checks tagged ready: database,
    /// search index and its lag, the cluster in scaled mode): 200 when healthy or degraded, 503 otherwise, with a
    /// JSON report of each check's state and reason (no exception details).
    /// </summary>
    public static IEndpointRouteBuilder MapDirectoryHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(DataSetup.ReadyTag),
            ResponseWriter = WriteReportAsync,
        });
        return endpoints;
    }

    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        }, Json);
    }
}
