namespace AnnuaireFiliere.Core.Search;

/// <summary>
/// Verbs and their nouns meet (<c>Search/word-forms.txt</c>): each folded form of a family ("reparer",
/// "reparons", "reparateur", "reparations") is indexed and searched as the family's first word ("reparation"),
/// before light stemming, which it then skips. Both engines apply the same table: Lucene's
/// <c>StemmerOverrideFilter</c> and Elasticsearch's <c>stemmer_override</c>.
/// </summary>
public static class WordForms
{
    /// <summary>Folded form → the family's word, for every form the file gives or implies.</summary>
    public static IReadOnlyDictionary<string, string> Overrides { get; } = Load();

    /// <summary>The table as Elasticsearch's <c>stemmer_override</c> rules ("a, b, c => root"), one a family.</summary>
    public static IReadOnlyList<string> Rules { get; } =
        [.. Overrides.GroupBy(p => p.Value, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Join(", ", g.Select(p => p.Key).Order(StringComparer.Ordinal)) + " => " + g.Key)];

    /// <summary>The forms a listed word stands for: itself, its plural, and a verb's usual forms.</summary>
    public static IEnumerable<string> Forms(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        yield return word;
        if (word.Length > 4 && word.EndsWith("er", StringComparison.Ordinal))
        {
            var stem = word[..^2];
            // -ger verbs keep their e before o and a (hébergeons, hébergeant).
            var soft = stem.EndsWith('g') ? stem + "e" : stem;
            foreach (var ending in new[] { "e", "es", "ez", "ent", "e", "ee", "es", "ees" })
            {
                yield return stem + ending;
            }
            yield return soft + "ons";
            yield return soft + "ant";
            yield break;
        }
        if (!word.EndsWith('s') && !word.EndsWith('x') && !word.EndsWith('z'))
        {
            yield return word + "s";
        }
    }

    /// <summary>Lower case without accents (as ASCII folding writes French words); the analyzer cannot be used here, it reads this table.</summary>
    internal static string Fold(string word) =>
        new([.. word.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)]);

    private static Dictionary<string, string> Load()
    {
        using var stream = typeof(WordForms).Assembly.GetManifestResourceStream("AnnuaireFiliere.Core.Search.word-forms.txt")
            ?? throw new InvalidDataException("Search/word-forms.txt is not embedded.");
        using var reader = new StreamReader(stream);
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in reader.ReadToEnd().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Fold).ToList();
            foreach (var form in words.SelectMany(Forms).Distinct(StringComparer.Ordinal))
            {
                if (overrides.TryGetValue(form, out var other) && other != words[0])
                {
                    throw new InvalidDataException($"word-forms.txt: « {form} » is in the families of « {other} » and « {words[0]} ».");
                }
                overrides[form] = words[0];
            }
        }
        return overrides;
    }
}
