namespace AnnuaireFiliere.Web.Features.Companies;

/// <summary>
/// The address of a published company's profile (the page <see cref="Page"/>), for what links to profiles in bulk
/// or away from the site: sitemaps, the API, the open data, the shortlist export. The path comes from the page's
/// route, without the path base; <c>PublicAddress.Of</c> or <c>SiteLinks.ConfiguredRoot</c> give the site's address.
/// </summary>
public sealed class ProfileAddress(LinkGenerator links)
{
    public const string Page = "/Companies/Profile";

    /// <summary>The profile's path on the site, e.g. <c>/entreprises/lagon-numerique</c>.</summary>
    public string Path(string slug) =>
        links.GetPathByPage(Page, handler: null, values: new { slug })
            ?? throw new InvalidOperationException($"No route leads to the page {Page}.");
}
