using AnnuaireFiliere.Web.Infrastructure;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary>One input of an account form (<c>_AccountField</c>): passwords are never written back.</summary>
public sealed record AccountField(string Name, string Id, string Label, string Type, string? Value, string Autocomplete, string? Hint = null);

/// <summary>Links in account mails: absolute, with the Identity token made URL-safe.</summary>
internal static class AccountLinks
{
    public static Uri Absolute(HttpRequest request, string pathAndQuery) =>
        PublicAddress.Absolute(request.HttpContext, pathAndQuery);

    public static string EncodeToken(string token) =>
        Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(token));

    public static string? DecodeToken(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }
        try
        {
            return System.Text.Encoding.UTF8.GetString(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>The site follows the account's language after sign-in and when it is changed on <c>/compte</c>.</summary>
internal static class AccountLanguage
{
    public static void Apply(HttpContext context, Core.Accounts.DirectoryUser user) =>
        context.Response.Cookies.Append(Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName,
            Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.MakeCookieValue(
                new Microsoft.AspNetCore.Localization.RequestCulture(user.PreferredLanguage == "en" ? "en" : "fr-NC")),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = context.Request.IsHttps });
}
