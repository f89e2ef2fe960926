using AnnuaireFiliere.Core.Taxonomy;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace AnnuaireFiliere.Core.Search.Lucene;

/// <summary>
/// Turns a <see cref="TextQueryPlan"/> into Lucene queries: one query per clause (a word in some field, exactly,
/// by a synonym, with a typo, or as the prefix of the word being typed; quoted words as a phrase), combined as
/// <see cref="SearchRanking"/> says — every clause required, or, when that finds too little, most of them with the
/// companies that match more ranked first — plus what ranks without restricting: the exact name and the places
/// named.
/// </summary>
internal static class LuceneQueryBuilder
{
    /// <summary>One query per clause of the plan, in order.</summary>
    /// <param name="isKnownWord">Whether a folded word is in the index vocabulary: only unknown words are looked up with typos.</param>
    /// <param name="corrections">Spellings chosen for unknown words (folded word → folded correction).</param>
    public static IReadOnlyList<Query> Clauses(TextQueryPlan plan, Func<string, bool> isKnownWord, IReadOnlyDictionary<string, string> corrections) =>
        [.. plan.Map<Query>(word => WordQuery(word, isKnownWord(word.Word), corrections), synonym => SynonymQuery(synonym, isKnownWord, corrections), phrase => PhraseAcrossFields(phrase.Phrase))];

    /// <summary>
    /// The whole query: the clauses (all of them, or at least <paramref name="atLeast"/> with a bonus for each one
    /// matched), the exact name, the places. Without text, the places restrict the companies to those there.
    /// </summary>
    public static Query Build(TextQueryPlan plan, IReadOnlyList<Query> clauses, TaxonomyCatalog taxonomy, int? atLeast = null)
    {
        var query = new BooleanQuery();
        if (clauses.Count == 0)
        {
            query.Add(plan.HasPlace ? PlaceFilter(plan, taxonomy) : new MatchAllDocsQuery(), Occur.MUST);
        }
        else if (atLeast is not { } minimum || minimum >= clauses.Count)
        {
            foreach (var clause in clauses)
            {
                query.Add(clause, Occur.MUST);
            }
        }
        else
        {
            // Companies that match more of the words come first, whatever their scores: a bonus for each word matched.
            var some = new BooleanQuery { MinimumNumberShouldMatch = 2 * minimum };
            foreach (var clause in clauses)
            {
                some.Add(clause, Occur.SHOULD);
                some.Add(new ConstantScoreQuery(clause) { Boost = SearchRanking.WordMatchedBonus }, Occur.SHOULD);
            }
            query.Add(some, Occur.MUST);
        }
        if (plan.ExactName.Length > 0)
        {
            query.Add(new TermQuery(new Term(LuceneFields.NameExact, plan.ExactName)) { Boost = TextQueryPlan.ExactNameBoost }, Occur.SHOULD);
        }
        if (plan.HasPlace)
        {
            query.Add(PlaceBoost(plan, taxonomy), Occur.SHOULD);
            foreach (var word in plan.PlaceWords)
            {
                // A company named after the place still gets a little for it.
                query.Add(new TermQuery(new Term(LuceneFields.Names, FrenchTextAnalyzer.Stemming.Terms(word) is [var stem] ? stem : word)) { Boost = SearchRanking.PlaceInNameBoost }, Occur.SHOULD);
            }
        }
        return query;
    }

    /// <summary>
    /// The query restricted to the companies near the commune of the request (<see cref="Proximity"/>), when it has
    /// one; scores are unchanged.
    /// </summary>
    public static Query WithProximity(Query query, SearchRequest request, TaxonomyCatalog taxonomy)
    {
        if (request.Near is not { } near)
        {
            return query;
        }
        var any = new BooleanQuery();
        foreach (var (field, values) in Proximity.Terms(near, request.RadiusKm, taxonomy))
        {
            foreach (var value in values)
            {
                any.Add(new TermQuery(new Term(field, value)), Occur.SHOULD);
            }
        }
        return new FilteredQuery(query, new QueryWrapperFilter(any));
    }

    /// <summary>The companies of the places named: located there, or naming them (or their province) where they work.</summary>
    private static BooleanQuery PlaceFilter(TextQueryPlan plan, TaxonomyCatalog taxonomy)
    {
        var any = new BooleanQuery();
        foreach (var (field, value, _, _) in SearchRanking.PlaceTerms(plan, taxonomy).Where(t => t.Restricts))
        {
            any.Add(new TermQuery(new Term(field, value)), Occur.SHOULD);
        }
        return any;
    }

    /// <summary>The strongest of the place signals a company has (located there above working there, above working in the province…).</summary>
    private static DisjunctionMaxQuery PlaceBoost(TextQueryPlan plan, TaxonomyCatalog taxonomy)
    {
        var best = new DisjunctionMaxQuery(0f);
        foreach (var (field, value, boost) in SearchRanking.PlaceTerms(plan, taxonomy).Select(t => (t.Field, t.Value, t.Boost)))
        {
            best.Add(new ConstantScoreQuery(new TermQuery(new Term(field, value))) { Boost = boost });
        }
        return best;
    }

    /// <summary>The word in any weighted field (or a correction, a close spelling, a longer word it starts); written exactly as typed counts more.</summary>
    private static BooleanQuery WordQuery(WordClause word, bool isKnown, IReadOnlyDictionary<string, string> corrections) => new()
    {
        { WordForms(word, isKnown, corrections), Occur.MUST },
        { new TermQuery(new Term(LuceneFields.Spell, word.Word)) { Boost = SearchRanking.AsTypedBoost }, Occur.SHOULD },
    };

    private static DisjunctionMaxQuery WordForms(WordClause word, bool isKnown, IReadOnlyDictionary<string, string> corrections)
    {
        // Building the typo automaton and scoring its expansions is most of a query's cost: known words skip it.
        var any = TermAcrossFields(word.Stem);
        if (corrections.TryGetValue(word.Word, out var corrected) && FrenchTextAnalyzer.Stemming.Terms(corrected) is [var correctedStem])
        {
            any.Add(TermAcrossFields(correctedStem, TextQueryPlan.TypoBoost));
        }
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

    /// <summary>All the words (each with its typos and prefix), or any alternative: a synonym widens, never narrows.</summary>
    private static DisjunctionMaxQuery SynonymQuery(SynonymClause synonym, Func<string, bool> isKnownWord, IReadOnlyDictionary<string, string> corrections)
    {
        var any = new DisjunctionMaxQuery(TextQueryPlan.TieBreaker);
        var all = new BooleanQuery();
        foreach (var word in synonym.Words)
        {
            all.Add(WordQuery(word, isKnownWord(word.Word), corrections), Occur.MUST);
        }
        any.Add(all);
        foreach (var term in synonym.SingleTerms)
        {
            any.Add(TermAcrossFields(term, SearchRanking.SynonymBoost));
        }
        foreach (var token in synonym.Tokens)
        {
            // The variants of several words, found at indexing: one term per field instead of a phrase per variant.
            var tokens = new DisjunctionMaxQuery(TextQueryPlan.TieBreaker);
            foreach (var (field, boost) in TextQueryPlan.WeightedFields)
            {
                tokens.Add(new TermQuery(new Term(SearchFields.SynonymField(field), token)) { Boost = boost * SearchRanking.ConceptBoost });
            }
            any.Add(tokens);
        }
        return any;
    }

    private static DisjunctionMaxQuery TermAcrossFields(string stem, float weight = 1f)
    {
        var any = new DisjunctionMaxQuery(TextQueryPlan.TieBreaker);
        foreach (var (field, boost) in TextQueryPlan.WeightedFields)
        {
            any.Add(new TermQuery(new Term(field, stem)) { Boost = boost * weight });
        }
        return any;
    }

    /// <summary>Exact phrases (no slop: the fast scorer), stop-word gaps kept as positions.</summary>
    private static DisjunctionMaxQuery PhraseAcrossFields(SynonymVariant phrase, float weight = 1f)
    {
        var any = new DisjunctionMaxQuery(TextQueryPlan.TieBreaker);
        foreach (var (field, boost) in TextQueryPlan.WeightedFields)
        {
            var query = new PhraseQuery { Boost = boost * weight };
            for (var i = 0; i < phrase.Terms.Count; i++)
            {
                query.Add(new Term(field, phrase.Terms[i]), phrase.Positions[i] - phrase.Positions[0]);
            }
            any.Add(query);
        }
        return any;
    }
}
