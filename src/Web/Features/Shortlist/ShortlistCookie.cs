using AnnuaireFiliere.Web.Infrastructure;

namespace AnnuaireFiliere.Web.Features.Shortlist;

/// <summary>
/// The buyer's shortlist ("Ma sélection") without an account: company slugs in a first-party cookie, so it
/// works without JavaScript and survives a reload. Slugs are stable and only ever contain <c>[a-z0-9-]</c>.
/// </summary>
public static class ShortlistCookie
{
    public const string Name = "af.selection";

    /// <summary>Keeps the cookie well under the 4 KB browsers accept (80-character slugs at most).</summary>
    public const int MaxEntries = 40;

    private const char Separator = '.';

    public static IReadOnlyList<string> Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Parse(request.Cookies[Name]);
    }

    /// <summary>Slugs from a cookie or a shared link: well-formed ones only, without duplicates, at most <see cref="MaxEntries"/>.</summary>
    public static IReadOnlyList<string> Clean(IEnumerable<string?> values) =>
        [.. values.OfType<string>().Where(IsSlug).Distinct(StringComparer.Ordinal).Take(MaxEntries)];

    public static IReadOnlyList<string> Parse(string? value) =>
        string.IsNullOrEmpty(value) ? [] : Clean(value.Split(Separator));

    public static void Write(HttpResponse response, IReadOnlyList<string> slugs)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(slugs);
        if (slugs.Count == 0)
        {
            response.Cookies.Delete(Name, new CookieOptions { Path = PublicAddress.CookiePath(response.HttpContext.Request) });
            return;
        }
        response.Cookies.Append(Name, string.Join(Separator, slugs), new CookieOptions
        {
            Expires = DateTimeOffset.UtcNow.AddYears(1),
            HttpOnly = true,
            IsEssential = true,          // the visitor asked for it: a functional cookie
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            Path = PublicAddress.CookiePath(response.HttpContext.Request),
        });
    }

    private static bool IsSlug(string value) =>
        value.Length is > 0 and <= 80 && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
