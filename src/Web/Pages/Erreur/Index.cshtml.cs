using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AnnuaireFiliere.Web.Pages.Erreur;

/// <summary>The French error page (<c>/erreur/404</c>, <c>/erreur/500</c>…), shown with the original status code.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class IndexModel : PageModel
{
    public bool IsNotFound { get; private set; }

    public string? RequestId { get; private set; }

    public void OnGet(int? code) => Describe(code);

    // Re-executed POSTs (e.g. a 404 on a form target) land here too.
    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code is >= 400 and <= 599 ? code.Value : StatusCodes.Status500InternalServerError;
        IsNotFound = status == StatusCodes.Status404NotFound;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        // Reached directly (/erreur/404), the page still answers with the status it describes.
        Response.StatusCode = status;
    }
}
