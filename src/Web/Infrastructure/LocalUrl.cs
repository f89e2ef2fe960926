namespace AnnuaireFiliere.Web.Infrastructure;

/// <summary>
/// Where to go back after a POST or a sign-in: only a path of this site, never an open redirect. A return address is
/// written as the browser sees it, path base included (<c>/annuaire/recherche?q=…</c> under <c>Site:PathBase</c>), as the
/// pages' links and the sign-in redirect write it; anything else, or a path outside the path base, gives the home page.
/// </summary>
internal static class LocalUrl
{
    public static string OrHome(HttpContext context, string? url)
    {
        ArgumentNullException.ThrowIfNull(context);
        return OrHome(context.Request.PathBase, url);
    }

    public static string OrHome(PathString pathBase, string? url) =>
        IsLocal(url) && (!pathBase.HasValue || url == pathBase.Value || url!.StartsWith(pathBase.Value + "/", StringComparison.Ordinal)
            || url.StartsWith(pathBase.Value + "?", StringComparison.Ordinal))
            ? url!
            : Home(pathBase);

    /// <summary>The home page's address under <paramref name="pathBase"/> (<c>/</c>, or <c>/annuaire/</c>).</summary>
    public static string Home(PathString pathBase) => pathBase + "/";

    private static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
