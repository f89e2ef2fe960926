namespace AnnuaireFiliere.Core.Search;

/// <summary>
/// Words written in two parts meet their one-word form: "wi-fi", "wi fi" and "wifi"; "e-commerce" and
/// "ecommerce"; "3 D" and "3D". A document also holds the joined form of each pair of words that a hyphen or a dot
/// joins, or a space when both are short; a search for the parts also looks for the joined form.
/// </summary>
public static class JoinedWords
{
    /// <summary>A part this short is a fragment ("wi", "e", "3"), not a word of its own.</summary>
    public const int ShortPart = 2;

    private static readonly HashSet<string> StopWords = new(FrenchTextAnalyzer.StopWords.Select(WordForms.Fold), StringComparer.Ordinal);

    /// <summary>The joined forms in a text (folded, distinct), for the document's fields.</summary>
    public static IReadOnlyList<string> In(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var joined = new List<string>();
        (string Term, int Start, int End)? previous = null;
        foreach (var token in FrenchTextAnalyzer.Folding.WithOffsets(text).ToList())
        {
            if (previous is { } left && token.Start == left.End + 1 && Joins(left.Term, token.Term, text[left.End]))
            {
                joined.Add(left.Term + token.Term);
            }
            previous = token;
        }
        return [.. joined.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Whether two words typed one after the other may be one word in two parts ("e commerce", "wi fi", "3 d").</summary>
    public static bool AreParts(string left, string right) =>
        left.Length <= ShortPart && !StopWords.Contains(left) && !StopWords.Contains(right);

    /// <summary>A number and a letter ("3 d", "4 g"): one word, whatever the letter.</summary>
    public static bool IsNumberAndLetter(string left, string right) =>
        left.Length <= ShortPart && left.All(char.IsAsciiDigit) && right.Length == 1 && char.IsAsciiLetter(right[0]);

    private static bool Joins(string left, string right, char separator)
    {
        if (IsNumberAndLetter(left, right))
        {
            return true;
        }
        if (StopWords.Contains(left) || StopWords.Contains(right))
        {
            return false;
        }
        var shortLeft = left.Length <= ShortPart;
        var shortRight = right.Length <= ShortPart;
        return separator is '-' or '.' or '/' ? shortLeft || shortRight : char.IsWhiteSpace(separator) && (shortLeft && shortRight);
    }
}
