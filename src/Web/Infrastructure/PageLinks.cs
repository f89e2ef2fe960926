namespace AnnuaireFiliere.Web.Infrastructure;

/// <summary>
/// Absolute links to the site's pages, for mails: the path from the routes (<see cref="LinkGenerator"/>, by page name,
/// so a changed <c>@page</c> route follows) at the site's public address (<see cref="SiteLinks"/>, <c>Site:PublicUrl</c>).
/// </summary>
public sealed class PageLinks(SiteLinks site, LinkGenerator routes)
{
    /// <summary>The page's absolute address, e.g. <c>Absolute("/MySpace/Invitation", new { jeton })</c>.</summary>
    public Uri Absolute(string page, object? values = null) =>
        site.Absolute(routes.GetPathByPage(page, handler: null, values: values) ?? throw new InvalidOperationException($"No route leads to the page {page} with these values."));
}
