using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HostFiltering;
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
    /// The public address of the site's home, e.g. <c>https://annuaire.nc</c> (or <c>https://exemple.nc/annuaire</c>
    /// under a <see cref="PathBase"/>). Mails, canonical links, sitemaps and API links use it; without it they use
    /// the request's own address, which a forged <c>Host</c> header can change (set it in production).
    /// </summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>Addresses of the reverse proxies in front of the site (loopback is always trusted).</summary>
    public IReadOnlyList<string> KnownProxies { get; init; } = [];

    /// <summary>Networks of the reverse proxies, in CIDR notation (e.g. <c>172.16.0.0/12</c> for a compose network).</summary>
    public IReadOnlyList<string> KnownNetworks { get; init; } = [];

    /// <summary>
    /// The path the site is served under when it shares a host with others, e.g. <c>/annuaire</c> (a reverse proxy
    /// forwards <c>/annuaire/…</c> as it is): every link, redirect and cookie then carries it. Empty: the host's root.
    /// </summary>
    public string? PathBase { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PublicUrl is not null && (!PublicUrl.IsAbsoluteUri || PublicUrl.Scheme is not ("https" or "http") || PublicUrl.Query.Length > 0))
        {
            yield return new ValidationResult($"{Section}:PublicUrl must be an absolute http(s) address without query, e.g. https://annuaire.nc.", [nameof(PublicUrl)]);
        }
        if (!string.IsNullOrEmpty(PathBase) && !IsPathBase(PathBase))
        {
            yield return new ValidationResult($"{Section}:PathBase must be a path such as /annuaire: starting with /, without a trailing /, query or fragment (\"{PathBase}\").", [nameof(PathBase)]);
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

    private static bool IsPathBase(string path) =>
        path.Length > 1 && path[0] == '/' && path[^1] != '/' && !path.Contains("//", StringComparison.Ordinal)
        && path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.' or '~');
}

public static class PublicAddress
{
    /// <summary>Host names always accepted besides the public one: the container's own health check asks for <c>localhost</c>.</summary>
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>The site's public base address, without a trailing slash (e.g. <c>https://annuaire.nc</c>).</summary>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var configured = context.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value.PublicUrl;
        return configured is not null
            ? configured.AbsoluteUri.TrimEnd('/')
            : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
    }

    /// <summary>
    /// An absolute address on the site, for mails and links that leave it. <paramref name="pathAndQuery"/> is a path of
    /// the site without its path base, as <see cref="LinkGenerator"/> writes it outside a request (<see cref="PageLinks"/>).
    /// </summary>
    public static Uri Absolute(HttpContext context, string pathAndQuery) => new(Of(context) + pathAndQuery);

    /// <summary>
    /// The public, absolute form of a link as the site's pages write it (with the request's path base, from
    /// <c>Url.Page</c> or <c>asp-page</c>): for canonical addresses and links to copy.
    /// </summary>
    public static string OfLink(HttpContext context, string link)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(link);
        var pathBase = context.Request.PathBase.Value;
        var underBase = !string.IsNullOrEmpty(pathBase) && (link == pathBase
            || link.StartsWith(pathBase + "/", StringComparison.Ordinal) || link.StartsWith(pathBase + "?", StringComparison.Ordinal));
        return Of(context) + (underBase ? link[pathBase!.Length..] : link);
    }

    /// <summary>The path of the site's own cookies: its path base, so that the sites sharing a host keep theirs apart.</summary>
    public static string CookiePath(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.PathBase.HasValue ? request.PathBase.Value! : "/";
    }

    /// <summary>Serves the site under <see cref="SiteOptions.PathBase"/> when one is set (before routing).</summary>
    internal static void UseSitePathBase(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<SiteOptions>>().Value.PathBase is { Length: > 0 } pathBase)
        {
            app.UsePathBase(pathBase);
        }
    }

    internal static IHostApplicationBuilder AddPublicAddress(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<SiteLinks>();
        builder.Services.AddSingleton<PageLinks>();
        var site = builder.Services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section).ValidateDataAnnotations();
        if (!builder.Environment.IsDevelopment())
        {
            // Without it, links in mails (password reset), sitemaps, canonical and API links would come from the request's
            // Host header, which anyone can forge. Development uses the request's address (http://localhost:5080).
            site.Validate(options => options.PublicUrl is not null,
                $"{SiteOptions.Section}:PublicUrl is required outside Development ({builder.Environment.EnvironmentName}): the site's public address, e.g. https://annuaire.nc (Site__PublicUrl=...). Mails, sitemaps, canonical and API links use it, and only requests for its host are served.");
        }
        site.ValidateOnStart();
        // Host filtering (AllowedHosts) follows the public address, unless AllowedHosts is set to something else than "*".
        builder.Services.AddOptions<HostFilteringOptions>().PostConfigure<IOptions<SiteOptions>>((filtering, options) =>
        {
            if (options.Value.PublicUrl is { } url && filtering.AllowedHosts is [] or ["*"])
            {
                filtering.AllowedHosts = [url.IdnHost, .. LoopbackHosts];
            }
        });
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
        options.Value.PublicUrl?.AbsoluteUri.TrimEnd('/')
            ?? (server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost").TrimEnd('/')
                + options.Value.PathBase;

    /// <summary>The path base of the site (the current request's, else <see cref="SiteOptions.PathBase"/>): where "home" is.</summary>
    public PathString PathBase => accessor.HttpContext?.Request.PathBase ?? new PathString(options.Value.PathBase);
}
