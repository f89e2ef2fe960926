using Microsoft.AspNetCore.Mvc;

namespace AnnuaireFiliere.Web.Infrastructure;

/// <summary>
/// Links by name, with the request's path base, as <c>Url.Page</c> writes them for pages: to the site's own
/// endpoints (<c>MapGet(…).WithName(…)</c>) and, from an endpoint, to a page. A name or page that no route answers
/// throws, so a renamed endpoint fails the first test that renders the link instead of writing a dead one.
/// </summary>
public static class EndpointLinks
{
    /// <summary>The path of the endpoint named <paramref name="name"/> (e.g. <c>Url.Endpoint(LanguageSwitch.Endpoint)</c>).</summary>
    public static string Endpoint(this IUrlHelper url, string name, object? values = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.ActionContext.HttpContext.PathToEndpoint(name, values);
    }

    /// <summary>The path of the endpoint named <paramref name="name"/>, from a request of the site.</summary>
    public static string PathToEndpoint(this HttpContext context, string name, object? values = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices.GetRequiredService<LinkGenerator>().GetPathByName(context, name, values)
            ?? throw new InvalidOperationException($"No endpoint named {name} takes these values.");
    }

    /// <summary>The path of a page (<c>/Search/Index</c>), from a request of the site that is not a page (an endpoint).</summary>
    public static string PathToPage(this HttpContext context, string page, object? values = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices.GetRequiredService<LinkGenerator>().GetPathByPage(context, page, handler: null, values: values)
            ?? throw new InvalidOperationException($"No route leads to the page {page} with these values.");
    }
}
