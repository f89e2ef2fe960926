using System.Diagnostics;
using System.Globalization;
using AnnuaireFiliere.Core.Taxonomy;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace AnnuaireFiliere.Core.Search.Lucene;

/// <summary>The search contract on the embedded Lucene index.</summary>
/// <remarks>The synonym rules are read from <paramref name="synonyms"/> for every search (moderators change them).</remarks>
public sealed class LuceneCompanySearch(LuceneIndex index, TaxonomyCatalog taxonomy, ISynonymSource synonyms) : ICompanySearch
{
    private const int SnippetLength = 180;

    public Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var normalized = request.Normalized();
        var result = index.Search(searcher =>
        {
            var found = Run(searcher, normalized);
            // Without "as typed", unknown words were already searched as their closest spelling: nothing more to propose.
            if (found.Total == 0 && normalized.ExactSpelling && !string.IsNullOrWhiteSpace(normalized.Text))
            {
                found = found with { DidYouMean = DidYouMean(searcher, normalized) };
            }
            return found;
        });
        return Task.FromResult(result with { Elapsed = Stopwatch.GetElapsedTime(started) });
    }

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(string? prefix, int max = 10, CancellationToken cancellationToken = default)
    {
        var folded = SuggestionMix.FoldedPrefix(prefix);
        if (folded.Length == 0)
        {
            return Task.FromResult<IReadOnlyList<Suggestion>>([]);
        }
        var words = SuggestionMix.Words(folded);
        var suggestions = index.Search(searcher => SuggestionMix.Mix(
            SuggestionMix.Communes(taxonomy, folded, code => searcher.IndexReader.DocFreq(new Term(LuceneFields.Facet(FacetNames.Commune), code))),
            SuggestionMix.Companies(Seek(searcher, LuceneFields.SuggestName, folded, SuggestionMix.Candidates)),
            SuggestionMix.Activities(taxonomy, folded),
            SuggestionMix.Services(WordWise(searcher, LuceneFields.SuggestService, words)),
            SuggestionMix.Skills(WordWise(searcher, LuceneFields.SuggestSkill, words)),
            max));
        return Task.FromResult(suggestions);
    }

    public Task<IReadOnlySet<Guid>> MatchingIdsAsync(string text, CancellationToken cancellationToken = default)
    {
        var ids = index.Search(searcher =>
        {
            var plan = TextQueryPlan.Parse(text, synonyms.Current);
            var reader = searcher.IndexReader;
            var clauses = LuceneQueryBuilder.Clauses(plan, word => IsKnown(reader, word), Corrections(searcher, plan, word => IsKnown(reader, word)));
            var collector = new IdCollector();
            searcher.Search(LuceneQueryBuilder.Build(plan, clauses, taxonomy), collector);
            return collector.Ids;
        });
        return Task.FromResult<IReadOnlySet<Guid>>(ids);
    }

    /// <summary>
    /// Every word required; when that finds fewer than <see cref="SearchRanking.FewResults"/> companies, the words
    /// no company has are set aside, then companies with most of the words follow (each marked with the words it
    /// lacks).
    /// </summary>
    private SearchResult Run(IndexSearcher searcher, SearchRequest request)
    {
        var reader = searcher.IndexReader;
        var plan = TextQueryPlan.Parse(request.Text, synonyms.Current);
        Func<string, bool> isKnown = word => IsKnown(reader, word);
        var corrections = request.ExactSpelling ? new Dictionary<string, string>(StringComparer.Ordinal) : Corrections(searcher, plan, isKnown);
        var clauses = LuceneQueryBuilder.Clauses(plan, request.ExactSpelling ? _ => true : isKnown, corrections);
        var result = Execute(searcher, request, plan, clauses, atLeast: null) with
        {
            Corrections = [.. corrections.Select(c => new SpellingCorrection(c.Key, c.Value))],
            Places = [.. plan.Places.Select(p => p.Label)],
        };
        if (result.Total >= SearchRanking.FewResults || clauses.Count == 0)
        {
            return result;
        }
        // Words no company has: set aside for everyone.
        var live = Enumerable.Range(0, clauses.Count).Where(i => Count(searcher, clauses[i]) > 0).ToList();
        if (live.Count == 0)
        {
            return result;
        }
        if (live.Count < clauses.Count)
        {
            var setAside = Enumerable.Range(0, clauses.Count).Except(live).Select(i => plan.Clauses[i].Text).ToList();
            plan = plan.With([.. live.Select(i => plan.Clauses[i])]);
            clauses = [.. live.Select(i => clauses[i])];
            result = Execute(searcher, request, plan, clauses, atLeast: null) with
            {
                Corrections = result.Corrections,
                Places = result.Places,
                SetAside = setAside,
            };
        }
        // Then fewer words: companies with more of them first.
        var exact = result.Total;
        for (var atLeast = clauses.Count - 1; atLeast >= 1 && result.Total < SearchRanking.FewResults; atLeast--)
        {
            var wider = Execute(searcher, request, plan, clauses, atLeast);
            if (wider.Total > result.Total)
            {
                result = wider with
                {
                    Corrections = result.Corrections,
                    Places = result.Places,
                    SetAside = result.SetAside,
                    ExactTotal = exact,
                    Hits = MarkMissing(searcher, wider.Hits, plan, clauses),
                };
            }
        }
        return result;
    }

    private SearchResult Execute(IndexSearcher searcher, SearchRequest request, TextQueryPlan plan, IReadOnlyList<Query> clauses, int? atLeast)
    {
        var query = LuceneQueryBuilder.WithProximity(LuceneQueryBuilder.Build(plan, clauses, taxonomy, atLeast), request, taxonomy);
        var window = (long)request.Page * request.PageSize;
        var beyond = window > SearchRequest.MaxResultWindow;
        var wanted = beyond ? 1 : (int)window;
        // Relevance needs scores (ties broken by name, then id, so that pages are stable); every other order (and
        // relevance without text or place, where all scores are equal and names give a stable order) is read from
        // the segment arrays.
        ICollector top = request.Sort == SearchSort.Relevance && (plan.HasText || plan.HasPlace)
            ? TopFieldCollector.Create(ByScoreThenName, wanted, fillFields: false, trackDocScores: false, trackMaxScore: false, docsScoredInOrder: true)
            : new SortedTopCollector(request.Sort, wanted);
        var facets = new DisjunctiveFacetCollector(top, request);
        searcher.Search(query, facets);
        facets.Finish();

        var hits = new List<SearchHit>();
        if (!beyond)
        {
            var start = (request.Page - 1) * request.PageSize;
            var page = top is SortedTopCollector sorted
                ? sorted.Top(start, request.PageSize)
                : [.. ((TopFieldCollector)top).GetTopDocs(start, request.PageSize).ScoreDocs.Select(hit => hit.Doc)];
            var matched = plan.HighlightTerms.ToHashSet(StringComparer.Ordinal);
            hits.AddRange(page.Select(doc => ToHit(searcher.Doc(doc), matched) with { Doc = doc }));
        }
        return new SearchResult
        {
            Total = facets.TotalHits,
            Hits = hits,
            Facets = FacetAssembly.Build(facets.Counts, request, taxonomy),
            MinFoundingYear = facets.MinYear,
            MaxFoundingYear = facets.MaxYear,
            BeyondResultWindow = beyond,
        };
    }

    /// <summary>Why a company scores what it does for a text (every word required): Lucene's explanation, for tuning.</summary>
    public string Explain(string? text, string slug) => index.Search(searcher =>
    {
        var reader = searcher.IndexReader;
        var plan = TextQueryPlan.Parse(text, synonyms.Current);
        var clauses = LuceneQueryBuilder.Clauses(plan, word => IsKnown(reader, word), Corrections(searcher, plan, word => IsKnown(reader, word)));
        var query = LuceneQueryBuilder.Build(plan, clauses, taxonomy);
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (searcher.Doc(doc).Get(LuceneFields.Slug, CultureInfo.InvariantCulture) == slug)
            {
                return searcher.Explain(query, doc).ToString();
            }
        }
        return $"{slug}: not in the index";
    });

    private static readonly Sort ByScoreThenName = new(SortField.FIELD_SCORE, new SortField(LuceneFields.SortName, SortFieldType.STRING), new SortField(LuceneFields.Id, SortFieldType.STRING));

    private static int Count(IndexSearcher searcher, Query clause)
    {
        var counter = new TotalHitCountCollector();
        searcher.Search(clause, counter);
        return counter.TotalHits;
    }

    /// <summary>For each hit, the words (as typed) of the clauses it does not match.</summary>
    private static IReadOnlyList<SearchHit> MarkMissing(IndexSearcher searcher, IReadOnlyList<SearchHit> hits, TextQueryPlan plan, IReadOnlyList<Query> clauses)
    {
        var leaves = searcher.IndexReader.Leaves;
        var weights = clauses.Select(searcher.CreateNormalizedWeight).ToList();
        return [.. hits.Select(hit =>
        {
            var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
            var local = hit.Doc - leaf.DocBase;
            var missing = weights
                .Select((weight, i) => (Matches: weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs) is { } scorer && scorer.Advance(local) == local, Text: plan.Clauses[i].Text))
                .Where(w => !w.Matches)
                .Select(w => w.Text)
                .ToList();
            return hit with { MissingWords = missing };
        })];
    }

    /// <summary>A folded word the index knows: in the folded vocabulary, or its stem in a weighted field.</summary>
    private static bool IsKnown(IndexReader reader, string word)
    {
        if (reader.DocFreq(new Term(LuceneFields.Spell, word)) > 0)
        {
            return true;
        }
        return FrenchTextAnalyzer.Stemming.Terms(word) is [var stem]
            && TextQueryPlan.WeightedFields.Any(f => reader.DocFreq(new Term(f.Field, stem)) > 0);
    }

    /// <summary>The spelling the index knows closest to each unknown word of four letters or more (at most two edits).</summary>
    private static Dictionary<string, string> Corrections(IndexSearcher searcher, TextQueryPlan plan, Func<string, bool> isKnown)
    {
        var corrections = new Dictionary<string, string>(StringComparer.Ordinal);
        var terms = MultiFields.GetTerms(searcher.IndexReader, LuceneFields.Spell);
        if (terms is null)
        {
            return corrections;
        }
        foreach (var word in plan.Words().Where(w => TextQueryPlan.CorrectionEdits(w.Word) > 0 && !isKnown(w.Word)).Select(w => w.Word).Distinct(StringComparer.Ordinal))
        {
            if (SuggestionMix.Closest(word, Candidates(terms, word, TextQueryPlan.CorrectionEdits(word))) is { } best)
            {
                corrections[word] = best;
            }
        }
        return corrections;
    }

    private static SearchHit ToHit(global::Lucene.Net.Documents.Document document, IReadOnlySet<string> matched)
    {
        var description = document.Get(LuceneFields.Description, CultureInfo.InvariantCulture);
        var snippet = description is null ? null : Snippets.Build(description, matched, SnippetLength);
        return new SearchHit
        {
            Id = Guid.Parse(document.Get(LuceneFields.Id, CultureInfo.InvariantCulture)),
            Version = document.GetField(LuceneFields.Version).GetInt32Value() ?? 0,
            Slug = document.Get(LuceneFields.Slug, CultureInfo.InvariantCulture),
            Name = document.Get(LuceneFields.Name, CultureInfo.InvariantCulture),
            LegalName = document.Get(LuceneFields.LegalName, CultureInfo.InvariantCulture),
            ActivityCodes = document.GetValues(LuceneFields.ActivityCodes, CultureInfo.InvariantCulture),
            CommuneCode = document.Get(LuceneFields.Commune, CultureInfo.InvariantCulture),
            SizeBandCode = document.Get(LuceneFields.SizeBand, CultureInfo.InvariantCulture),
            ECommerce = document.GetValues(LuceneFields.Facet(FacetNames.ECommerce), CultureInfo.InvariantCulture),
            SnippetHtml = snippet,
        };
    }

    /// <summary>Each unknown word replaced by the closest indexed word (at most two edits), if that finds something.</summary>
    private string? DidYouMean(IndexSearcher searcher, SearchRequest request)
    {
        var words = TextQueryPlan.SpellingWords(request.Text);
        var terms = MultiFields.GetTerms(searcher.IndexReader, LuceneFields.Spell);
        if (words.Count == 0 || terms is null)
        {
            return null;
        }
        var changed = false;
        var corrected = new List<string>();
        foreach (var word in words)
        {
            if (!SuggestionMix.NeedsCorrection(word, IsKnown(searcher.IndexReader, word)))
            {
                corrected.Add(word);
                continue;
            }
            var best = SuggestionMix.Closest(word, Candidates(terms, word));
            changed |= best is not null;
            corrected.Add(best ?? word);
        }
        if (!changed)
        {
            return null;
        }
        var suggestion = string.Join(' ', corrected);
        return Run(searcher, request with { Text = suggestion + " ", Page = 1, PageSize = 1 }).Total > 0 ? suggestion : null;
    }

    /// <summary>Indexed words at most <paramref name="edits"/> edits away (the first 200).</summary>
    private static IEnumerable<(string Term, long Documents)> Candidates(Terms terms, string word, int edits = 2)
    {
        var candidates = new FuzzyTermsEnum(terms, new AttributeSource(), new Term(LuceneFields.Spell, word), edits, TextQueryPlan.TypoPrefixLength, true);
        var seen = 0;
        while (candidates.MoveNext() && seen++ < 200)
        {
            yield return (candidates.Term.Utf8ToString(), candidates.DocFreq);
        }
    }

    /// <summary>Entries of a keyword field whose words start with the words typed (<see cref="SuggestionMix.StartsWithWords"/>).</summary>
    private static IEnumerable<string> WordWise(IndexSearcher searcher, string field, IReadOnlyList<string> words) =>
        Seek(searcher, field, words[0], words.Count == 1 ? SuggestionMix.Candidates : SuggestionMix.WordWiseCandidates)
            .Where(entry => SuggestionMix.StartsWithWords(entry, words))
            .Take(SuggestionMix.Candidates);

    /// <summary>Terms of a keyword field that start with <paramref name="prefix"/>, in order.</summary>
    private static IEnumerable<string> Seek(IndexSearcher searcher, string field, string prefix, int max)
    {
        var terms = MultiFields.GetTerms(searcher.IndexReader, field);
        if (terms is null)
        {
            yield break;
        }
        var enumerator = terms.GetEnumerator();
        if (enumerator.SeekCeil(new BytesRef(prefix)) == TermsEnum.SeekStatus.END)
        {
            yield break;
        }
        var count = 0;
        do
        {
            var term = enumerator.Term.Utf8ToString();
            if (!term.StartsWith(prefix, StringComparison.Ordinal) || count++ >= max)
            {
                yield break;
            }
            yield return term;
        }
        while (enumerator.MoveNext());
    }
}

/// <summary>The company id of every hit, read from the id's doc values (no stored fields).</summary>
internal sealed class IdCollector : ICollector
{
    private readonly BytesRef _bytes = new();
    private SortedDocValues? _ids;

    public HashSet<Guid> Ids { get; } = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context) => _ids = context.AtomicReader.GetSortedDocValues(LuceneFields.Id);

    public void Collect(int doc)
    {
        if (_ids is null)
        {
            return;
        }
        _ids.Get(doc, _bytes);
        Ids.Add(Guid.Parse(_bytes.Utf8ToString()));
    }
}
