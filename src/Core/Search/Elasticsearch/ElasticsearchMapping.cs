using System.Text.Json;
using System.Text.Json.Serialization;
using AnnuaireFiliere.Core.Companies;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Analysis;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Mapping;

namespace AnnuaireFiliere.Core.Search.Elasticsearch;

/// <summary>
/// The index: settings with the French chain of <see cref="FrenchTextAnalyzer"/> rebuilt from Elasticsearch's own
/// filters, the mapping (the same fields as the Lucene index), and the document a company becomes.
/// </summary>
public static class ElasticsearchMapping
{
    /// <summary>
    /// Bump when the mapping or the analysis changes: an index of another schema counts as not built, and is
    /// rebuilt. 2: the shared French stop list, completion inputs as long as a name. 3: word families
    /// (<see cref="WordForms"/>), where companies work (<see cref="SearchFields.Area"/>), joined words, descriptions
    /// in the folded vocabulary.
    /// </summary>
    public const int SchemaVersion = 4;

    public const string CursorKey = "cursor";
    public const string SchemaKey = "schema";

    /// <summary>The <see cref="SynonymCatalog.IndexStamp"/> of the rules the index was built with.</summary>
    public const string SynonymsKey = "synonyms";

    public const string FrenchText = "french_text";
    public const string FrenchFolding = "french_folding";
    public const string FoldedKeyword = "folded_keyword";

    public const string SortName = "sort_name";
    public const string Year = "year";
    public const string Published = "published";
    public const string Updated = "updated";
    public const string SuggestName = "suggest_name";
    public const string SuggestSkill = "suggest_skill";
    public const string SuggestService = "suggest_service";
    public const string Id = "id";

    /// <summary>Elided articles, as in <see cref="FrenchTextAnalyzer"/>.</summary>
    private static readonly string[] Articles = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"];

    /// <summary>
    /// One primary shard: the directory holds at most a few hundred thousand companies, and one shard gives exact
    /// facet counts and the same scores as a single Lucene index. Replicas give availability.
    /// </summary>
    public static CreateIndexRequest CreateIndex(string name, int replicas, long cursor, string? synonymStamp = null) => new(name)
    {
        Settings = new IndexSettings
        {
            NumberOfShards = 1,
            NumberOfReplicas = replicas,
            // A full reindex writes without refreshes; the index is refreshed once, before the alias swap.
            RefreshInterval = new Duration("-1"),
            MaxResultWindow = SearchRequest.MaxResultWindow,
            Analysis = new IndexSettingsAnalysis
            {
                TokenFilters = new TokenFilters
                {
                    { "french_elision", new ElisionTokenFilter { Articles = Articles, ArticlesCase = true } },
                    // The list of FrenchTextAnalyzer, word for word (not `_french_`: Lucene.NET 4.8's list is older).
                    { "french_stop", new StopTokenFilter { Stopwords = new List<string>(FrenchTextAnalyzer.StopWords) } },
                    // Verbs meet their nouns (WordForms): the family's word, which the stemmer then leaves alone.
                    { "french_word_forms", new StemmerOverrideTokenFilter { Rules = [.. WordForms.Rules] } },
                    { "french_light_stem", new StemmerTokenFilter { Language = "light_french" } },
                },
                Analyzers = new Analyzers
                {
                    // Same order as FrenchTextAnalyzer.Stemming: elision, lower case, stop words, folding, word families, stemming.
                    { FrenchText, new CustomAnalyzer { Tokenizer = "standard", Filter = ["french_elision", "lowercase", "french_stop", "asciifolding", "french_word_forms", "french_light_stem"] } },
                    // FrenchTextAnalyzer.Folding: no stop words, no stemming.
                    { FrenchFolding, new CustomAnalyzer { Tokenizer = "standard", Filter = ["french_elision", "lowercase", "asciifolding"] } },
                    { FoldedKeyword, new CustomAnalyzer { Tokenizer = "keyword", Filter = ["lowercase", "asciifolding"] } },
                },
            },
        },
        Mappings = Mapping(cursor, synonymStamp),
    };

    /// <summary>The settings restored after a full reindex.</summary>
    public static IndexSettings Live(int replicas) => new() { NumberOfReplicas = replicas, RefreshInterval = new Duration("1s") };

    /// <summary>
    /// The mapping's <c>_meta</c>, which a mapping update replaces as a whole: the schema, the cursor and, when known,
    /// the stamp of the synonym rules of the last rebuild.
    /// </summary>
    public static Dictionary<string, object> Meta(long cursor, string? synonymStamp = null)
    {
        var meta = new Dictionary<string, object> { [SchemaKey] = SchemaVersion, [CursorKey] = cursor };
        if (synonymStamp is not null)
        {
            meta[SynonymsKey] = synonymStamp;
        }
        return meta;
    }

    private static TypeMapping Mapping(long cursor, string? synonymStamp) => new()
    {
        Dynamic = DynamicMapping.Strict,
        Meta = Meta(cursor, synonymStamp),
        Properties = Properties(),
    };

    private static Properties Properties()
    {
        // Values of a text field follow each other without a gap, as in Lucene (a phrase may span two values).
        static TextProperty Text(string analyzer) => new() { Analyzer = analyzer, PositionIncrementGap = 0 };
        static KeywordProperty Stored() => new() { Index = false, DocValues = false };
        var properties = new Properties
        {
            { Id, new KeywordProperty() },
            { "version", new IntegerNumberProperty { Index = false } },
            { "slug", Stored() },
            { "name", Stored() },
            { "legal_name", Stored() },
            { "activity_codes", Stored() },
            { "commune_code", Stored() },
            { "size_code", Stored() },
            { "snippet_text", new TextProperty { Index = false } },
            { SearchFields.Names, Text(FrenchText) },
            { SearchFields.Topics, Text(FrenchText) },
            { SearchFields.Services, Text(FrenchText) },
            { SearchFields.Description, Text(FrenchText) },
            { SearchFields.Spell, Text(FrenchFolding) },
            { SearchFields.NameExact, new KeywordProperty() },
            { SortName, new KeywordProperty() },
            { Year, new IntegerNumberProperty() },
            { Published, new DateProperty() },
            { Updated, new DateProperty() },
            // Inputs are cut at 50 characters unless told otherwise; Lucene keeps the whole name, so do we.
            { SuggestName, new CompletionProperty { Analyzer = FoldedKeyword, SearchAnalyzer = FoldedKeyword, PreserveSeparators = true, MaxInputLength = CompanyValidator.NameMaxLength } },
            { SuggestSkill, new KeywordProperty() },
            { SuggestService, new KeywordProperty() },
            { SearchFields.Area, new KeywordProperty() },
        };
        foreach (var (field, _) in TextQueryPlan.WeightedFields)
        {
            properties.Add(SearchFields.SynonymField(field), new KeywordProperty());
        }
        foreach (var facet in FacetCatalog.Names)
        {
            properties.Add(SearchFields.Facet(facet), new KeywordProperty());
        }
        return properties;
    }

    /// <summary>The document a company becomes (its id is the company id, its external version the company version).</summary>
    public static ElasticsearchCompany ToSource(CompanyDocument company, SynonymCatalog? synonyms = null)
    {
        ArgumentNullException.ThrowIfNull(company);
        return new ElasticsearchCompany
        {
            Id = company.Id.ToString("D"),
            Version = company.Version,
            Slug = company.Slug,
            Name = company.Name,
            LegalName = company.LegalName,
            ActivityCodes = company.ActivityCodes,
            CommuneCode = company.CommuneCode,
            SizeCode = company.SizeBandCode,
            SnippetText = company.Description,
            Names = SearchFields.NameValues(company),
            Topics = NullIfEmpty(SearchFields.TopicsText(company)),
            Services = NullIfEmpty(SearchFields.ServicesText(company)),
            Description = SearchFields.DescriptionValues(company),
            Area = SearchFields.AreaValues(company),
            Spell = NullIfEmpty(SearchFields.SpellText(company)),
            NameExact = SearchFields.ExactNames(company),
            SortName = SearchFields.SortName(company),
            Year = company.FoundingYear,
            Published = DateTime.SpecifyKind(company.PublishedAt, DateTimeKind.Utc),
            Updated = DateTime.SpecifyKind(company.UpdatedAt, DateTimeKind.Utc),
            SuggestName = new CompletionInput(SearchFields.NameSuggestKeys(company)),
            SuggestSkill = SearchFields.SkillSuggestEntries(company),
            SuggestService = SearchFields.ServiceSuggestEntries(company),
            Keywords = FacetCatalog.All.Select(f => (f.IndexField, (object)SearchFields.FacetValues(company, f.Name)))
                .Concat(SearchFields.SynonymTokens(company, synonyms ?? SynonymCatalog.Default).Select(t => (t.Field, (object)t.Tokens)))
                .ToDictionary(k => k.Item1, k => k.Item2, StringComparer.Ordinal),
        };
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}

/// <summary>A company as stored in Elasticsearch (<c>_source</c>; searches read part of it); names match the mapping.</summary>
public sealed record ElasticsearchCompany
{
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;
    [JsonPropertyName("version")] public int Version { get; init; }
    [JsonPropertyName("slug")] public string Slug { get; init; } = string.Empty;
    [JsonPropertyName("name")] public string Name { get; init; } = string.Empty;
    [JsonPropertyName("legal_name")] public string? LegalName { get; init; }
    [JsonPropertyName("activity_codes")] public IReadOnlyList<string> ActivityCodes { get; init; } = [];
    [JsonPropertyName("commune_code")] public string CommuneCode { get; init; } = string.Empty;
    [JsonPropertyName("size_code")] public string? SizeCode { get; init; }
    [JsonPropertyName("snippet_text")] public string? SnippetText { get; init; }
    [JsonPropertyName(SearchFields.Names)] public IReadOnlyList<string>? Names { get; init; }
    [JsonPropertyName(SearchFields.Topics)] public string? Topics { get; init; }
    [JsonPropertyName(SearchFields.Services)] public string? Services { get; init; }
    [JsonPropertyName(SearchFields.Description)] public IReadOnlyList<string>? Description { get; init; }
    [JsonPropertyName(SearchFields.Spell)] public string? Spell { get; init; }
    [JsonPropertyName(SearchFields.NameExact)] public IReadOnlyList<string>? NameExact { get; init; }
    [JsonPropertyName(ElasticsearchMapping.SortName)] public string? SortName { get; init; }
    [JsonPropertyName(ElasticsearchMapping.Year)] public int? Year { get; init; }
    [JsonPropertyName(ElasticsearchMapping.Published)] public DateTime? Published { get; init; }
    [JsonPropertyName(ElasticsearchMapping.Updated)] public DateTime? Updated { get; init; }
    [JsonPropertyName(ElasticsearchMapping.SuggestName)] public CompletionInput? SuggestName { get; init; }
    [JsonPropertyName(ElasticsearchMapping.SuggestSkill)] public IReadOnlyList<string>? SuggestSkill { get; init; }
    [JsonPropertyName(ElasticsearchMapping.SuggestService)] public IReadOnlyList<string>? SuggestService { get; init; }
    [JsonPropertyName(SearchFields.Area)] public IReadOnlyList<string>? Area { get; init; }

    /// <summary>
    /// The keyword fields of each facet of <see cref="FacetCatalog"/> (<c>f_sector</c>…) and the synonym tokens of each
    /// weighted field (<c>syn_topics</c>…), written and read as the document's other fields.
    /// </summary>
    [JsonExtensionData] public Dictionary<string, object>? Keywords { get; init; }

    /// <summary>The codes of a facet in a document read back (or built by <see cref="ElasticsearchMapping.ToSource"/>).</summary>
    public IReadOnlyList<string> FacetCodes(string facet) => Keywords?.GetValueOrDefault(SearchFields.Facet(facet)) switch
    {
        IReadOnlyList<string> codes => codes,
        JsonElement { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Select(e => e.GetString()).OfType<string>()],
        _ => [],
    };
}

/// <summary>The inputs of a completion field.</summary>
public sealed record CompletionInput([property: JsonPropertyName("input")] IReadOnlyList<string> Input);
