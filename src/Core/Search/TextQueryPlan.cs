using System.Text;
using System.Text.RegularExpressions;

namespace AnnuaireFiliere.Core.Search;

/// <summary>One thing the user's text asks of a company; <see cref="Text"/> is how it was typed.</summary>
public abstract record TextClause
{
    /// <summary>The words as typed (for "results without « … »").</summary>
    public string Text { get; init; } = string.Empty;
}

/// <summary>
/// A word: its stem in any weighted field, or (by <see cref="TextQueryPlan.TypoEdits"/>) a close spelling, or
/// (when <paramref name="IsPartial"/>) a longer word it starts, in the folded vocabulary.
/// </summary>
public sealed record WordClause(string Stem, string Word, bool IsPartial) : TextClause;

/// <summary>
/// Words that say one thing another way too: all of <see cref="Words"/> (anywhere, each as a word), or any of
/// <see cref="Alternatives"/> (a synonym's variants, the one-word form of a word typed in two parts). The
/// alternatives widen the words, they never replace them.
/// </summary>
public sealed record SynonymClause(IReadOnlyList<WordClause> Words, IReadOnlyList<SynonymVariant> Alternatives) : TextClause
{
    /// <summary>
    /// The synonym rules' index tokens (<see cref="SynonymRule.Token"/>): a company holding any of their variants of
    /// several words has the token, so the engines ask it instead of one phrase per variant.
    /// </summary>
    public IReadOnlyList<string> Tokens { get; init; } = [];

    /// <summary>The alternatives of one word (the variants of several are found by <see cref="Tokens"/>).</summary>
    public IEnumerable<string> SingleTerms => Alternatives.Where(v => v.Terms.Count == 1).Select(v => v.Terms[0]);
}

/// <summary>Quoted words: an exact phrase in one field.</summary>
public sealed record PhraseClause(SynonymVariant Phrase) : TextClause;

/// <summary>
/// What a text asks for, independent of the engine: each engine turns the clauses into its own queries (Lucene
/// objects or Elasticsearch JSON), so both read user text the same way. The text never reaches a query parser:
/// quotes, brackets, operators and wildcards are plain characters. Places named in the text (<see cref="Places"/>)
/// are not words to match: they rank the companies of those places first.
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
        (SearchFields.Names, 3f), (SearchFields.Topics, 3f), (SearchFields.Services, 2f), (SearchFields.Description, 1f),
    ];

    public const float ExactNameBoost = 20f;
    public const float TypoBoost = 0.6f;
    public const float PrefixBoost = 0.8f;
    public const float TieBreaker = 0.3f;
    public const int TypoPrefixLength = 1;
    public const int TypoMaxExpansions = 20;

    /// <summary>The shortest word being typed that is also searched as a prefix.</summary>
    public const int MinPrefixLength = 3;

    /// <summary>The places named in the text (communes, provinces, Greater Nouméa).</summary>
    public IReadOnlyList<PlaceMatch> Places { get; init; } = [];

    /// <summary>The folded words that named the places (a company's name may hold them: they count there, optionally).</summary>
    public IReadOnlyList<string> PlaceWords => [.. Places.SelectMany(p => p.Words)];

    public bool HasText => Clauses.Count > 0;

    public bool HasPlace => Places.Count > 0;

    /// <summary>The communes of the places named (a province counts by its provinces, see <see cref="PlaceProvinces"/>).</summary>
    public IReadOnlyList<string> PlaceCommunes => [.. Places.SelectMany(p => p.Communes).Distinct(StringComparer.Ordinal)];

    public IReadOnlyList<string> PlaceProvinces => [.. Places.SelectMany(p => p.Provinces).Distinct(StringComparer.Ordinal)];

    /// <summary>Each clause turned into an engine's query, in order.</summary>
    public IEnumerable<T> Map<T>(Func<WordClause, T> word, Func<SynonymClause, T> synonym, Func<PhraseClause, T> phrase) =>
        Clauses.Select(clause => clause switch
        {
            WordClause w => word(w),
            SynonymClause s => synonym(s),
            PhraseClause p => phrase(p),
            _ => throw new InvalidOperationException($"Unknown clause {clause}"),
        });

    /// <summary>The same plan with only some of its clauses (the others set aside).</summary>
    public TextQueryPlan With(IReadOnlyList<TextClause> clauses) => this with { Clauses = clauses };

    public static TextQueryPlan Parse(string? text, SynonymCatalog synonyms) => Parse(text, synonyms, PlaceNames.Default);

    public static TextQueryPlan Parse(string? text, SynonymCatalog synonyms, PlaceNames? places)
    {
        ArgumentNullException.ThrowIfNull(synonyms);
        var clean = Clean(text);
        var clauses = new List<TextClause>();
        var highlight = new List<string>();
        var found = new List<PlaceMatch>();
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
                    clauses.Add(new PhraseClause(new SynonymVariant([.. terms.Select(t => t.Term)], [.. terms.Select(t => t.Position)]) { Text = pieces[i] })
                    {
                        Text = pieces[i].Trim(),
                    });
                }
                continue;
            }
            var isLastPiece = i == pieces.Length - 1;
            var folded = FrenchTextAnalyzer.Folding.Terms(pieces[i]).ToList();
            for (var k = 0; k + 1 < folded.Count; k++)
            {
                if (JoinedWords.IsNumberAndLetter(folded[k], folded[k + 1]))
                {
                    // "3 d" is "3d" (the letter may be a stop word on its own: "d").
                    folded[k] += folded[k + 1];
                    folded.RemoveAt(k + 1);
                }
            }
            // Places first: their words rank by location instead of matching text.
            var placeWords = new bool[folded.Count];
            foreach (var (start, length, place) in places?.Find(folded) ?? [])
            {
                found.Add(place);
                for (var k = start; k < start + length; k++)
                {
                    placeWords[k] = true;
                }
            }
            var significant = folded
                .Select((w, k) => (Word: w, Stem: placeWords[k] ? null : FrenchTextAnalyzer.Stemming.Terms(w) is { Count: > 0 } t ? t[0] : null, Index: k))
                .Where(s => s.Stem is not null)
                .ToList();
            var stemSequence = significant.Select(s => s.Stem!).ToList();
            for (var w = 0; w < significant.Count && clauses.Count < MaxClauses; w++)
            {
                var isLastWord = isLastPiece && partialLast && significant[w].Index == folded.Count - 1;
                WordClause Word(int k) => new(significant[k].Stem!, significant[k].Word, isLastPiece && partialLast && significant[k].Index == folded.Count - 1)
                {
                    Text = significant[k].Word,
                };
                highlight.Add(significant[w].Stem!);
                if (synonyms.Match(stemSequence, w) is { } match
                    && !(isLastWord && match.Length == 1 && significant[w].Word.Length < MinPrefixLength))
                {
                    var words = Enumerable.Range(w, match.Length).Select(Word).ToList();
                    var alternatives = match.Variants.Where(v => v.Key != string.Join(' ', words.Select(x => x.Stem))).ToList();
                    clauses.Add(new SynonymClause(words, alternatives) { Text = string.Join(' ', words.Select(x => x.Word)), Tokens = match.Tokens });
                    highlight.AddRange(words.Skip(1).Select(x => x.Stem));
                    highlight.AddRange(alternatives.Where(v => v.Terms.Count == 1).Select(v => v.Terms[0]));
                    w += match.Length - 1;
                    continue;
                }
                if (w + 1 < significant.Count && significant[w + 1].Index == significant[w].Index + 1
                    && JoinedWords.AreParts(significant[w].Word, significant[w + 1].Word)
                    && FrenchTextAnalyzer.Stemming.Terms(significant[w].Word + significant[w + 1].Word) is [var joined])
                {
                    // "wi fi", "e commerce", "3 d": both words, or the one word they make.
                    var words = new[] { Word(w), Word(w + 1) };
                    clauses.Add(new SynonymClause(words, [new SynonymVariant([joined], [0]) { Text = significant[w].Word + significant[w + 1].Word }])
                    {
                        Text = significant[w].Word + " " + significant[w + 1].Word,
                    });
                    highlight.Add(significant[w + 1].Stem!);
                    highlight.Add(joined);
                    w++;
                    continue;
                }
                clauses.Add(Word(w));
            }
        }
        return new TextQueryPlan(clauses, highlight, clauses.Count == 0 && found.Count == 0 ? string.Empty : FrenchTextAnalyzer.Fold(clean))
        {
            Places = [.. found.DistinctBy(p => p.Label)],
        };
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
    /// How far the one spelling an unknown word is read as may be: one edit from 4 characters, two from 5 (a single
    /// closest word, announced, where typo tolerance matches many at once).
    /// </summary>
    public static int CorrectionEdits(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length >= 5 ? 2 : word.Length >= 4 ? 1 : 0;
    }

    /// <summary>
    /// The word being typed is also a prefix ("cyber" → "cybersécurité") from three letters, unless the index
    /// knows it as it is ("FAI" is not "faire" half typed).
    /// </summary>
    public static bool IsPrefix(WordClause word, bool isKnown)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.IsPartial && word.Word.Length >= MinPrefixLength && !isKnown;
    }

    /// <summary>Every word clause of the plan, inside synonym clauses too.</summary>
    public IEnumerable<WordClause> Words() =>
        Clauses.SelectMany(c => c switch
        {
            WordClause w => [w],
            SynonymClause s => s.Words,
            _ => Enumerable.Empty<WordClause>(),
        });

    /// <summary>The words whose spelling decides typo tolerance and prefixes: only these need a vocabulary look-up.</summary>
    public IReadOnlyList<string> WordsToLookUp() =>
        [.. Words().Where(w => w.Word.Length >= 4 || (w.IsPartial && w.Word.Length >= MinPrefixLength)).Select(w => w.Word).Distinct(StringComparer.Ordinal)];

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
