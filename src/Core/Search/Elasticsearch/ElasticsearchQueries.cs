using System.Text;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.QueryDsl;
using AnnuaireFiliere.Core.Taxonomy;
using EsSearchRequest = Elastic.Clients.Elasticsearch.SearchRequest;

namespace AnnuaireFiliere.Core.Search.Elasticsearch;

/// <summary>
/// The search requests, built from the same <see cref="TextQueryPlan"/> as the Lucene queries: dis_max of term
/// queries over the weighted fields per word, fuzzy and prefix on the folded vocabulary, match_phrase for quoted
/// words and multi-word synonyms, the exact-name boost; filters in <c>post_filter</c> and, for each facet, a
/// <c>filter</c> aggregation with every other filter, so that each facet's counts ignore its own selection.
/// </summary>
public static class ElasticsearchQueries
{
    /// <summary>Values counted per facet: more than the taxonomy has in any facet.</summary>
    public const int MaxFacetValues = 500;

    public const string ValuesAggregation = "values";
    public const string KnownAggregation = "known";
    public const string SpellingSuggester = "spelling";
    public const string NameSuggester = "names";
    public const string SkillAggregation = "skills";
    public const string ServiceAggregation = "services";
    public const string CommuneAggregation = "communes";

    /// <summary>Entries of a keyword field whose words start with those typed (<see cref="SuggestionMix.WordWisePattern"/>), in order.</summary>
    private static Aggregation WordWise(string field, string folded) => new()
    {
        Terms = new TermsAggregation
        {
            Field = field,
            Include = new TermsInclude(SuggestionMix.WordWisePattern(SuggestionMix.Words(folded))),
            Size = SuggestionMix.Candidates,
            Order = [new KeyValuePair<Field, SortOrder>("_key", SortOrder.Asc)],
        },
    };
    public const string ClausesAggregation = "clauses";

    /// <summary>The name of a clause in a widened search (<c>matched_queries</c> of a hit say which it has).</summary>
    public static string ClauseName(int index) => "c" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The fields a hit needs (the rest of the source stays on the server).</summary>
    private static readonly string[] HitFields = ["id", "version", "slug", "name", "legal_name", "activity_codes", "commune_code", "size_code", "snippet_text", SearchFields.Facet(FacetNames.ECommerce)];

    /// <summary>
    /// The page of results with facet counts; <paramref name="matching"/> tells which words the index knows, how
    /// unknown ones read, and whether typos and prefixes may be searched (not on a cluster that refuses expensive
    /// queries). With <paramref name="atLeast"/>, companies need only that many of the clauses, more ranking higher,
    /// and each clause is named so that a hit says which it matched.
    /// </summary>
    public static EsSearchRequest Search(string index, SearchRequest request, TextQueryPlan plan, TextMatching matching, TaxonomyCatalog taxonomy, int? atLeast = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(plan);
        var window = (long)request.Page * request.PageSize;
        var beyond = window > SearchRequest.MaxResultWindow;
        var filters = Filters(request);
        var aggregations = new Dictionary<string, Aggregation>(StringComparer.Ordinal);
        foreach (var facet in FacetCatalog.Names)
        {
            aggregations[facet] = new Aggregation
            {
                Filter = AllOf(filters.Where(f => f.Key != facet).Select(f => f.Value)),
                Aggregations = new Dictionary<string, Aggregation>
                {
                    [ValuesAggregation] = new Aggregation { Terms = new TermsAggregation { Field = SearchFields.Facet(facet), Size = MaxFacetValues } },
                },
            };
        }
        aggregations[FacetNames.FoundingYear] = new Aggregation
        {
            Filter = AllOf(filters.Where(f => f.Key != FacetNames.FoundingYear).Select(f => f.Value)),
            Aggregations = new Dictionary<string, Aggregation>
            {
                ["min"] = new Aggregation { Min = new MinAggregation { Field = ElasticsearchMapping.Year } },
                ["max"] = new Aggregation { Max = new MaxAggregation { Field = ElasticsearchMapping.Year } },
            },
        };
        return new EsSearchRequest(index)
        {
            Query = WithProximity(TextQuery(plan, matching, taxonomy, atLeast), request, taxonomy),
            PostFilter = filters.Count == 0 ? null : AllOf(filters.Values),
            Aggregations = aggregations,
            From = beyond ? 0 : (request.Page - 1) * request.PageSize,
            Size = beyond ? 0 : request.PageSize,
            Sort = Sort(request.Sort, plan.HasText || plan.HasPlace),
            TrackTotalHits = new TrackHits(true),
            Source = new SourceConfig(new SourceFilter { Includes = Fields.FromStrings(HitFields) }),
        };
    }

    /// <summary>Which of the words are in the folded vocabulary: one <c>filters</c> bucket per word, in order.</summary>
    public static EsSearchRequest KnownWords(string index, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return new EsSearchRequest(index)
        {
            Size = 0,
            Aggregations = new Dictionary<string, Aggregation>
            {
                [KnownAggregation] = new Aggregation
                {
                    Filters = new FiltersAggregation { Filters = words.Select(Known).ToArray() },
                },
            },
        };
    }

    /// <summary>A folded word the index knows: in the folded vocabulary, or its stem in a weighted field.</summary>
    private static Query Known(string word)
    {
        List<Query> any = [new TermQuery(SearchFields.Spell, word)];
        if (FrenchTextAnalyzer.Stemming.Terms(word) is [var stem])
        {
            any.AddRange(TextQueryPlan.WeightedFields.Select(f => (Query)new TermQuery(f.Field, stem)));
        }
        return new BoolQuery { Should = any };
    }

    /// <summary>How many companies each clause finds on its own, in the whole index (one <c>filters</c> bucket per clause).</summary>
    public static EsSearchRequest ClauseCounts(string index, TextQueryPlan plan, TextMatching matching)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new EsSearchRequest(index)
        {
            Size = 0,
            TrackTotalHits = new TrackHits(false),
            Aggregations = new Dictionary<string, Aggregation>
            {
                [ClausesAggregation] = new Aggregation { Filters = new FiltersAggregation { Filters = Clauses(plan, matching).ToArray() } },
            },
        };
    }

    /// <summary>
    /// Spelling candidates (at most two edits, any first letter) for the words the index does not know; the
    /// known words get none (<c>suggest_mode: missing</c>).
    /// </summary>
    public static EsSearchRequest Spelling(string index, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return new EsSearchRequest(index)
        {
            Size = 0,
            Suggest = new Suggester
            {
                Suggesters = new Dictionary<string, FieldSuggester>
                {
                    [SpellingSuggester] = new FieldSuggester
                    {
                        Text = string.Join(' ', words),
                        Term = new TermSuggester
                        {
                            Field = SearchFields.Spell,
                            SuggestMode = SuggestMode.Missing,
                            MaxEdits = 2,
                            PrefixLength = TextQueryPlan.TypoPrefixLength,
                            MinWordLength = 3,
                            Size = 10,
                            Sort = SuggestSort.Score,
                            StringDistance = StringDistance.Levenshtein,
                        },
                    },
                },
            },
        };
    }

    /// <summary>The ids of every company the text matches, a page at a time in id order (after <paramref name="after"/>).</summary>
    public static EsSearchRequest MatchingIds(string index, TextQueryPlan plan, TextMatching matching, TaxonomyCatalog taxonomy, string? after, int size)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new EsSearchRequest(index)
        {
            Query = TextQuery(plan, matching, taxonomy, atLeast: null),
            Size = size,
            Sort = [new FieldSort(ElasticsearchMapping.Id) { Order = SortOrder.Asc }],
            SearchAfter = after is null ? null : [FieldValue.String(after)],
            TrackTotalHits = new TrackHits(false),
            Source = new SourceConfig(new SourceFilter { Includes = Fields.FromStrings([ElasticsearchMapping.Id]) }),
        };
    }

    /// <summary>
    /// Company names (completion on every word start), skills and services whose words start with those typed (sorted
    /// keywords), and how many companies each commune the prefix names has.
    /// </summary>
    public static EsSearchRequest Suggest(string index, string folded, IReadOnlyList<string> communes) => new(index)
    {
        Size = 0,
        Source = new SourceConfig(new SourceFilter { Includes = Fields.FromStrings(["name", "slug", "commune_code"]) }),
        Suggest = new Suggester
        {
            Suggesters = new Dictionary<string, FieldSuggester>
            {
                [NameSuggester] = new FieldSuggester
                {
                    Prefix = folded,
                    Completion = new CompletionSuggester { Field = ElasticsearchMapping.SuggestName, Size = SuggestionMix.Candidates, SkipDuplicates = false },
                },
            },
        },
        Aggregations = new Dictionary<string, Aggregation>
        {
            [SkillAggregation] = WordWise(ElasticsearchMapping.SuggestSkill, folded),
            [ServiceAggregation] = WordWise(ElasticsearchMapping.SuggestService, folded),
            [CommuneAggregation] = new Aggregation
            {
                Terms = new TermsAggregation
                {
                    Field = SearchFields.Facet(FacetNames.Commune),
                    Include = new TermsInclude(communes.Count == 0 ? ["-"] : [.. communes]),
                    Size = Math.Max(1, communes.Count),
                },
            },
        },
    };

    /// <summary>Every character but letters and digits escaped: the prefix is matched literally.</summary>
    public static string RegexEscape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    /// <summary>One query per clause of the plan, in order.</summary>
    private static IEnumerable<Query> Clauses(TextQueryPlan plan, TextMatching matching) =>
        plan.Map(word => WordQuery(word, matching), synonym => SynonymQuery(synonym, matching), phrase => PhraseAcrossFields(phrase.Phrase));

    /// <summary>
    /// The clauses (all of them, or at least <paramref name="atLeast"/> with a bonus for each one matched), the
    /// exact name and the places; without text, the places restrict the companies to those there.
    /// </summary>
    private static Query TextQuery(TextQueryPlan plan, TextMatching matching, TaxonomyCatalog taxonomy, int? atLeast)
    {
        if (!plan.HasText && !plan.HasPlace)
        {
            return new MatchAllQuery();
        }
        var clauses = Clauses(plan, matching).ToList();
        var should = new List<Query>();
        if (plan.ExactName.Length > 0)
        {
            should.Add(new TermQuery(SearchFields.NameExact, plan.ExactName) { Boost = TextQueryPlan.ExactNameBoost });
        }
        if (plan.HasPlace)
        {
            var terms = SearchRanking.PlaceTerms(plan, taxonomy);
            should.Add(new DisMaxQuery
            {
                Queries = [.. terms.Select(t => (Query)new ConstantScoreQuery { Filter = new TermQuery(t.Field, t.Value), Boost = Decimal(t.Boost) })],
                TieBreaker = 0,
            });
            should.AddRange(plan.PlaceWords.Select(word => (Query)new TermQuery(SearchFields.Names, FrenchTextAnalyzer.Stemming.Terms(word) is [var stem] ? stem : word) { Boost = SearchRanking.PlaceInNameBoost }));
            if (clauses.Count == 0)
            {
                return new BoolQuery
                {
                    Filter = [new BoolQuery { Should = [.. terms.Where(t => t.Restricts).Select(t => (Query)new TermQuery(t.Field, t.Value))] }],
                    Should = should,
                };
            }
        }
        if (atLeast is not { } minimum || minimum >= clauses.Count)
        {
            return new BoolQuery { Must = clauses, Should = should.Count == 0 ? null : should };
        }
        // Companies that match more of the clauses come first, whatever their scores: a bonus for each one matched.
        var some = new List<Query>();
        for (var i = 0; i < clauses.Count; i++)
        {
            some.Add(new BoolQuery { Must = [clauses[i]], QueryName = ClauseName(i) });
            some.Add(new ConstantScoreQuery { Filter = clauses[i], Boost = SearchRanking.WordMatchedBonus });
        }
        return new BoolQuery
        {
            Must = [new BoolQuery { Should = some, MinimumShouldMatch = 2 * minimum }],
            Should = should.Count == 0 ? null : should,
        };
    }

    /// <summary>The word in any weighted field (or a correction, a close spelling, a longer word it starts); written exactly as typed counts more.</summary>
    private static Query WordQuery(WordClause word, TextMatching matching) => new BoolQuery
    {
        Must = [WordForms(word, matching)],
        Should = [new TermQuery(SearchFields.Spell, word.Word) { Boost = SearchRanking.AsTypedBoost }],
    };

    private static Query WordForms(WordClause word, TextMatching matching)
    {
        var any = TermsAcrossFields(word.Stem);
        if (matching.Corrections.TryGetValue(word.Word, out var corrected) && FrenchTextAnalyzer.Stemming.Terms(corrected) is [var correctedStem])
        {
            any.Add(DisMax(TermsAcrossFields(correctedStem, TextQueryPlan.TypoBoost)));
        }
        if (!matching.TyposAndPrefixes)
        {
            return DisMax(any);
        }
        var isKnown = matching.IsKnown(word.Word);
        var edits = TextQueryPlan.TypoEdits(word.Word, isKnown);
        if (edits > 0)
        {
            any.Add(new FuzzyQuery(SearchFields.Spell, word.Word)
            {
                Fuzziness = edits,
                PrefixLength = TextQueryPlan.TypoPrefixLength,
                MaxExpansions = TextQueryPlan.TypoMaxExpansions,
                Transpositions = true,
                Boost = TextQueryPlan.TypoBoost,
            });
        }
        if (TextQueryPlan.IsPrefix(word, isKnown))
        {
            any.Add(new PrefixQuery(SearchFields.Spell, word.Word) { Boost = TextQueryPlan.PrefixBoost });
        }
        return DisMax(any);
    }

    /// <summary>All the words (each with its typos and prefix), or any alternative: a synonym widens, never narrows.</summary>
    private static Query SynonymQuery(SynonymClause synonym, TextMatching matching)
    {
        List<Query> any = [new BoolQuery { Must = [.. synonym.Words.Select(word => WordQuery(word, matching))] }];
        any.AddRange(synonym.SingleTerms.Select(term => (Query)DisMax(TermsAcrossFields(term, SearchRanking.SynonymBoost))));
        // The variants of several words, found at indexing: one term per field instead of a phrase per variant.
        any.AddRange(synonym.Tokens.Select(token => (Query)DisMax([.. TextQueryPlan.WeightedFields.Select(f =>
            (Query)new TermQuery(SearchFields.SynonymField(f.Field), token) { Boost = Decimal(f.Boost * SearchRanking.ConceptBoost) })])));
        return DisMax(any);
    }

    private static List<Query> TermsAcrossFields(string stem, float weight = 1f) =>
        [.. TextQueryPlan.WeightedFields.Select(f => (Query)new TermQuery(f.Field, stem) { Boost = Decimal(f.Boost * weight) })];

    /// <summary>
    /// Exact phrases: the variant's text analysed by the field's own chain, the same as the Lucene analysis, so
    /// the terms and positions (stop-word gaps included) are those of the Lucene phrase.
    /// </summary>
    private static Query PhraseAcrossFields(SynonymVariant phrase, float weight = 1f) =>
        DisMax([.. TextQueryPlan.WeightedFields.Select(f => (Query)new MatchPhraseQuery(f.Field, phrase.Text) { Boost = Decimal(f.Boost * weight) })]);

    /// <summary>A float weight as the decimal number it stands for (1.8, not 1.79999995…), for readable request bodies.</summary>
    private static float Decimal(float weight) => (float)Math.Round((decimal)weight, 4);

    private static DisMaxQuery DisMax(List<Query> queries) => new() { Queries = queries, TieBreaker = TieBreaker };

    /// <summary>The plan's tie breaker as the decimal number it is (not the binary float's 0.10000000149…).</summary>
    private static readonly double TieBreaker = (double)(decimal)TextQueryPlan.TieBreaker;

    /// <summary>
    /// The query restricted to the companies near the commune of the request (<see cref="Proximity"/>), in filter
    /// context (scores unchanged), so that it holds for the hits and every facet's counts.
    /// </summary>
    private static Query WithProximity(Query query, SearchRequest request, TaxonomyCatalog taxonomy)
    {
        if (request.Near is not { } near)
        {
            return query;
        }
        var terms = Proximity.Terms(near, request.RadiusKm, taxonomy)
            .Select(t => (Query)new TermsQuery(t.Field, new TermsQueryField([.. t.Values.Select(FieldValue.String)])))
            .ToList();
        return new BoolQuery { Must = [query], Filter = [new BoolQuery { Should = terms, MinimumShouldMatch = 1 }] };
    }

    /// <summary>The active filters by facet name (the founding years under <see cref="FacetNames.FoundingYear"/>).</summary>
    private static Dictionary<string, Query> Filters(SearchRequest request)
    {
        var filters = new Dictionary<string, Query>(StringComparer.Ordinal);
        foreach (var facet in FacetCatalog.Names)
        {
            var selected = request.Selected(facet);
            if (selected.Count > 0)
            {
                filters[facet] = new TermsQuery(SearchFields.Facet(facet), new TermsQueryField([.. selected.Distinct(StringComparer.Ordinal).Select(FieldValue.String)]));
            }
        }
        if (request.FoundedFrom is not null || request.FoundedTo is not null)
        {
            filters[FacetNames.FoundingYear] = new NumberRangeQuery(ElasticsearchMapping.Year) { Gte = request.FoundedFrom, Lte = request.FoundedTo };
        }
        return filters;
    }

    private static Query AllOf(IEnumerable<Query> filters)
    {
        var list = filters.ToList();
        return list.Count == 0 ? new MatchAllQuery() : new BoolQuery { Filter = list };
    }

    /// <summary>The same orders as Lucene: ties by folded name, then id, so that pages are stable.</summary>
    private static List<SortOptions> Sort(SearchSort sort, bool hasText)
    {
        var byName = new FieldSort(ElasticsearchMapping.SortName) { Order = SortOrder.Asc };
        var byId = new FieldSort(ElasticsearchMapping.Id) { Order = SortOrder.Asc };
        return sort switch
        {
            SearchSort.Relevance when hasText => [new SortOptions { Score = new ScoreSort { Order = SortOrder.Desc } }, byName, byId],
            SearchSort.Newest => [new FieldSort(ElasticsearchMapping.Published) { Order = SortOrder.Desc }, byName, byId],
            SearchSort.RecentlyUpdated => [new FieldSort(ElasticsearchMapping.Updated) { Order = SortOrder.Desc }, byName, byId],
            _ => [byName, byId],
        };
    }
}

/// <summary>
/// What a search knows of the words typed before it is sent: which the index knows, the spelling chosen for the
/// others, and whether typos and prefixes may be searched at all.
/// </summary>
public sealed record TextMatching(Func<string, bool> IsKnown, IReadOnlyDictionary<string, string> Corrections, bool TyposAndPrefixes)
{
    /// <summary>Every word taken as typed: no typos, prefixes or corrections.</summary>
    public static TextMatching AsTyped { get; } = new(_ => true, new Dictionary<string, string>(), TyposAndPrefixes: false);
}
