using System.Globalization;

namespace AnnuaireFiliere.Web.Infrastructure;

/// <summary>Picks the resource key of a count's plural form: French treats 0 and 1 as singular, English only 1.</summary>
public static class Plural
{
    public static string Key(string baseKey, long count)
    {
        var singular = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr" ? count is 0 or 1 : count == 1;
        return baseKey + (singular ? ".One" : ".Other");
    }
}
