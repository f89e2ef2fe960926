namespace AnnuaireFiliere.Web.Pages.Compte;

/// <summary>One input of an account form (<c>_AccountField</c>): passwords are never written back.</summary>
public sealed record AccountField(string Name, string Id, string Label, string Type, string? Value, string Autocomplete, string? Hint = null);

/// <summary>Links in account mails: absolute, with the Identity token made URL-safe.</summary>
internal static class AccountLinks
{
    public static Uri Absolute(HttpRequest request, string pathAndQuery) =>
        new($"{request.Scheme}://{request.Host}{request.PathBase}{pathAndQuery}");

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
