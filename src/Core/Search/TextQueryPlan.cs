using System.Text;
using System.Text.RegularExpressions;

namespace AnnuaireFiliere.Core.Search;

/// <summary>One thing the user's text requires of a company; every clause of a plan must match.</summary>
public abstract record TextClause;

/// <summary>
/// A word: its stem in any weighted field, or (by <see cref="TextQueryPlan.TypoEdits"/>) a close spelling, or
/// (when <paramref name="IsPartial"/>) a longer word it starts, in the folded vocabulary.
/// </summary>
public sealed record WordClause(string Stem, string Word, bool IsPartial) : TextClause;

/// <summary>Words that belong to a synonym group: any variant of the group matches; the last one may be partial.</summary>
public sealed record SynonymClause(IReadOnlyList<SynonymVariant> Variants, string? PartialWord) : TextClause;

/// <summary>Quoted words: an exact phrase in one field.</summary>
public sealed record PhraseClause(SynonymVariant Phrase) : TextClause;

/// <summary>
/// What a text asks for, independent of the engine: each engine turns the clauses into its own queries
/// (Lucene objects or Elasticsearch JSON), so both read user text the same way. The text never reaches a query
/// parser: quotes, brackets, operators and wildcards are plain characters.
/// </summary>
public sealed partial record TextQueryPlan(IReadOnlyList<TextClause> Clauses, IReadOnlyList<string> HighlightTerms, string ExactName)
{
    /// <summary>Beyond this, further words are ignored: they bound the work of one query.</summary>
    public const int MaxClauses = 12;

    /// <summary>
    /// Text fields and their weights: names above activities and skills, above services, above description.
    /// Field names are the same in both engines.
    /// </summary>
    public static readonly (string Field, float Boost)[] WeightedFields =
    [
        (SearchFields.Names, 5f), (SearchFields.Topics, 3f), (SearchFields.Services, 2f), (SearchFields.Description, 1f),
    ];

    public const float ExactNameBoost = 20f;
    public const float TypoBoost = 0.6f;
    public const float PrefixBoost = 0.8f;
    public const float TieBreaker = 0.1f;
    public const int TypoPrefixLength = 1;
    public const int TypoMaxExpansions = 20;

    public bool HasText => Clauses.Count > 0;

    /// <summary>Each clause turned into an engine's query, in order.</summary>
    public IEnumerable<T> Map<T>(Func<WordClause, T> word, Func<SynonymClause, T> synonym, Func<PhraseClause, T> phrase) =>
        Clauses.Select(clause => clause switch
        {
            WordClause w => word(w),
            SynonymClause s => synonym(s),
            PhraseClause p => phrase(p),
            _ => throw new InvalidOperationException($"Unknown clause {clause}"),
        });

    public static TextQueryPlan Parse(string? text, SynonymCatalog synonyms)
    {
        ArgumentNullException.ThrowIfNull(synonyms);
        var clean = Clean(text);
        var clauses = new List<TextClause>();
        var highlight = new List<string>();
        var partialLast = clean.Length > 0 && !char.IsWhiteSpace(clean[^1]) && clean[^1] != '"';

        var pieces = Quoted().Split(clean); // odd indexes are inside quotes
        for (var i = 0; i < pieces.Length && clauses.Count < MaxClauses; i++)
        {
            if (i % 2 == 1)
            {
                var terms = FrenchTextAnalyzer.Stemming.Positioned(pieces[i]);
                highlight.AddRange(terms.Select(t => t.Term));
                if (terms.Count > 0)
                {
                    clauses.Add(new PhraseClause(new SynonymVariant([.. terms.Select(t => t.Term)], [.. terms.Select(t => t.Position)]) { Text = pieces[i] }));
                }
                continue;
            }
            var isLastPiece = i == pieces.Length - 1;
            var significant = FrenchTextAnalyzer.Folding.Terms(pieces[i])
                .Select(w => (Word: w, Stem: FrenchTextAnalyzer.Stemming.Terms(w) is { Count: > 0 } t ? t[0] : null))
                .Where(s => s.Stem is not null)
                .ToList();
            var stemSequence = significant.Select(s => s.Stem!).ToList();
            for (var w = 0; w < significant.Count && clauses.Count < MaxClauses; w++)
            {
                var synonym = synonyms.Match(stemSequence, w);
                var isLastWord = isLastPiece && partialLast && w == significant.Count - 1;
                highlight.Add(significant[w].Stem!);
                if (synonym is { } match && !(isLastWord && match.Length == 1 && significant[w].Word.Length < 3))
                {
                    clauses.Add(new SynonymClause(match.Variants, isLastWord ? significant[w + match.Length - 1].Word : null));
                    highlight.AddRange(match.Variants.Where(v => v.Terms.Count == 1).Select(v => v.Terms[0]));
                    w += match.Length - 1;
                    continue;
                }
                clauses.Add(new WordClause(significant[w].Stem!, significant[w].Word, isLastWord));
            }
        }
        return new TextQueryPlan(clauses, highlight, clauses.Count == 0 ? string.Empty : FrenchTextAnalyzer.Fold(clean));
    }

    /// <summary>
    /// Typo tolerance: one edit from 4 characters, two from 8, on the words as written. A word the index knows is
    /// taken as spelled right (its variants come from stemming and synonyms).
    /// </summary>
    public static int TypoEdits(string word, bool isKnown)
    {
        ArgumentNullException.ThrowIfNull(word);
        return isKnown ? 0 : word.Length >= 8 ? 2 : word.Length >= 4 ? 1 : 0;
    }

    /// <summary>
    /// The word being typed is also a prefix ("cyber" → "cybersécurité"), unless it is already a long known word:
    /// its longer forms are mostly inflections that stemming finds.
    /// </summary>
    public static bool IsPrefix(WordClause word, bool isKnown)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.IsPartial && word.Word.Length >= 2 && !(isKnown && word.Word.Length >= 8);
    }

    /// <summary>The partial word of a synonym clause is a prefix when it has two letters or more.</summary>
    public static bool IsPrefix(SynonymClause synonym)
    {
        ArgumentNullException.ThrowIfNull(synonym);
        return synonym.PartialWord is { Length: >= 2 };
    }

    /// <summary>The words whose spelling decides typo tolerance and prefixes: only these need a vocabulary look-up.</summary>
    public IReadOnlyList<string> WordsToLookUp() =>
        [.. Clauses.OfType<WordClause>().Where(w => w.Word.Length >= 4 || (w.IsPartial && w.Word.Length >= 8)).Select(w => w.Word).Distinct(StringComparer.Ordinal)];

    /// <summary>Control characters out, whitespace normalized, length bounded.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        var bounded = text.Length > SearchRequest.MaxTextLength ? text[..SearchRequest.MaxTextLength] : text;
        var builder = new StringBuilder(bounded.Length);
        foreach (var c in bounded)
        {
            builder.Append(char.IsControl(c) || char.IsWhiteSpace(c) ? ' ' : c);
        }
        return builder.ToString().TrimStart();
    }

    /// <summary>The folded words of a text for spelling correction (quotes dropped), or none when there are too many.</summary>
    public static IReadOnlyList<string> SpellingWords(string? text)
    {
        var words = FrenchTextAnalyzer.Folding.Terms(Clean(text).Replace("\"", " ", StringComparison.Ordinal));
        return words.Count > 8 ? [] : words;
    }

    [GeneratedRegex("\"")]
    private static partial Regex Quoted();
}
