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
/// expensive queries is searched without typos and prefixes (<see cref="ElasticsearchExpensiveQueries"/>).
/// </summary>
public sealed class ElasticsearchCompanySearch(
    ElasticsearchClient client, IOptions<ElasticsearchOptions> options, TaxonomyCatalog taxonomy, SynonymCatalog synonyms, ElasticsearchExpensiveQueries expensive)
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
        if (result.Total == 0 && !string.IsNullOrWhiteSpace(normalized.Text))
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
        var response = await CallAsync(c => c.SearchAsync<ElasticsearchCompany>(ElasticsearchQueries.Suggest(Alias, folded), cancellationToken), "suggest");
        var names = response.Suggest?.GetCompletion(ElasticsearchQueries.NameSuggester)?
            .SelectMany(s => s.Options)
            .Where(o => o.Source is not null)
            .Select(o => $"{o.Text}|{o.Source!.Name}|{o.Source.Slug}")
            .Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>();
        var skills = response.Aggregations?.GetStringTerms(ElasticsearchQueries.SkillAggregation)?.Buckets.Select(b => b.Key.ToString()) ?? [];
        return SuggestionMix.Mix(SuggestionMix.Companies(names), SuggestionMix.Activities(taxonomy, folded), SuggestionMix.Skills(skills), max);
    }

    public async Task<IReadOnlySet<Guid>> MatchingIdsAsync(string text, CancellationToken cancellationToken = default)
    {
        const int PageSize = 5000;
        var plan = TextQueryPlan.Parse(text, synonyms);
        return await WithTyposAndPrefixesIfAllowedAsync(plan, async (isKnown, typosAndPrefixes) =>
        {
            var ids = new HashSet<Guid>();
            string? after = null;
            while (true)
            {
                var response = await CallAsync(
                    c => c.SearchAsync<ElasticsearchCompany>(ElasticsearchQueries.MatchingIds(Alias, plan, isKnown, after, PageSize, typosAndPrefixes), cancellationToken), "matching ids");
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

    private async Task<SearchResult> RunAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var plan = TextQueryPlan.Parse(request.Text, synonyms);
        var response = await WithTyposAndPrefixesIfAllowedAsync(plan, (isKnown, typosAndPrefixes) => CallAsync(
            c => c.SearchAsync<ElasticsearchCompany>(ElasticsearchQueries.Search(Alias, request, plan, isKnown, typosAndPrefixes), cancellationToken), "search"), cancellationToken);
        return Read(response, request, plan);
    }

    /// <summary>
    /// Runs a text search with typos and prefixes (after the vocabulary look-up they need) while the cluster allows
    /// them; on its first refusal, again without, as every later search does.
    /// </summary>
    private async Task<T> WithTyposAndPrefixesIfAllowedAsync<T>(TextQueryPlan plan, Func<Func<string, bool>, bool, Task<T>> run, CancellationToken cancellationToken)
    {
        if (expensive.Allowed)
        {
            var known = await KnownWordsAsync(plan.WordsToLookUp(), cancellationToken);
            try
            {
                return await run(known.Contains, true);
            }
            catch (ElasticsearchRequestException failed) when (ElasticsearchExpensiveQueries.IsRefusal(failed))
            {
                expensive.Refused(failed);
            }
        }
        return await run(_ => false, false);
    }

    /// <summary>Reads an answer to <see cref="ElasticsearchQueries.Search"/> (typed-key aggregations).</summary>
    internal SearchResult Read(SearchResponse<ElasticsearchCompany> response, SearchRequest request, TextQueryPlan plan)
    {
        ArgumentNullException.ThrowIfNull(response);
        var matched = plan.HighlightTerms.ToHashSet(StringComparer.Ordinal);
        var counts = FacetCatalog.Names.ToDictionary(f => f, f => Counts(response.Aggregations, f), StringComparer.Ordinal);
        var years = response.Aggregations?.GetFilter(FacetNames.FoundingYear)?.Aggregations;
        return new SearchResult
        {
            Total = response.HitsMetadata?.Total?.Match(total => total?.Value ?? 0, count => count) ?? 0,
            Hits = [.. response.Hits.Where(h => h.Source is not null).Select(h => ToHit(h.Source!, matched))],
            Facets = FacetAssembly.Build(f => counts[f], request, taxonomy),
            MinFoundingYear = Year(years?.GetMin("min")?.Value),
            MaxFoundingYear = Year(years?.GetMax("max")?.Value),
            BeyondResultWindow = (long)request.Page * request.PageSize > SearchRequest.MaxResultWindow,
        };
    }

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
        var candidates = words.Where(w => SuggestionMix.NeedsCorrection(w, isKnown: false)).Distinct(StringComparer.Ordinal).ToList();
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
