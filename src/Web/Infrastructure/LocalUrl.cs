using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Routing;

namespace AnnuaireFiliere.Web.Infrastructure;

/// <summary>
/// Where to go back after a POST or a sign-in: only a path of this site, never an open redirect. The one check of every
/// return address (<c>returnUrl</c>) the site follows or passes on. A return address is written as the browser sees
/// it, path base included (<c>/annuaire/recherche?q=…</c> under <c>Site:PathBase</c>), as the pages' links and the
/// sign-in redirect write it; anything else, or a path outside the path base, gives the home page (or the caller's default).
/// </summary>
internal static class LocalUrl
{
    /// <summary>The framework's own rule (<c>Url.IsLocalUrl</c>: a path, not <c>//</c> or <c>/\</c>, no control character).</summary>
    private static readonly UrlHelper Framework = new(new ActionContext(new DefaultHttpContext(), new RouteData(), new ActionDescriptor()));

    public static string OrHome(HttpContext context, string? url)
    {
        ArgumentNullException.ThrowIfNull(context);
        return OrHome(context.Request.PathBase, url);
    }

    public static string OrHome(PathString pathBase, string? url) => IsSafe(pathBase, url) ? url! : Home(pathBase);

    /// <summary>Where a sign-in leads: the return address when it is safe, else Mon espace, where professionals work.</summary>
    public static string AfterSignIn(HttpContext context, string? url)
    {
        ArgumentNullException.ThrowIfNull(context);
        return IsSafe(context.Request.PathBase, url)
            ? url
            : context.RequestServices.GetRequiredService<LinkGenerator>().GetPathByPage(context, "/MySpace/Index") ?? Home(context.Request.PathBase);
    }

    /// <summary>The home page's address under <paramref name="pathBase"/> (<c>/</c>, or <c>/annuaire/</c>).</summary>
    public static string Home(PathString pathBase) => pathBase + "/";

    /// <summary>
    /// Whether <paramref name="url"/> may be redirected to as it is: a local path by <c>Url.IsLocalUrl</c>, under the
    /// path base, and in printable ASCII only. The site writes its addresses percent-encoded, so a space, a control
    /// character (which browsers drop: <c>/\t/evil.example</c> is <c>//evil.example</c> to them) or a raw non-ASCII
    /// character (which no <c>Location</c> header can carry) means the address did not come from the site.
    /// </summary>
    public static bool IsSafe(PathString pathBase, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? url) =>
        url is { Length: > 0 } && url[0] == '/' && url.All(c => c is > ' ' and < '\u007f') && Framework.IsLocalUrl(url)
        && (!pathBase.HasValue || url == pathBase.Value || url.StartsWith(pathBase.Value + "/", StringComparison.Ordinal)
            || url.StartsWith(pathBase.Value + "?", StringComparison.Ordinal));
}
