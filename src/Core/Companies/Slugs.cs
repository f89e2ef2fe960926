using System.Globalization;
using System.Text;

namespace AnnuaireFiliere.Core.Companies;

/// <summary>URL names: lower case ASCII words joined by dashes ("Société Calédonienne d'Électronique" → "societe-caledonienne-d-electronique").</summary>
public static class Slugs
{
    public const int MaxLength = 80;

    public static string From(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(Math.Min(decomposed.Length, MaxLength));
        var pendingDash = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var folded = c switch
            {
                'œ' or 'Œ' => "oe",
                'æ' or 'Æ' => "ae",
                'ß' => "ss",
                _ => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c).ToString() : null,
            };
            if (folded is null)
            {
                pendingDash = builder.Length > 0;
                continue;
            }
            if (pendingDash)
            {
                builder.Append('-');
                pendingDash = false;
            }
            builder.Append(folded);
            if (builder.Length >= MaxLength)
            {
                break;
            }
        }
        var slug = builder.ToString().TrimEnd('-');
        return slug.Length == 0 ? "entreprise" : slug[..Math.Min(slug.Length, MaxLength)].TrimEnd('-');
    }

    /// <summary>The slug of <paramref name="name"/>, suffixed <c>-2</c>, <c>-3</c> … until <paramref name="isTaken"/> says it is free.</summary>
    public static async Task<string> UniqueAsync(string name, Func<string, Task<bool>> isTaken)
    {
        ArgumentNullException.ThrowIfNull(isTaken);
        var stem = From(name);
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? stem : string.Create(CultureInfo.InvariantCulture, $"{stem}-{n}");
            if (!await isTaken(candidate).ConfigureAwait(false))
            {
                return candidate;
            }
        }
    }
}
