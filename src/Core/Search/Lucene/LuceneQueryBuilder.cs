using System.Text;
using System.Text.RegularExpressions;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace AnnuaireFiliere.Core.Search.Lucene;

/// <summary>
/// Builds Lucene queries from the words of the user's text; the text never reaches a query parser, so quotes,
/// brackets, operators and wildcards are plain characters. Every word must match (in some field, exactly, by a
/// synonym, with a typo, or as the prefix of the word being typed); quoted words must match as a phrase.
/// </summary>
internal static partial class LuceneQueryBuilder
{
    private const int MaxClauses = 12;

    internal sealed record Parsed(Query Query, IReadOnlyList<string> Words, IReadOnlyList<string> HighlightTerms, bool HasText);

    /// <param name="isKnownWord">Whether a folded word is in the index vocabulary: only unknown words are looked up with typos.</param>
    public static Parsed Build(string? text, SynonymCatalog synonyms, Func<string, bool> isKnownWord)
    {
        var clean = Clean(text);
        var must = new List<Query>();
        var words = new List<string>();
        var highlight = new List<string>();
        var partialLast = clean.Length > 0 && !char.IsWhiteSpace(clean[^1]) && clean[^1] != '"';

        var pieces = Quoted().Split(clean); // odd indexes are inside quotes
        for (var i = 0; i < pieces.Length && must.Count < MaxClauses; i++)
        {
            if (i % 2 == 1)
            {
                var terms = FrenchTextAnalyzer.Stemming.Positioned(pieces[i]);
                words.AddRange(FrenchTextAnalyzer.Folding.Terms(pieces[i]));
                highlight.AddRange(terms.Select(t => t.Term));
                if (terms.Count > 0)
                {
                    must.Add(PhraseAcrossFields(new SynonymVariant([.. terms.Select(t => t.Term)], [.. terms.Select(t => t.Position)])));
                }
                continue;
            }
            var folded = FrenchTextAnalyzer.Folding.Terms(pieces[i]);
            var isLastPiece = i == pieces.Length - 1;
            var stems = folded.Select(w => (Word: w, Stem: FrenchTextAnalyzer.Stemming.Terms(w) is { Count: > 0 } t ? t[0] : null)).ToList();
            var significant = stems.Where(s => s.Stem is not null).ToList();
            var stemSequence = significant.Select(s => s.Stem!).ToList();
            for (var w = 0; w < significant.Count && must.Count < MaxClauses; w++)
            {
                var synonym = synonyms.Match(stemSequence, w);
                var isLastWord = isLastPiece && partialLast && w == significant.Count - 1;
                words.Add(significant[w].Word);
                highlight.Add(significant[w].Stem!);
                if (synonym is { } match && !(isLastWord && match.Length == 1 && significant[w].Word.Length < 3))
                {
                    must.Add(SynonymClause(match.Variants, isLastWord ? significant[w + match.Length - 1].Word : null));
                    highlight.AddRange(match.Variants.Where(v => v.Terms.Count == 1).Select(v => v.Terms[0]));
                    words.AddRange(significant.Skip(w + 1).Take(match.Length - 1).Select(s => s.Word));
                    w += match.Length - 1;
                    continue;
                }
                must.Add(WordClause(significant[w].Stem!, significant[w].Word, isLastWord, isKnownWord(significant[w].Word)));
            }
        }

        if (must.Count == 0)
        {
            return new Parsed(new MatchAllDocsQuery(), words, highlight, HasText: false);
        }
        var query = new BooleanQuery();
        foreach (var clause in must)
        {
            query.Add(clause, Occur.MUST);
        }
        // Exact names first.
        var whole = FrenchTextAnalyzer.Fold(clean);
        if (whole.Length > 0)
        {
            query.Add(new TermQuery(new Term(LuceneFields.NameExact, whole)) { Boost = 20f }, Occur.SHOULD);
        }
        return new Parsed(query, words, highlight, HasText: true);
    }

    /// <summary>Control characters out, whitespace normalized, length bounded.</summary>
    internal static string Clean(string? text)
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

    private static DisjunctionMaxQuery WordClause(string stem, string word, bool isPartial, bool isKnown)
    {
        var any = TermAcrossFields(stem);
        // Typo tolerance: one edit from 4 characters, two from 8, on the words as written. A word the index knows is
        // taken as spelled right (its variants come from stemming and synonyms): building the typo automaton and
        // scoring its expansions is most of a query's cost.
        var edits = isKnown ? 0 : word.Length >= 8 ? 2 : word.Length >= 4 ? 1 : 0;
        if (edits > 0)
        {
            any.Add(new FuzzyQuery(new Term(LuceneFields.Spell, word), edits, prefixLength: 1, maxExpansions: 20, transpositions: true) { Boost = 0.6f });
        }
        // The word being typed is also a prefix ("cyber" → "cybersécurité"), unless it is already a long known
        // word: its longer forms are mostly inflections that stemming finds, and the prefix costs a walk of them all.
        if (isPartial && word.Length >= 2 && !(isKnown && word.Length >= 8))
        {
            any.Add(new PrefixQuery(new Term(LuceneFields.Spell, word)) { Boost = 0.8f });
        }
        return any;
    }

    private static DisjunctionMaxQuery SynonymClause(IReadOnlyList<SynonymVariant> variants, string? partialWord)
    {
        var any = new DisjunctionMaxQuery(0.1f);
        foreach (var variant in variants)
        {
            any.Add(variant.Terms.Count == 1 ? TermAcrossFields(variant.Terms[0]) : PhraseAcrossFields(variant));
        }
        if (partialWord is { Length: >= 2 })
        {
            any.Add(new PrefixQuery(new Term(LuceneFields.Spell, partialWord)) { Boost = 0.8f });
        }
        return any;
    }

    private static DisjunctionMaxQuery TermAcrossFields(string stem)
    {
        var any = new DisjunctionMaxQuery(0.1f);
        foreach (var (field, boost) in LuceneFields.Weighted)
        {
            any.Add(new TermQuery(new Term(field, stem)) { Boost = boost });
        }
        return any;
    }

    /// <summary>Exact phrases (no slop: the fast scorer), stop-word gaps kept as positions.</summary>
    private static DisjunctionMaxQuery PhraseAcrossFields(SynonymVariant phrase)
    {
        var any = new DisjunctionMaxQuery(0.1f);
        foreach (var (field, boost) in LuceneFields.Weighted)
        {
            var query = new PhraseQuery { Boost = boost };
            for (var i = 0; i < phrase.Terms.Count; i++)
            {
                query.Add(new Term(field, phrase.Terms[i]), phrase.Positions[i] - phrase.Positions[0]);
            }
            any.Add(query);
        }
        return any;
    }

    [GeneratedRegex("\"")]
    private static partial Regex Quoted();
}
