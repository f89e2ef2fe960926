using Microsoft.AspNetCore.Localization;

namespace AnnuaireFiliere.Web.Infrastructure;

/// <summary><c>POST /langue</c>: remembers the chosen language in a cookie and goes back to the page.</summary>
internal static class LanguageSwitch
{
    /// <summary>The endpoint's name, for links (<c>Url.Endpoint(LanguageSwitch.Endpoint)</c>).</summary>
    public const string Endpoint = "Langue";

    public static void MapLanguageSwitch(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/langue", (HttpContext context, [Microsoft.AspNetCore.Mvc.FromForm] string? culture, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            var chosen = WebSetup.Cultures.FirstOrDefault(c => c.Name == culture) ?? WebSetup.Cultures[0];
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = context.Request.IsHttps, Path = PublicAddress.CookiePath(context.Request) });
            return Results.LocalRedirect(LocalUrl.OrHome(context, returnUrl));
        }).WithName(Endpoint);
}
