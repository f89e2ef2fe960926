using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AnnuaireFiliere.Web.Features.Errors;

/// <summary>The French error page (<c>/erreur/404</c>, <c>/erreur/500</c>…), shown with the original status code.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public bool IsNotFound { get; private set; }

    public bool IsUnavailable { get; private set; }

    public bool IsTooManyRequests { get; private set; }

    public bool IsForbidden { get; private set; }

    public bool IsTooLarge { get; private set; }

    /// <summary>For a 413: the largest upload of the page that refused it, in megabytes, when known.</summary>
    public long? UploadMegabytes { get; private set; }

    /// <summary>For a 413: the page the file was sent to, to try again.</summary>
    public string? SentTo { get; private set; }

    public string? RequestId { get; private set; }

    // No handler methods: any verb re-executed here (a POST that failed, say) renders the page without reading a form.
    public override void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // /erreur/{code} for status code pages; /erreur alone after an exception, whose status is already set.
        Describe(int.TryParse(RouteData.Values["code"]?.ToString(), out var code) ? code : Response.StatusCode);
    }

    private void Describe(int? code)
    {
        var status = code is >= 400 and <= 599 ? code.Value : StatusCodes.Status500InternalServerError;
        IsNotFound = status == StatusCodes.Status404NotFound;
        IsUnavailable = status == StatusCodes.Status503ServiceUnavailable;
        IsTooManyRequests = status == StatusCodes.Status429TooManyRequests;
        IsForbidden = status == StatusCodes.Status403Forbidden;
        IsTooLarge = status == StatusCodes.Status413PayloadTooLarge;
        if (IsTooLarge)
        {
            UploadMegabytes = Infrastructure.UploadLimitAttribute.Megabytes(HttpContext);
            SentTo = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is { } original
                ? original.OriginalPathBase + original.OriginalPath : null;
        }
        if (IsUnavailable)
        {
            Response.Headers.RetryAfter = "30";
        }
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        // Reached directly (/erreur/404), the page still answers with the status it describes.
        Response.StatusCode = status;
    }
}
