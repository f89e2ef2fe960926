using System.Text;

namespace AnnuaireFiliere.Core.Search;

/// <summary>Why a line typed by a moderator is not a rule; <see cref="SynonymLineError.Detail"/> names the words concerned.</summary>
public enum SynonymProblem
{
    /// <summary>Nothing typed.</summary>
    Empty,

    /// <summary>Longer than <see cref="SynonymLines.MaxLength"/> characters.</summary>
    TooLong,

    /// <summary>Starts with <c>#</c>, which the rule file reads as a comment.</summary>
    Comment,

    /// <summary>More than one <c>=></c>.</summary>
    SeveralArrows,

    /// <summary>Nothing before or after <c>=></c>.</summary>
    EmptySide,

    /// <summary>More than <see cref="SynonymLines.MaxVariants"/> words or expressions.</summary>
    TooManyVariants,

    /// <summary>A word or expression longer than <see cref="SynonymLines.VariantMaxLength"/> characters.</summary>
    VariantTooLong,

    /// <summary>A word or expression that search ignores entirely (only stop words or punctuation).</summary>
    NoWord,

    /// <summary>Fewer than two different words or expressions once read as search reads them.</summary>
    NothingRelated,

    /// <summary>Another rule says the same (its number is the detail).</summary>
    Duplicate,
}

public sealed record SynonymLineError(SynonymProblem Problem, string? Detail = null);

/// <summary>
/// The rules a moderator's line must follow to become a <see cref="SynonymRule"/>, and its written form (variants
/// separated by ", ", sides by " => ", spaces collapsed), so that the same rule is always written the same way.
/// </summary>
public static class SynonymLines
{
    public const int MaxLength = 600;
    public const int MaxVariants = 30;
    public const int VariantMaxLength = 80;
    public const int ReasonMaxLength = 500;
    public const string Arrow = "=>";

    /// <summary>The line as stored: spaces collapsed, empty variants dropped, ", " and " => " between the rest.</summary>
    public static string Normalize(string? line)
    {
        var sides = Collapse(line).Split(Arrow, StringSplitOptions.TrimEntries);
        return string.Join(" " + Arrow + " ", sides.Select(side => string.Join(", ", Variants(side))));
    }

    /// <summary>What is wrong with a line (already <see cref="Normalize">normalized</see> or not); empty when it is a rule.</summary>
    public static IReadOnlyList<SynonymLineError> Check(string? line)
    {
        var text = Normalize(line);
        if (text.Length == 0)
        {
            return [new(SynonymProblem.Empty)];
        }
        var errors = new List<SynonymLineError>();
        if (text.Length > MaxLength)
        {
            errors.Add(new(SynonymProblem.TooLong, text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (text.StartsWith('#'))
        {
            errors.Add(new(SynonymProblem.Comment));
        }
        var sides = Collapse(line).Split(Arrow, StringSplitOptions.TrimEntries);
        if (sides.Length > 2)
        {
            errors.Add(new(SynonymProblem.SeveralArrows));
        }
        else if (sides.Length == 2 && (Variants(sides[0]).Count == 0 || Variants(sides[1]).Count == 0))
        {
            errors.Add(new(SynonymProblem.EmptySide));
        }
        var variants = sides.SelectMany(Variants).ToList();
        if (variants.Count > MaxVariants)
        {
            errors.Add(new(SynonymProblem.TooManyVariants, variants.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        errors.AddRange(variants.Where(v => v.Length > VariantMaxLength).Select(v => new SynonymLineError(SynonymProblem.VariantTooLong, v)));
        errors.AddRange(variants.Where(v => FrenchTextAnalyzer.Stemming.Terms(v).Count == 0).Select(v => new SynonymLineError(SynonymProblem.NoWord, v)));
        if (errors.Count == 0 && SynonymCatalog.Parse(text) is null)
        {
            errors.Add(new(SynonymProblem.NothingRelated, string.Join(", ", variants.Select(v => string.Join(' ', FrenchTextAnalyzer.Stemming.Terms(v))).Distinct(StringComparer.Ordinal))));
        }
        return errors;
    }

    /// <summary>
    /// What a rule means to search, to tell two lines that say the same: the analysed variants searched, and those
    /// found, each sorted.
    /// </summary>
    public static string Meaning(SynonymRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        static string Keys(IEnumerable<SynonymVariant> variants) => string.Join('|', variants.Select(v => v.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return Keys(rule.Searched) + Arrow + Keys(rule.Found);
    }

    private static List<string> Variants(string side) =>
        [.. side.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(v => v.Length > 0)];

    private static string Collapse(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return string.Empty;
        }
        var builder = new StringBuilder(line.Length);
        foreach (var c in line.Trim())
        {
            var space = char.IsWhiteSpace(c) || char.IsControl(c);
            if (!space || (builder.Length > 0 && builder[^1] != ' '))
            {
                builder.Append(space ? ' ' : c);
            }
        }
        return builder.ToString();
    }
}
