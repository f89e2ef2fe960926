using System.Text;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.QueryDsl;
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

    /// <summary>The fields a hit needs (the rest of the source stays on the server).</summary>
    private static readonly string[] HitFields = ["id", "version", "slug", "name", "legal_name", "activity_codes", "commune_code", "size_code", "snippet_text", SearchFields.Facet(FacetNames.ECommerce)];

    /// <summary>
    /// The page of results with facet counts; <paramref name="isKnown"/> tells which words the index knows.
    /// Without <paramref name="typosAndPrefixes"/> (a cluster that refuses expensive queries), words match by
    /// their stems and synonyms only: no <c>fuzzy</c>, no <c>prefix</c>.
    /// </summary>
    public static EsSearchRequest Search(string index, SearchRequest request, TextQueryPlan plan, Func<string, bool> isKnown, bool typosAndPrefixes = true)
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
            Query = TextQuery(plan, isKnown, typosAndPrefixes),
            PostFilter = filters.Count == 0 ? null : AllOf(filters.Values),
            Aggregations = aggregations,
            From = beyond ? 0 : (request.Page - 1) * request.PageSize,
            Size = beyond ? 0 : request.PageSize,
            Sort = Sort(request.Sort, plan.HasText),
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
                    Filters = new FiltersAggregation { Filters = words.Select(word => (Query)new TermQuery(SearchFields.Spell, word)).ToArray() },
                },
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
                            PrefixLength = 0,
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
    public static EsSearchRequest MatchingIds(string index, TextQueryPlan plan, Func<string, bool> isKnown, string? after, int size, bool typosAndPrefixes = true)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new EsSearchRequest(index)
        {
            Query = TextQuery(plan, isKnown, typosAndPrefixes),
            Size = size,
            Sort = [new FieldSort(ElasticsearchMapping.Id) { Order = SortOrder.Asc }],
            SearchAfter = after is null ? null : [FieldValue.String(after)],
            TrackTotalHits = new TrackHits(false),
            Source = new SourceConfig(new SourceFilter { Includes = Fields.FromStrings([ElasticsearchMapping.Id]) }),
        };
    }

    /// <summary>Company names (completion on every word start) and skills (sorted keywords by prefix).</summary>
    public static EsSearchRequest Suggest(string index, string folded) => new(index)
    {
        Size = 0,
        Source = new SourceConfig(new SourceFilter { Includes = Fields.FromStrings(["name", "slug"]) }),
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
            [SkillAggregation] = new Aggregation
            {
                Terms = new TermsAggregation
                {
                    Field = ElasticsearchMapping.SuggestSkill,
                    Include = new TermsInclude(RegexEscape(folded) + ".*"),
                    Size = SuggestionMix.Candidates,
                    Order = [new KeyValuePair<Field, SortOrder>("_key", SortOrder.Asc)],
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

    private static Query TextQuery(TextQueryPlan plan, Func<string, bool> isKnown, bool typosAndPrefixes)
    {
        if (!plan.HasText)
        {
            return new MatchAllQuery();
        }
        var must = plan.Map(
            word => WordQuery(word, isKnown(word.Word), typosAndPrefixes),
            synonym => SynonymQuery(synonym, typosAndPrefixes),
            phrase => PhraseAcrossFields(phrase.Phrase)).ToList();
        return new BoolQuery
        {
            Must = must,
            Should = plan.ExactName.Length == 0 ? null : [new TermQuery(SearchFields.NameExact, plan.ExactName) { Boost = TextQueryPlan.ExactNameBoost }],
        };
    }

    private static Query WordQuery(WordClause word, bool isKnown, bool typosAndPrefixes)
    {
        var any = TermsAcrossFields(word.Stem);
        if (!typosAndPrefixes)
        {
            return DisMax(any);
        }
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

    private static Query SynonymQuery(SynonymClause synonym, bool typosAndPrefixes)
    {
        var any = synonym.Variants.Select(v => v.Terms.Count == 1 ? DisMax(TermsAcrossFields(v.Terms[0])) : PhraseAcrossFields(v)).ToList();
        if (typosAndPrefixes && TextQueryPlan.IsPrefix(synonym))
        {
            any.Add(new PrefixQuery(SearchFields.Spell, synonym.PartialWord!) { Boost = TextQueryPlan.PrefixBoost });
        }
        return DisMax(any);
    }

    private static List<Query> TermsAcrossFields(string stem) =>
        [.. TextQueryPlan.WeightedFields.Select(f => (Query)new TermQuery(f.Field, stem) { Boost = f.Boost })];

    /// <summary>
    /// Exact phrases: the variant's text analysed by the field's own chain, the same as the Lucene analysis, so
    /// the terms and positions (stop-word gaps included) are those of the Lucene phrase.
    /// </summary>
    private static Query PhraseAcrossFields(SynonymVariant phrase) =>
        DisMax([.. TextQueryPlan.WeightedFields.Select(f => (Query)new MatchPhraseQuery(f.Field, phrase.Text) { Boost = f.Boost })]);

    private static DisMaxQuery DisMax(List<Query> queries) => new() { Queries = queries, TieBreaker = TieBreaker };

    /// <summary>The plan's tie breaker as the decimal number it is (not the binary float's 0.10000000149…).</summary>
    private static readonly double TieBreaker = (double)(decimal)TextQueryPlan.TieBreaker;

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
