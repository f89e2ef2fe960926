namespace AnnuaireFiliere.Web.Infrastructure;

/// <summary>Where to go back after a POST: only a path on this site, never an open redirect.</summary>
internal static class LocalUrl
{
    public static string OrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
