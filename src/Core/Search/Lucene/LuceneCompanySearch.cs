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
        var folded = FrenchTextAnalyzer.Fold(LuceneQueryBuilder.Clean(prefix));
        max = Math.Clamp(max, 1, 10);
        if (folded.Length == 0)
        {
            return Task.FromResult<IReadOnlyList<Suggestion>>([]);
        }
        var suggestions = index.Search(searcher =>
        {
            var companies = Seek(searcher, LuceneFields.SuggestName, folded, 40)
                .Select(term => term.Split('|'))
                .Where(parts => parts.Length == 3)
                .DistinctBy(parts => parts[2])
                .Select(parts => new Suggestion(SuggestionKind.Company, parts[1], parts[2]));
            var activities = taxonomy.Activities
                .Where(a => FrenchTextAnalyzer.Folding.Terms(a.Label).Any(w => w.StartsWith(folded, StringComparison.Ordinal))
                    || FrenchTextAnalyzer.Fold(a.Label).StartsWith(folded, StringComparison.Ordinal))
                .Select(a => new Suggestion(SuggestionKind.Activity, a.Label, a.Code));
            var skills = Seek(searcher, LuceneFields.SuggestSkill, folded, 40)
                .Select(term => term.Split('|'))
                .Where(parts => parts.Length == 2)
                .DistinctBy(parts => parts[0])
                .Select(parts => new Suggestion(SuggestionKind.Skill, parts[1], null));
            // A fair share for each kind, then whatever is left.
            var lists = new[] { companies.Take(max).ToList(), activities.Take(max).ToList(), skills.Take(max).ToList() };
            var quotas = new[] { Math.Max(1, max / 2), Math.Max(1, max * 3 / 10), Math.Max(1, max / 5) };
            var chosen = lists.SelectMany((list, i) => list.Take(quotas[i])).ToList();
            chosen.AddRange(lists.SelectMany((list, i) => list.Skip(quotas[i])).Take(Math.Max(0, max - chosen.Count)));
            return (IReadOnlyList<Suggestion>)[.. chosen.Take(max)];
        });
        return Task.FromResult(suggestions);
    }

    private SearchResult Run(IndexSearcher searcher, SearchRequest request)
    {
        var reader = searcher.IndexReader;
        var parsed = LuceneQueryBuilder.Build(request.Text, synonyms, word => reader.DocFreq(new Term(LuceneFields.Spell, word)) > 0);
        var window = (long)request.Page * request.PageSize;
        var beyond = window > SearchRequest.MaxResultWindow;
        var wanted = beyond ? 1 : (int)window;
        // Relevance needs scores; every other order (and relevance without text, where all scores are equal and
        // names give a stable order) is read from the segment arrays.
        ICollector top = request.Sort == SearchSort.Relevance && parsed.HasText
            ? TopScoreDocCollector.Create(wanted, docsScoredInOrder: true)
            : new SortedTopCollector(request.Sort, wanted);
        var facets = new DisjunctiveFacetCollector(top, request);
        searcher.Search(parsed.Query, facets);
        facets.Finish();

        var hits = new List<SearchHit>();
        if (!beyond)
        {
            var start = (request.Page - 1) * request.PageSize;
            var page = top is SortedTopCollector sorted
                ? sorted.Top(start, request.PageSize)
                : [.. ((TopScoreDocCollector)top).GetTopDocs(start, request.PageSize).ScoreDocs.Select(hit => hit.Doc)];
            var matched = parsed.HighlightTerms.ToHashSet(StringComparer.Ordinal);
            hits.AddRange(page.Select(doc => ToHit(searcher.Doc(doc), matched)));
        }
        return new SearchResult
        {
            Total = facets.TotalHits,
            Hits = hits,
            Facets = Facets(facets, request),
            MinFoundingYear = facets.MinYear,
            MaxFoundingYear = facets.MaxYear,
            BeyondResultWindow = beyond,
        };
    }

    private IReadOnlyList<Facet> Facets(DisjunctiveFacetCollector collector, SearchRequest request)
    {
        FacetValue Value(string facet, string code) =>
            new(code, FacetLabels.For(facet, code, taxonomy), collector.Counts(facet).GetValueOrDefault(code), request.Selected(facet).Contains(code));

        IEnumerable<FacetValue> Shown(string facet, IEnumerable<string> codes) =>
            codes.Select(code => Value(facet, code)).Where(v => v.Count > 0 || v.Selected);

        var activities = Shown(FacetNames.Activity, taxonomy.Activities.Select(a => a.Code)).ToList();
        var communes = Shown(FacetNames.Commune, taxonomy.Communes.Select(c => c.Code)).ToList();
        var sectors = Shown(FacetNames.Sector, taxonomy.Sectors.Select(s => s.Code))
            .Select(s => s with { Children = [.. activities.Where(a => taxonomy.FindActivity(a.Code)!.SectorCode == s.Code)] });
        var provinces = Shown(FacetNames.Province, taxonomy.Provinces.Select(p => p.Code))
            .Select(p => p with { Children = [.. communes.Where(c => taxonomy.FindCommune(c.Code)!.ProvinceCode == p.Code)] });
        var labels = collector.Counts(FacetNames.Label).Keys.Union(request.Labels, StringComparer.Ordinal);
        return
        [
            new Facet(FacetNames.Sector, [.. sectors]),
            new Facet(FacetNames.Activity, activities),
            new Facet(FacetNames.Province, [.. provinces]),
            new Facet(FacetNames.Commune, communes),
            new Facet(FacetNames.SizeBand, [.. Shown(FacetNames.SizeBand, FacetLabels.SizeBandOrder)]),
            new Facet(FacetNames.LegalForm, [.. Shown(FacetNames.LegalForm, taxonomy.LegalForms.Select(l => l.Code))]),
            new Facet(FacetNames.ECommerce, [.. Shown(FacetNames.ECommerce, ECommerceCapabilities.All)]),
            new Facet(FacetNames.Language, [.. Shown(FacetNames.Language, taxonomy.Languages.Select(l => l.Code))]),
            new Facet(FacetNames.Label, [.. Shown(FacetNames.Label, labels).OrderByDescending(v => v.Count).ThenBy(v => v.Code, StringComparer.Ordinal)]),
        ];
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
        var words = FrenchTextAnalyzer.Folding.Terms(LuceneQueryBuilder.Clean(request.Text).Replace("\"", " ", StringComparison.Ordinal));
        if (words.Count == 0 || words.Count > 8)
        {
            return null;
        }
        var terms = MultiFields.GetTerms(searcher.IndexReader, LuceneFields.Spell);
        if (terms is null)
        {
            return null;
        }
        var changed = false;
        var corrected = new List<string>();
        foreach (var word in words)
        {
            if (searcher.IndexReader.DocFreq(new Term(LuceneFields.Spell, word)) > 0 || word.Length < 3)
            {
                corrected.Add(word);
                continue;
            }
            var best = ClosestTerm(terms, word);
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

    private static string? ClosestTerm(Terms terms, string word)
    {
        var candidates = new FuzzyTermsEnum(terms, new AttributeSource(), new Term(LuceneFields.Spell, word), 2f, 0, true);
        string? best = null;
        var bestDistance = int.MaxValue;
        var bestFrequency = 0;
        var seen = 0;
        while (candidates.MoveNext() && seen++ < 200)
        {
            var candidate = candidates.Term.Utf8ToString();
            var distance = Levenshtein(word, candidate);
            var frequency = candidates.DocFreq;
            if (distance < bestDistance || (distance == bestDistance && frequency > bestFrequency))
            {
                (best, bestDistance, bestFrequency) = (candidate, distance, frequency);
            }
        }
        return best;
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
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
