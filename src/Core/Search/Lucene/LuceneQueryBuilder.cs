using Lucene.Net.Index;
using Lucene.Net.Search;

namespace AnnuaireFiliere.Core.Search.Lucene;

/// <summary>
/// Turns a <see cref="TextQueryPlan"/> into Lucene queries. Every clause must match (in some field, exactly, by a
/// synonym, with a typo, or as the prefix of the word being typed); quoted words must match as a phrase.
/// </summary>
internal static class LuceneQueryBuilder
{
    /// <param name="isKnownWord">Whether a folded word is in the index vocabulary: only unknown words are looked up with typos.</param>
    public static Query Build(TextQueryPlan plan, Func<string, bool> isKnownWord)
    {
        if (!plan.HasText)
        {
            return new MatchAllDocsQuery();
        }
        var query = new BooleanQuery();
        foreach (var clause in plan.Map(word => WordQuery(word, isKnownWord(word.Word)), SynonymQuery, phrase => PhraseAcrossFields(phrase.Phrase)))
        {
            query.Add(clause, Occur.MUST);
        }
        // Exact names first.
        if (plan.ExactName.Length > 0)
        {
            query.Add(new TermQuery(new Term(LuceneFields.NameExact, plan.ExactName)) { Boost = TextQueryPlan.ExactNameBoost }, Occur.SHOULD);
        }
        return query;
    }

    private static DisjunctionMaxQuery WordQuery(WordClause word, bool isKnown)
    {
        // Building the typo automaton and scoring its expansions is most of a query's cost: known words skip it.
        var any = TermAcrossFields(word.Stem);
        var edits = TextQueryPlan.TypoEdits(word.Word, isKnown);
        if (edits > 0)
        {
            any.Add(new FuzzyQuery(new Term(LuceneFields.Spell, word.Word), edits, TextQueryPlan.TypoPrefixLength, TextQueryPlan.TypoMaxExpansions, transpositions: true)
            {
                Boost = TextQueryPlan.TypoBoost,
            });
        }
        if (TextQueryPlan.IsPrefix(word, isKnown))
        {
            any.Add(new PrefixQuery(new Term(LuceneFields.Spell, word.Word)) { Boost = TextQueryPlan.PrefixBoost });
        }
        return any;
    }

    private static DisjunctionMaxQuery SynonymQuery(SynonymClause synonym)
    {
        var any = new DisjunctionMaxQuery(TextQueryPlan.TieBreaker);
        foreach (var variant in synonym.Variants)
        {
            any.Add(variant.Terms.Count == 1 ? TermAcrossFields(variant.Terms[0]) : PhraseAcrossFields(variant));
        }
        if (TextQueryPlan.IsPrefix(synonym))
        {
            any.Add(new PrefixQuery(new Term(LuceneFields.Spell, synonym.PartialWord)) { Boost = TextQueryPlan.PrefixBoost });
        }
        return any;
    }

    private static DisjunctionMaxQuery TermAcrossFields(string stem)
    {
        var any = new DisjunctionMaxQuery(TextQueryPlan.TieBreaker);
        foreach (var (field, boost) in TextQueryPlan.WeightedFields)
        {
            any.Add(new TermQuery(new Term(field, stem)) { Boost = boost });
        }
        return any;
    }

    /// <summary>Exact phrases (no slop: the fast scorer), stop-word gaps kept as positions.</summary>
    private static DisjunctionMaxQuery PhraseAcrossFields(SynonymVariant phrase)
    {
        var any = new DisjunctionMaxQuery(TextQueryPlan.TieBreaker);
        foreach (var (field, boost) in TextQueryPlan.WeightedFields)
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
}
