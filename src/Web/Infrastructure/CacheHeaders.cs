using Microsoft.Net.Http.Headers;

namespace AnnuaireFiliere.Web.Infrastructure;

/// <summary>
/// The one rule for who may keep an answer: an answer that can depend on who asks (their roles: the analysts' exact
/// statistics) is <c>private</c>, for the browser only; so is any answer to a signed-in visitor. Only the answers
/// that are the same for every visitor are <c>public</c>, for shared caches too. <c>Vary: Cookie</c> always: the
/// language cookie chooses the labels, the account cookie the audience. Pages are never kept (their forms carry an
/// antiforgery token); this is for the API and the downloads.
/// </summary>
internal static class CacheHeaders
{
    /// <summary>Endpoint metadata: the answer depends on who asks, even when nobody is signed in.</summary>
    public sealed class VariesByVisitorMetadata;

    private static readonly VariesByVisitorMetadata VariesByVisitor = new();

    /// <summary>Marks endpoints whose answer depends on the visitor (see <see cref="CacheHeaders"/>).</summary>
    public static TBuilder DependsOnVisitor<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(VariesByVisitor);

    /// <summary>Whether this answer may differ from one visitor to another.</summary>
    public static bool IsPerVisitor(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.Identity?.IsAuthenticated == true || context.GetEndpoint()?.Metadata.GetMetadata<VariesByVisitorMetadata>() is not null;
    }

    /// <summary>An answer that may be reused for <paramref name="maxAge"/>: by shared caches only when it is the same for everyone.</summary>
    public static void Set(HttpContext context, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(context);
        var visitor = IsPerVisitor(context);
        context.Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { Public = !visitor, Private = visitor, MaxAge = maxAge };
        context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Cookie);
    }
}
