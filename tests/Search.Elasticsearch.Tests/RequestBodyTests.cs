using System.Text;
using System.Text.Json.Nodes;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Search.Elasticsearch;
using AnnuaireFiliere.Core.Taxonomy;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Microsoft.Extensions.Options;

namespace AnnuaireFiliere.Search.Elasticsearch.Tests;

/// <summary>
/// The exact request bodies of each query shape, written by the client's own serializer, against golden files.
/// A change to a query shows as a diff of a readable JSON file.
/// </summary>
public sealed class RequestBodyTests
{
    private const string Index = "annuaire-companies";

    /// <summary>Words the index knows, as a vocabulary look-up would say.</summary>
    private static readonly HashSet<string> Known = ["developpement", "web", "informatique"];

    private static string Body<T>(T request) => Encoding.UTF8.GetString(Serialize(request));

    internal static byte[] Serialize<T>(T request)
    {
        var client = new ElasticsearchClient(new ElasticsearchClientSettings(new InMemoryRequestInvoker()));
        using var stream = new MemoryStream();
        client.ElasticsearchClientSettings.RequestResponseSerializer.Serialize(request, stream);
        return stream.ToArray();
    }

    private static string SearchBody(string? text, Func<Core.Search.SearchRequest, Core.Search.SearchRequest>? with = null, bool typosAndPrefixes = true,
        IReadOnlyDictionary<string, string>? corrections = null, int? atLeast = null)
    {
        var request = new Core.Search.SearchRequest { Text = text };
        request = (with is null ? request : with(request)).Normalized();
        var matching = new TextMatching(Known.Contains, corrections ?? new Dictionary<string, string>(), typosAndPrefixes);
        return Body(ElasticsearchQueries.Search(Index, request, TextQueryPlan.Parse(request.Text, SynonymCatalog.Default), matching, TaxonomyCatalog.Default, atLeast));
    }

    [Fact]
    public void Everything_without_text_or_filter() => Golden.Match("search-match-all", SearchBody(null));

    [Fact]
    public void Known_words_are_exact_and_the_last_word_is_a_prefix() =>
        Golden.Match("search-known-words-and-prefix", SearchBody("informatique dév"));

    [Fact]
    public void Unknown_words_get_typo_tolerance_by_length() =>
        // "devloppement" (12 letters, unknown): two edits; "resau" (5): one; "ia" (2): none.
        Golden.Match("search-typos", SearchBody("devloppement resau ia "));

    [Fact]
    public void A_cluster_that_refuses_expensive_queries_gets_no_fuzzy_nor_prefix()
    {
        // The same words as search-typos and search-synonyms, the last one being typed: stems and synonyms only.
        var body = SearchBody("devloppement resau seo dév", typosAndPrefixes: false);

        Assert.DoesNotContain("\"fuzzy\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"prefix\"", body, StringComparison.Ordinal);
        Assert.Contains("\"fuzzy\"", SearchBody("devloppement resau seo dév"), StringComparison.Ordinal);
        Golden.Match("search-without-typos-and-prefixes", body);
    }

    [Fact]
    public void Synonyms_become_alternatives_and_multi_word_ones_phrases() =>
        Golden.Match("search-synonyms", SearchBody("seo dev web "));

    [Fact]
    public void A_place_ranks_its_companies_and_is_no_word_to_match() =>
        Golden.Match("search-place", SearchBody("informatique Koumac "));

    [Fact]
    public void A_place_alone_keeps_the_companies_there() =>
        Golden.Match("search-place-alone", SearchBody("Grand Nouméa "));

    [Fact]
    public void A_widened_search_names_each_clause_and_rewards_each_one_matched() =>
        Golden.Match("search-widened", SearchBody("cloud sauvegarde personnel ", atLeast: 2));

    [Fact]
    public void A_correction_is_an_alternative_to_the_word_typed() =>
        Golden.Match("search-corrected", SearchBody("cybersecruite ", corrections: new Dictionary<string, string> { ["cybersecruite"] = "cybersecurite" }));

    [Fact]
    public void Clause_counts_ask_each_clause_over_the_whole_index() =>
        Golden.Match("clause-counts", Body(ElasticsearchQueries.ClauseCounts(Index, TextQueryPlan.Parse("formation personnel ", SynonymCatalog.Default),
            new TextMatching(Known.Contains, new Dictionary<string, string>(), TyposAndPrefixes: true))));

    [Fact]
    public void The_index_knows_the_word_families_of_the_embedded_engine()
    {
        var settings = JsonNode.Parse(Body(ElasticsearchMapping.CreateIndex("annuaire-companies-20261128-120000-000", replicas: 0, cursor: 0)))!["settings"]!;
        var forms = settings["analysis"]!["filter"]!["french_word_forms"]!;

        Assert.Equal("stemmer_override", forms["type"]!.GetValue<string>());
        Assert.Equal(WordForms.Rules, forms["rules"]!.AsArray().Select(r => r!.GetValue<string>()));
        var chain = settings["analysis"]!["analyzer"]![ElasticsearchMapping.FrenchText]!["filter"]!.AsArray().Select(f => f!.GetValue<string>()).ToList();
        Assert.True(chain.IndexOf("french_word_forms") < chain.IndexOf("french_light_stem"), "word families before stemming, as in FrenchTextAnalyzer");
    }

    [Fact]
    public void Quoted_words_are_a_phrase() =>
        Golden.Match("search-phrase", SearchBody("\"agence de communication\" nouméa "));

    [Fact]
    public void Filters_go_to_post_filter_and_each_facet_counts_without_its_own() =>
        Golden.Match("search-filters", SearchBody("web ", r => r with
        {
            Communes = ["98818", "98811"],
            LegalForms = ["SARL"],
            ECommerce = [ECommerceCapabilities.SellsOnline],
            FoundedFrom = 2010,
            FoundedTo = 2020,
        }));

    [Fact]
    public void Near_a_commune_filters_the_query_by_the_communes_within_the_radius_or_an_area_covering_it() =>
        Golden.Match("search-near", SearchBody("web ", r => r with { Near = "98811", RadiusKm = 50, Provinces = ["nord"] }));

    [Theory]
    [InlineData(SearchSort.Name)]
    [InlineData(SearchSort.Newest)]
    [InlineData(SearchSort.RecentlyUpdated)]
    public void Every_sort_has_its_order_and_stable_ties(SearchSort sort) =>
        Golden.Match($"search-sort-{sort.ToString().ToLowerInvariant()}", SearchBody(null, r => r with { Sort = sort }));

    [Fact]
    public void Pages_are_from_and_size() => Golden.Match("search-page-3", SearchBody(null, r => r with { Page = 3, PageSize = 20 }));

    [Fact]
    public void Beyond_the_window_asks_for_counts_only() => Golden.Match("search-beyond-window", SearchBody(null, r => r with { Page = 501, PageSize = 20 }));

    [Fact]
    public void Vocabulary_look_up() => Golden.Match("known-words", Body(ElasticsearchQueries.KnownWords(Index, ["devloppement", "resau"])));

    [Fact]
    public void Spelling_suggestions() => Golden.Match("spelling", Body(ElasticsearchQueries.Spelling(Index, ["fbires"])));

    [Fact]
    public void Autocomplete() => Golden.Match("suggest", Body(ElasticsearchQueries.Suggest(Index, "c++ dev", SuggestionMix.CommuneCodes(TaxonomyCatalog.Default, "c++ dev"))));

    [Fact]
    public void Index_settings_and_mapping() => Golden.Match("create-index", Body(ElasticsearchMapping.CreateIndex("annuaire-companies-20261128-120000-000", replicas: 0, cursor: 0)));

    [Fact]
    public void The_index_removes_the_stop_words_of_the_embedded_engine()
    {
        // Not `_french_`: Elasticsearch 9's list (Lucene 10) and Lucene.NET 4.8's differ; both engines read one file.
        var settings = JsonNode.Parse(Body(ElasticsearchMapping.CreateIndex("annuaire-companies-20261128-120000-000", replicas: 0, cursor: 0)))!["settings"]!;
        var stop = settings["analysis"]!["filter"]!["french_stop"]!;

        Assert.Equal("stop", stop["type"]!.GetValue<string>());
        Assert.Equal(FrenchTextAnalyzer.StopWords, stop["stopwords"]!.AsArray().Select(w => w!.GetValue<string>()));
        Assert.Contains("est", FrenchTextAnalyzer.Stemming.Terms("le son est là"));
    }

    [Fact]
    public void Completion_inputs_are_as_long_as_the_longest_name_a_form_accepts()
    {
        // Elasticsearch cuts completion inputs at 50 characters unless told otherwise; Lucene keeps the whole name.
        var mappings = JsonNode.Parse(Body(ElasticsearchMapping.CreateIndex("annuaire-companies-20261128-120000-000", replicas: 0, cursor: 0)))!["mappings"]!;
        var completion = mappings["properties"]![ElasticsearchMapping.SuggestName]!;

        Assert.Equal("completion", completion["type"]!.GetValue<string>());
        Assert.Equal(Core.Companies.CompanyValidator.NameMaxLength, completion["max_input_length"]?.GetValue<int>());
    }

    [Fact]
    public void A_company_document() =>
        Golden.Match("document", Body(ElasticsearchMapping.ToSource(Conformance.ConformanceCompanies.Documents(TaxonomyCatalog.Default).Single(c => c.Slug == "cyber-lagon"))));

    [Fact]
    public async Task The_search_sends_exactly_the_golden_body()
    {
        // Through the whole client: the body the transport writes is the one checked above.
        byte[]? sent = null;
        var settings = new ElasticsearchClientSettings(CannedResponses.Invoker("search-empty"))
            .DisableDirectStreaming()
            .OnRequestCompleted(call => sent = call.RequestBodyInBytes);
        var search = new ElasticsearchCompanySearch(new ElasticsearchClient(settings), Options.Create(new ElasticsearchOptions()), TaxonomyCatalog.Default, SynonymCatalog.Default, Cluster.Expensive());

        await search.SearchAsync(new Core.Search.SearchRequest(), TestContext.Current.CancellationToken);

        Assert.NotNull(sent);
        Golden.Match("search-match-all", Encoding.UTF8.GetString(sent));
    }

    [Theory]
    [InlineData("c++", "c\\+\\+")]
    [InlineData("a.b*", "a\\.b\\*")]
    [InlineData("abc 12", "abc\\ 12")]
    public void Prefixes_are_matched_literally(string text, string expected) =>
        Assert.Equal(expected, ElasticsearchQueries.RegexEscape(text));
}
