using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace AnnuaireFiliere.Web.Infrastructure;

/// <summary>
/// A request with a method the page has no handler for (a POST to a page that only reads) gets a 405 with
/// <c>Allow</c>, as an endpoint would, instead of the page rendered without its data. Only pages with a GET handler:
/// the error page (re-executed for every method) has none and is left alone.
/// </summary>
internal sealed class MethodNotAllowedFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var handlers = context.ActionDescriptor.HandlerMethods;
        var method = context.HttpContext.Request.Method;
        // Only pages that read (a GET handler); the error page, for one, has none and answers every method.
        if (context.HandlerMethod is not null || HttpMethods.IsHead(method) || !handlers.Any(h => IsMethod(h, HttpMethods.Get))
            || handlers.Any(h => IsMethod(h, method)))
        {
            return;
        }
        var allowed = handlers.Select(h => h.HttpMethod.ToUpperInvariant()).Where(m => m is "GET" or "POST" or "PUT" or "PATCH" or "DELETE")
            .Distinct(StringComparer.Ordinal).ToList();
        if (allowed.Contains(HttpMethods.Get))
        {
            allowed.Add(HttpMethods.Head);
        }
        context.HttpContext.Response.Headers.Allow = string.Join(", ", allowed);
        context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
    }

    private static bool IsMethod(Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure.HandlerMethodDescriptor handler, string method) =>
        string.Equals(handler.HttpMethod, method, StringComparison.OrdinalIgnoreCase);

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
