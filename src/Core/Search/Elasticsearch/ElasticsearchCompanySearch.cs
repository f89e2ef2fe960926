using System.Diagnostics;
using AnnuaireFiliere.Core.Taxonomy;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Transport.Products.Elasticsearch;
using Microsoft.Extensions.Options;

namespace AnnuaireFiliere.Core.Search.Elasticsearch;

/// <summary>
/// The search contract on Elasticsearch, through the alias. When the cluster cannot answer (no connection, 429,
/// 5xx, an unreadable answer, or no index built yet) it throws <see cref="SearchUnavailableException"/>: pages show
/// their "temporarily unavailable" page and work again as soon as the cluster does. A cluster that refuses
/// expensive queries is searched without typos and prefixes (<see cref="ElasticsearchExpensiveQueries"/>). The
/// synonym rules are read from <c>synonyms</c> for every search (moderators change them).
/// </summary>
public sealed class ElasticsearchCompanySearch(
    ElasticsearchClient client, IOptions<ElasticsearchOptions> options, TaxonomyCatalog taxonomy, ISynonymSource synonyms, ElasticsearchExpensiveQueries expensive)
    : ICompanySearch
{
    private const int SnippetLength = 180;

    private string Alias => options.Value.Alias;

    public async Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var normalized = request.Normalized();
        var result = await RunAsync(normalized, cancellationToken);
        // Without "as typed", unknown words were already searched as their closest spelling: nothing more to propose.
        if (result.Total == 0 && normalized.ExactSpelling && !string.IsNullOrWhiteSpace(normalized.Text))
        {
            result = result with { DidYouMean = await DidYouMeanAsync(normalized, cancellationToken) };
        }
        return result with { Elapsed = Stopwatch.GetElapsedTime(started) };
    }

    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(string? prefix, int max = 10, CancellationToken cancellationToken = default)
    {
        var folded = SuggestionMix.FoldedPrefix(prefix);
        if (folded.Length == 0)
        {
            return [];
        }
        var communes = SuggestionMix.CommuneCodes(taxonomy, folded);
        var response = await CallAsync(c => c.SearchAsync<ElasticsearchCompany>(ElasticsearchQueries.Suggest(Alias, folded, communes), cancellationToken), "suggest");
        var names = response.Suggest?.GetCompletion(ElasticsearchQueries.NameSuggester)?
            .SelectMany(s => s.Options)
            .Where(o => o.Source is not null)
            .Select(o => $"{o.Text}|{o.Source!.Name}|{o.Source.Slug}|{o.Source.CommuneCode}")
            .Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>();
        IEnumerable<string> Keys(string aggregation) => response.Aggregations?.GetStringTerms(aggregation)?.Buckets.Select(b => b.Key.ToString()) ?? [];
        var counts = response.Aggregations?.GetStringTerms(ElasticsearchQueries.CommuneAggregation)?.Buckets.ToDictionary(b => b.Key.ToString(), b => b.DocCount, StringComparer.Ordinal)
            ?? new Dictionary<string, long>(StringComparer.Ordinal);
        return SuggestionMix.Mix(
            SuggestionMix.Communes(taxonomy, folded, code => counts.GetValueOrDefault(code)),
            SuggestionMix.Companies(names),
            SuggestionMix.Activities(taxonomy, folded),
            SuggestionMix.Services(Keys(ElasticsearchQueries.ServiceAggregation)),
            SuggestionMix.Skills(Keys(ElasticsearchQueries.SkillAggregation)),
            max);
    }

    public async Task<IReadOnlySet<Guid>> MatchingIdsAsync(string text, CancellationToken cancellationToken = default)
    {
        const int PageSize = 5000;
        var plan = TextQueryPlan.Parse(text, synonyms.Current);
        return await WithTyposAndPrefixesIfAllowedAsync(plan, exactSpelling: false, async matching =>
        {
            var ids = new HashSet<Guid>();
            string? after = null;
            while (true)
            {
                var response = await CallAsync(
                    c => c.SearchAsync<ElasticsearchCompany>(ElasticsearchQueries.MatchingIds(Alias, plan, matching, taxonomy, after, PageSize), cancellationToken), "matching ids");
                var page = response.Hits.Where(h => h.Source is not null).Select(h => h.Source!.Id).ToList();
                ids.UnionWith(page.Select(Guid.Parse));
                if (page.Count < PageSize)
                {
                    return ids;
                }
                after = page[^1];
            }
        }, cancellationToken);
    }

    /// <summary>
    /// As the embedded engine: every word required; when that finds fewer than <see cref="SearchRanking.FewResults"/>
    /// companies, the words no company has are set aside, then companies with most of the words follow.
    /// </summary>
    private Task<SearchResult> RunAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var plan = TextQueryPlan.Parse(request.Text, synonyms.Current);
        return WithTyposAndPrefixesIfAllowedAsync(plan, request.ExactSpelling, async matching =>
        {
            Task<SearchResult> SearchAsync(TextQueryPlan searched, int? atLeast) => ReadAsync(request, searched, matching, atLeast, cancellationToken);
            var result = await SearchAsync(plan, null) with
            {
                Corrections = [.. matching.Corrections.Select(c => new SpellingCorrection(c.Key, c.Value))],
                Places = [.. plan.Places.Select(p => p.Label)],
            };
            if (result.Total >= SearchRanking.FewResults || !plan.HasText)
            {
                return result;
            }
            var counts = await CallAsync(c => c.SearchAsync<ElasticsearchCompany>(ElasticsearchQueries.ClauseCounts(Alias, plan, matching), cancellationToken), "clause counts");
            var buckets = counts.Aggregations?.GetFilters(ElasticsearchQueries.ClausesAggregation)?.Buckets.ToList() ?? [];
            var live = Enumerable.Range(0, plan.Clauses.Count).Where(i => i < buckets.Count && buckets[i].DocCount > 0).ToList();
            if (live.Count == 0)
            {
                return result;
            }
            if (live.Count < plan.Clauses.Count)
            {
                var setAside = Enumerable.Range(0, plan.Clauses.Count).Except(live).Select(i => plan.Clauses[i].Text).ToList();
                plan = plan.With([.. live.Select(i => plan.Clauses[i])]);
                result = await SearchAsync(plan, null) with { Corrections = result.Corrections, Places = result.Places, SetAside = setAside };
            }
            var exact = result.Total;
            for (var atLeast = plan.Clauses.Count - 1; atLeast >= 1 && result.Total < SearchRanking.FewResults; atLeast--)
            {
                var wider = await SearchAsync(plan, atLeast);
                if (wider.Total > result.Total)
                {
                    result = wider with { Corrections = result.Corrections, Places = result.Places, SetAside = result.SetAside, ExactTotal = exact };
                }
            }
            return result;
        }, cancellationToken);
    }

    private async Task<SearchResult> ReadAsync(SearchRequest request, TextQueryPlan plan, TextMatching matching, int? atLeast, CancellationToken cancellationToken)
    {
        var response = await CallAsync(
            c => c.SearchAsync<ElasticsearchCompany>(ElasticsearchQueries.Search(Alias, request, plan, matching, taxonomy, atLeast), cancellationToken), "search");
        return Read(response, request, plan, widened: atLeast is not null);
    }

    /// <summary>
    /// Runs a text search with typos, prefixes and corrections (after the vocabulary look-up they need) while the
    /// cluster allows them; on its first refusal, again without, as every later search does.
    /// </summary>
    private async Task<T> WithTyposAndPrefixesIfAllowedAsync<T>(TextQueryPlan plan, bool exactSpelling, Func<TextMatching, Task<T>> run, CancellationToken cancellationToken)
    {
        if (expensive.Allowed && !exactSpelling)
        {
            var known = await KnownWordsAsync(plan.WordsToLookUp(), cancellationToken);
            var unknown = plan.Words().Where(w => TextQueryPlan.CorrectionEdits(w.Word) > 0 && !known.Contains(w.Word)).Select(w => w.Word).Distinct(StringComparer.Ordinal).ToList();
            var corrections = await CorrectionsAsync(unknown, cancellationToken);
            try
            {
                return await run(new TextMatching(known.Contains, corrections, TyposAndPrefixes: true));
            }
            catch (ElasticsearchRequestException failed) when (ElasticsearchExpensiveQueries.IsRefusal(failed))
            {
                expensive.Refused(failed);
            }
        }
        return await run(TextMatching.AsTyped);
    }

    /// <summary>The closest spelling the index knows for each unknown word (at most two edits), from the term suggester.</summary>
    private async Task<Dictionary<string, string>> CorrectionsAsync(List<string> unknown, CancellationToken cancellationToken)
    {
        var corrections = new Dictionary<string, string>(StringComparer.Ordinal);
        if (unknown.Count == 0)
        {
            return corrections;
        }
        var response = await CallAsync(c => c.SearchAsync<ElasticsearchCompany>(ElasticsearchQueries.Spelling(Alias, unknown), cancellationToken), "spelling suggestions");
        foreach (var entry in response.Suggest?.GetTerm(ElasticsearchQueries.SpellingSuggester) ?? [])
        {
            var edits = TextQueryPlan.CorrectionEdits(entry.Text);
            if (SuggestionMix.Closest(entry.Text, entry.Options.Select(o => (o.Text, o.Freq))) is { } best && SuggestionMix.Distance(entry.Text, best) <= edits)
            {
                corrections[entry.Text] = best;
            }
        }
        return corrections;
    }

    /// <summary>Reads an answer to <see cref="ElasticsearchQueries.Search"/> (typed-key aggregations).</summary>
    internal SearchResult Read(SearchResponse<ElasticsearchCompany> response, SearchRequest request, TextQueryPlan plan, bool widened = false)
    {
        ArgumentNullException.ThrowIfNull(response);
        var matched = plan.HighlightTerms.ToHashSet(StringComparer.Ordinal);
        var counts = FacetCatalog.Names.ToDictionary(f => f, f => Counts(response.Aggregations, f), StringComparer.Ordinal);
        var years = response.Aggregations?.GetFilter(FacetNames.FoundingYear)?.Aggregations;
        return new SearchResult
        {
            Total = response.HitsMetadata?.Total?.Match(total => total?.Value ?? 0, count => count) ?? 0,
            Hits = [.. response.Hits.Where(h => h.Source is not null).Select(h => ToHit(h.Source!, matched) with { MissingWords = Missing(h.MatchedQueries?.Match(names => names, scored => (IReadOnlyCollection<string>)[.. scored!.Keys]), plan, widened) })],
            Facets = FacetAssembly.Build(f => counts[f], request, taxonomy),
            MinFoundingYear = Year(years?.GetMin("min")?.Value),
            MaxFoundingYear = Year(years?.GetMax("max")?.Value),
            BeyondResultWindow = (long)request.Page * request.PageSize > SearchRequest.MaxResultWindow,
        };
    }

    /// <summary>In a widened search, the words (as typed) of the clauses a hit did not match.</summary>
    private static IReadOnlyList<string> Missing(IReadOnlyCollection<string>? matchedQueries, TextQueryPlan plan, bool widened) =>
        !widened ? [] : [.. plan.Clauses.Where((_, i) => matchedQueries?.Contains(ElasticsearchQueries.ClauseName(i)) != true).Select(c => c.Text)];

    private static Dictionary<string, long> Counts(AggregateDictionary? aggregations, string facet) =>
        aggregations?.GetFilter(facet)?.Aggregations?.GetStringTerms(ElasticsearchQueries.ValuesAggregation)?.Buckets
            .ToDictionary(b => b.Key.ToString(), b => b.DocCount, StringComparer.Ordinal)
        ?? new Dictionary<string, long>(StringComparer.Ordinal);

    private static int? Year(double? value) => value is { } year && !double.IsInfinity(year) ? (int)year : null;

    private static SearchHit ToHit(ElasticsearchCompany source, IReadOnlySet<string> matched) => new()
    {
        Id = Guid.Parse(source.Id),
        Version = source.Version,
        Slug = source.Slug,
        Name = source.Name,
        LegalName = source.LegalName,
        ActivityCodes = source.ActivityCodes,
        CommuneCode = source.CommuneCode,
        SizeBandCode = source.SizeCode,
        ECommerce = source.FacetCodes(FacetNames.ECommerce),
        // The same extracts as the embedded engine (shared code): matched stems in <mark>, the rest HTML-encoded.
        SnippetHtml = source.SnippetText is null ? null : Snippets.Build(source.SnippetText, matched, SnippetLength),
    };

    /// <summary>The words the folded vocabulary holds, among those whose spelling matters (one request, none when there are none).</summary>
    private async Task<HashSet<string>> KnownWordsAsync(IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        if (words.Count == 0)
        {
            return known;
        }
        var response = await CallAsync(c => c.SearchAsync<ElasticsearchCompany>(ElasticsearchQueries.KnownWords(Alias, words), cancellationToken), "vocabulary look-up");
        var buckets = response.Aggregations?.GetFilters(ElasticsearchQueries.KnownAggregation)?.Buckets.ToList() ?? [];
        for (var i = 0; i < Math.Min(words.Count, buckets.Count); i++)
        {
            if (buckets[i].DocCount > 0)
            {
                known.Add(words[i]);
            }
        }
        return known;
    }

    /// <summary>Each unknown word replaced by the closest indexed word (at most two edits), if that finds something.</summary>
    private async Task<string?> DidYouMeanAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var words = TextQueryPlan.SpellingWords(request.Text);
        var known = await KnownWordsAsync(words, cancellationToken);
        var candidates = words.Where(w => SuggestionMix.NeedsCorrection(w, known.Contains(w))).Distinct(StringComparer.Ordinal).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }
        var response = await CallAsync(c => c.SearchAsync<ElasticsearchCompany>(ElasticsearchQueries.Spelling(Alias, candidates), cancellationToken), "spelling suggestions");
        var corrections = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in response.Suggest?.GetTerm(ElasticsearchQueries.SpellingSuggester) ?? [])
        {
            if (SuggestionMix.Closest(entry.Text, entry.Options.Select(o => (o.Text, o.Freq))) is { } best)
            {
                corrections[entry.Text] = best;
            }
        }
        if (corrections.Count == 0)
        {
            return null;
        }
        var suggestion = string.Join(' ', words.Select(w => corrections.GetValueOrDefault(w, w)));
        return (await RunAsync(request with { Text = suggestion + " ", Page = 1, PageSize = 1 }, cancellationToken)).Total > 0 ? suggestion : null;
    }

    /// <summary>One call to the cluster; any failure to answer becomes <see cref="SearchUnavailableException"/>.</summary>
    private async Task<T> CallAsync<T>(Func<ElasticsearchClient, Task<T>> call, string what)
        where T : ElasticsearchResponse
    {
        try
        {
            return await ElasticsearchCalls.CallAsync(() => call(client), what);
        }
        catch (ElasticsearchRequestException failed) when (failed.IsTransient || failed.StatusCode == 404)
        {
            // 404: the alias does not exist yet (the Indexer has not built the index).
            throw new SearchUnavailableException($"Elasticsearch could not answer the {what}.", failed);
        }
    }
}
