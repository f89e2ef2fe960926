using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace AnnuaireFiliere.Web.Infrastructure;

/// <summary>
/// Where the site is reached from outside (<c>Site</c> section): its public address, and the reverse proxies whose
/// <c>X-Forwarded-For</c>/<c>-Proto</c> headers are believed (for rate limits by client address and for https).
/// </summary>
public sealed class SiteOptions : IValidatableObject
{
    public const string Section = "Site";

    /// <summary>
    /// The public address, e.g. <c>https://annuaire.nc</c>. Mails, canonical links, sitemaps and API links use it;
    /// without it they use the request's own address, which a forged <c>Host</c> header can change (set it in production).
    /// </summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>Addresses of the reverse proxies in front of the site (loopback is always trusted).</summary>
    public IReadOnlyList<string> KnownProxies { get; init; } = [];

    /// <summary>Networks of the reverse proxies, in CIDR notation (e.g. <c>172.16.0.0/12</c> for a compose network).</summary>
    public IReadOnlyList<string> KnownNetworks { get; init; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PublicUrl is not null && (!PublicUrl.IsAbsoluteUri || PublicUrl.Scheme is not ("https" or "http") || PublicUrl.Query.Length > 0))
        {
            yield return new ValidationResult($"{Section}:PublicUrl must be an absolute http(s) address without query, e.g. https://annuaire.nc.", [nameof(PublicUrl)]);
        }
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"{Section}:KnownProxies: \"{proxy}\" is not an IP address.", [nameof(KnownProxies)]);
        }
        foreach (var network in KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"{Section}:KnownNetworks: \"{network}\" is not a network in CIDR notation (e.g. 10.0.0.0/8).", [nameof(KnownNetworks)]);
        }
    }
}

public static partial class PublicAddress
{
    internal static void WarnWhenMissing(WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && app.Services.GetRequiredService<IOptions<SiteOptions>>().Value.PublicUrl is null)
        {
            PublicUrlMissing(app.Logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site:PublicUrl is not set: links in mails are built from the request's Host header. Set it to the site's public address.")]
    private static partial void PublicUrlMissing(ILogger logger);

    /// <summary>The site's public base address, without a trailing slash (e.g. <c>https://annuaire.nc</c>).</summary>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var configured = context.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value.PublicUrl;
        return configured is not null
            ? configured.AbsoluteUri.TrimEnd('/')
            : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
    }

    /// <summary>An absolute address on the site, for mails and links that leave it.</summary>
    public static Uri Absolute(HttpContext context, string pathAndQuery) => new(Of(context) + pathAndQuery);

    internal static IHostApplicationBuilder AddPublicAddress(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<SiteLinks>();
        builder.Services.AddSingleton<PageLinks>();
        builder.Services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SiteOptions>>((options, site) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in site.Value.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in site.Value.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }
}

/// <summary>
/// Absolute links for mails, from a request or from a background service: the public address when configured, else
/// the current request's, else the address the server listens on (<see cref="ConfiguredRoot"/> leaves the request out).
/// </summary>
public sealed class SiteLinks(IHttpContextAccessor accessor, IOptions<SiteOptions> options, Microsoft.AspNetCore.Hosting.Server.IServer server)
{
    public Uri Absolute(string pathAndQuery)
    {
        if (accessor.HttpContext is { } context)
        {
            return PublicAddress.Absolute(context, pathAndQuery);
        }
        return new Uri(ConfiguredRoot() + pathAndQuery);
    }

    /// <summary>
    /// The public address when configured, else the address the server listens on, without a trailing slash; never
    /// the current request's. For what is written once and then served to everyone (the open-data files): a request
    /// that happens to trigger it must not decide, with its <c>Host</c> header, what the others get.
    /// </summary>
    public string ConfiguredRoot() =>
        (options.Value.PublicUrl?.AbsoluteUri
            ?? server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? "http://localhost").TrimEnd('/');
}
