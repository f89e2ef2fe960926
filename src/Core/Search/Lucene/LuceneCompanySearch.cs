using System.Diagnostics;
using System.Globalization;
using AnnuaireFiliere.Core.Taxonomy;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace AnnuaireFiliere.Core.Search.Lucene;

/// <summary>The search contract on the embedded Lucene index.</summary>
public sealed class LuceneCompanySearch(LuceneIndex index, TaxonomyCatalog taxonomy, SynonymCatalog synonyms) : ICompanySearch
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
            if (found.Total == 0 && !string.IsNullOrWhiteSpace(normalized.Text))
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
        var suggestions = index.Search(searcher => SuggestionMix.Mix(
            SuggestionMix.Companies(Seek(searcher, LuceneFields.SuggestName, folded, SuggestionMix.Candidates)),
            SuggestionMix.Activities(taxonomy, folded),
            SuggestionMix.Skills(Seek(searcher, LuceneFields.SuggestSkill, folded, SuggestionMix.Candidates)),
            max));
        return Task.FromResult(suggestions);
    }

    public Task<IReadOnlySet<Guid>> MatchingIdsAsync(string text, CancellationToken cancellationToken = default)
    {
        var plan = TextQueryPlan.Parse(text, synonyms);
        var ids = index.Search(searcher =>
        {
            var reader = searcher.IndexReader;
            var collector = new IdCollector();
            searcher.Search(LuceneQueryBuilder.Build(plan, word => reader.DocFreq(new Term(LuceneFields.Spell, word)) > 0), collector);
            return collector.Ids;
        });
        return Task.FromResult<IReadOnlySet<Guid>>(ids);
    }

    private SearchResult Run(IndexSearcher searcher, SearchRequest request)
    {
        var reader = searcher.IndexReader;
        var plan = TextQueryPlan.Parse(request.Text, synonyms);
        var query = LuceneQueryBuilder.Build(plan, word => reader.DocFreq(new Term(LuceneFields.Spell, word)) > 0);
        var window = (long)request.Page * request.PageSize;
        var beyond = window > SearchRequest.MaxResultWindow;
        var wanted = beyond ? 1 : (int)window;
        // Relevance needs scores; every other order (and relevance without text, where all scores are equal and
        // names give a stable order) is read from the segment arrays.
        ICollector top = request.Sort == SearchSort.Relevance && plan.HasText
            ? TopScoreDocCollector.Create(wanted, docsScoredInOrder: true)
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
                : [.. ((TopScoreDocCollector)top).GetTopDocs(start, request.PageSize).ScoreDocs.Select(hit => hit.Doc)];
            var matched = plan.HighlightTerms.ToHashSet(StringComparer.Ordinal);
            hits.AddRange(page.Select(doc => ToHit(searcher.Doc(doc), matched)));
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
            if (!SuggestionMix.NeedsCorrection(word, searcher.IndexReader.DocFreq(new Term(LuceneFields.Spell, word)) > 0))
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

    /// <summary>Indexed words at most two edits away (the first 200).</summary>
    private static IEnumerable<(string Term, long Documents)> Candidates(Terms terms, string word)
    {
        var candidates = new FuzzyTermsEnum(terms, new AttributeSource(), new Term(LuceneFields.Spell, word), 2f, 0, true);
        var seen = 0;
        while (candidates.MoveNext() && seen++ < 200)
        {
            yield return (candidates.Term.Utf8ToString(), candidates.DocFreq);
        }
    }

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
