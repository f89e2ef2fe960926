using Microsoft.AspNetCore.Mvc.Filters;

namespace AnnuaireFiliere.Web.Infrastructure;

/// <summary>
/// An upload page's largest body. A request that declares more answers 413 before anything reads its form (the
/// antiforgery check would otherwise fail to read it and answer an empty 400); the status code page then says
/// so, with the limit, in the visitor's language. Used next to <c>[RequestSizeLimit]</c> and
/// <c>[RequestFormLimits]</c>, which stop a body that does not declare its length.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadLimitAttribute(long maxBytes) : Attribute, IAuthorizationFilter, IOrderedFilter
{
    private const string ItemKey = "UploadLimit.MaxBytes";

    public long MaxBytes { get; } = maxBytes;

    /// <summary>Before the antiforgery check (order 1000), which reads the form.</summary>
    public int Order => 800;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Kept for the error page, also when the server stops an undeclared body later (413 from Kestrel).
        context.HttpContext.Items[ItemKey] = MaxBytes;
        if (context.HttpContext.Request.ContentLength > MaxBytes)
        {
            context.Result = new Microsoft.AspNetCore.Mvc.StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
        }
    }

    /// <summary>The limit of the upload page that refused the request, in whole megabytes, if one did.</summary>
    public static long? Megabytes(HttpContext context) =>
        context?.Items[ItemKey] is long bytes ? bytes / (1024 * 1024) : null;
}
