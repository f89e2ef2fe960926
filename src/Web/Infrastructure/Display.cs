using AnnuaireFiliere.Core.Companies;

namespace AnnuaireFiliere.Web.Infrastructure;

/// <summary>Small presentation helpers shared by the search, profile and shortlist pages.</summary>
public static class Display
{
    private static readonly HashSet<string> Articles = new(StringComparer.OrdinalIgnoreCase) { "la", "le", "les", "l", "de", "du", "des", "d", "et", "&", "the" };

    /// <summary>Up to two letters standing in for a logo: "Société Calédonienne d'Études" → "SC".</summary>
    public static string Initials(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = name.Split([' ', '\'', '’', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => char.IsLetterOrDigit(w[0]) && !Articles.Contains(w))
            .ToList();
        return words.Count switch
        {
            0 => "?",
            1 => words[0][..Math.Min(2, words[0].Length)].ToUpperInvariant(),
            _ => string.Concat(char.ToUpperInvariant(words[0][0]), char.ToUpperInvariant(words[1][0])),
        };
    }

    /// <summary>A stable element id for a filter checkbox: the same value keeps its id (and its focus) across updates.</summary>
    public static string InputId(string parameter, string code) => $"f-{parameter}-{Slugs.From(code)}";

    /// <summary>New Caledonia's time zone (UTC+11, no daylight saving): dates are shown as people there live them.</summary>
    public static readonly TimeZoneInfo Noumea = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Noumea");

    /// <summary>A UTC time as a date in New Caledonia ("12 mars 2026").</summary>
    public static string Date(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), Noumea).ToString("d MMMM yyyy", System.Globalization.CultureInfo.CurrentCulture);

    /// <summary>A UTC time as a date and time in New Caledonia ("12 mars 2026 14:05").</summary>
    public static string DateTime(System.DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), Noumea).ToString("d MMMM yyyy HH:mm", System.Globalization.CultureInfo.CurrentCulture);

    /// <summary>A phone number as shown ("+687 27 12 34") and as dialled ("tel:+687271234"); unparsable ones as stored.</summary>
    public static (string Text, string Uri) Phone(string stored) =>
        PhoneNumber.TryParse(stored, out var phone) ? (phone.ToString(), phone.ToUri()) : (stored, "tel:" + stored.Replace(" ", "", StringComparison.Ordinal));
}
