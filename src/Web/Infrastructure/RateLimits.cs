using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Infrastructure;

/// <summary>How a request refused by a rate limit is answered, read from its endpoint's metadata.</summary>
public enum RateLimitAnswer
{
    /// <summary>The site's French "Trop de demandes" page (the default).</summary>
    ErrorPage = 0,

    /// <summary>An RFC 9457 problem document in French (the API).</summary>
    Problem = 1,

    /// <summary>
    /// The page itself, told by <see cref="RateLimitRejection"/> that it may not act now: it shows its form again
    /// with a message, so nothing typed is lost.
    /// </summary>
    InPage = 2,
}

/// <summary>Marks an endpoint (a page model, an endpoint group) with how its rate-limit refusals are answered.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RateLimitAnswerAttribute(RateLimitAnswer answer) : Attribute
{
    public RateLimitAnswer Answer { get; } = answer;
}

/// <summary>Set on a request refused by a rate limit whose page answers in place (<see cref="RateLimitAnswer.InPage"/>).</summary>
public sealed record RateLimitRejection(TimeSpan RetryAfter);

/// <summary>
/// The site's one rate limiter (ASP.NET Core's): each feature adds its named policy with
/// <see cref="AddClientAddressPolicy"/> (sign-in forms, error reports, the API), and one <c>OnRejected</c> answers
/// by the endpoint's <see cref="RateLimitAnswerAttribute"/>: the French error page, a problem document, or the page
/// itself. Every refusal carries <c>Retry-After</c>.
/// </summary>
public static class RateLimits
{
    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRateLimiter(options => options.OnRejected = RejectAsync);
        return builder;
    }

    /// <summary>
    /// A named policy: <paramref name="permits"/> requests (or only POSTs, when <paramref name="postsOnly"/>) per
    /// <paramref name="window"/> and client address (as the trusted proxy saw it). The permits are read on each
    /// request from the options, so tests and operators can change them.
    /// </summary>
    public static IHostApplicationBuilder AddClientAddressPolicy(this IHostApplicationBuilder builder, string name,
        Func<IServiceProvider, int> permits, TimeSpan window, bool postsOnly)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<RateLimiterOptions>(options => options.AddPolicy(name, context =>
        {
            if (postsOnly && !HttpMethods.IsPost(context.Request.Method))
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }
            var limit = permits(context.RequestServices);
            return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "inconnue", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit,
                Window = window,
                QueueLimit = 0,
            });
        }));
        return builder;
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var endpoint = context.GetEndpoint();
        switch (endpoint?.Metadata.GetMetadata<RateLimitAnswerAttribute>()?.Answer ?? RateLimitAnswer.ErrorPage)
        {
            case RateLimitAnswer.Problem:
                var text = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: text["Api.TooManyTitle"], detail: text["Api.TooManyDetail", seconds])
                    .ExecuteAsync(context);
                break;
            case RateLimitAnswer.InPage when endpoint?.RequestDelegate is { } page:
                context.Features.Set(new RateLimitRejection(retryAfter));
                await page(context);
                break;
            default:
                // No body: the status code pages show the French error page for 429.
                break;
        }
    }
}
