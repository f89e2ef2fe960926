using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary>
/// One input of an account form (<c>_AccountField</c>, rendered with <c>for</c>: the field's name and value come from
/// the model expression; passwords are never written back): its element id, label, input type and hint.
/// </summary>
public sealed record AccountField(string Id, string Label, string Type, string Autocomplete, string? Hint = null)
{
    private const string Key = nameof(AccountField);

    /// <summary>The partial's view data: the page's, with this field.</summary>
    public ViewDataDictionary In(ViewDataDictionary viewData) => new(viewData) { [Key] = this };

    public static AccountField Of(ViewDataDictionary viewData)
    {
        ArgumentNullException.ThrowIfNull(viewData);
        return viewData[Key] as AccountField ?? throw new InvalidOperationException("_AccountField needs an AccountField in its view data (AccountField.In).");
    }
}

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
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = context.Request.IsHttps,
                Path = PublicAddress.CookiePath(context.Request) });
}
