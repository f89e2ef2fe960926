using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace AnnuaireFiliere.Web.Features.Api;

/// <summary>
/// ETags for the API's GET answers: a hash of the body, and <c>304 Not Modified</c> when the client already has
/// it (<c>If-None-Match</c>). API answers are small JSON documents, so buffering them costs little.
/// </summary>
internal sealed class ConditionalGet(RequestDelegate next)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        if (context.Response.StatusCode == StatusCodes.Status200OK)
        {
            var tag = new EntityTagHeaderValue($"\"{Convert.ToBase64String(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))[..27]}\"", isWeak: true);
            context.Response.Headers.ETag = tag.ToString();
            // Public only when the same for every visitor (the analysts' statistics are theirs alone).
            Infrastructure.CacheHeaders.Set(context, MaxAge);
            if (EntityTagHeaderValue.TryParseList(context.Request.Headers.IfNoneMatch, out var known) && known.Any(k => k.Compare(tag, useStrongComparison: false)))
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                context.Response.ContentLength = 0;
                return;
            }
        }
        context.Response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }
}
