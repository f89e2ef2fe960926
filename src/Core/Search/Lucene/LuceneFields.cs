using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace AnnuaireFiliere.Core.Search.Lucene;

/// <summary>The index schema: field names and how a <see cref="CompanyDocument"/> becomes a Lucene document.</summary>
internal static class LuceneFields
{
    /// <summary>
    /// Bump when the fields or their analysis change: a new version is built beside the old one, which is then
    /// removed. 3: the shared French stop list (Search/french-stopwords.txt).
    /// </summary>
    public const int SchemaVersion = 6;

    public const string Id = "id";
    public const string Version = "version";
    public const string Slug = "slug";
    public const string Name = "name";
    public const string LegalName = "legal_name";
    public const string NameExact = SearchFields.NameExact;

    /// <summary>Trade name, legal name and acronym, analysed (the stored names are for display).</summary>
    public const string Names = SearchFields.Names;
    public const string Topics = SearchFields.Topics;
    public const string Services = SearchFields.Services;

    /// <summary>The French description (stored, for snippets) and the English one (searched only).</summary>
    public const string Description = SearchFields.Description;
    public const string Spell = SearchFields.Spell;
    public const string Year = "year";
    public const string SortName = "sort_name";
    public const string Published = "published";
    public const string Updated = "updated";
    public const string ActivityCodes = "activity_codes";
    public const string Commune = "commune_code";
    public const string SizeBand = "size_code";
    public const string SuggestName = "suggest_name";
    public const string SuggestSkill = "suggest_skill";
    public const string SuggestService = "suggest_service";

    /// <summary>The keyword field of a facet (indexed for filters, doc values for counts).</summary>
    public static string Facet(string facet) => SearchFields.Facet(facet);

    public static Document ToLucene(CompanyDocument company, SynonymCatalog synonyms)
    {
        var document = new Document
        {
            new StringField(Id, company.Id.ToString("D"), Field.Store.YES),
            new SortedDocValuesField(Id, new BytesRef(company.Id.ToString("D"))),
            new StoredField(Version, company.Version),
            new NumericDocValuesField(Version, company.Version),
            new StoredField(Slug, company.Slug),
            new StoredField(Name, company.Name),
            new StoredField(LegalName, company.LegalName),
            new SortedDocValuesField(SortName, new BytesRef(SearchFields.SortName(company))),
            new NumericDocValuesField(Published, company.PublishedAt.Ticks),
            new NumericDocValuesField(Updated, company.UpdatedAt.Ticks),
            new StoredField(Commune, company.CommuneCode),
        };
        foreach (var exact in SearchFields.ExactNames(company))
        {
            document.Add(new StringField(NameExact, exact, Field.Store.NO));
        }
        // Few values per field: multi-valued text fields behave the same (no position gap between values), and each
        // value costs a token-stream set-up, a large share of the analysis of short texts.
        foreach (var name in SearchFields.NameValues(company))
        {
            Text(document, Names, name);
        }
        Text(document, Topics, SearchFields.TopicsText(company));
        Text(document, Services, SearchFields.ServicesText(company));
        // The French description is stored for snippets; the English one and the joined forms are searched only.
        foreach (var (value, i) in SearchFields.DescriptionValues(company).Select((v, i) => (v, i)))
        {
            document.Add(new TextField(Description, value, i == 0 && value == company.Description ? Field.Store.YES : Field.Store.NO));
        }
        Text(document, Spell, SearchFields.SpellText(company));
        if (company.SizeBandCode is not null)
        {
            document.Add(new StoredField(SizeBand, company.SizeBandCode));
        }
        foreach (var code in company.ActivityCodes)
        {
            document.Add(new StoredField(ActivityCodes, code));
        }
        if (company.FoundingYear is { } year)
        {
            document.Add(new Int32Field(Year, year, Field.Store.NO));
            document.Add(new NumericDocValuesField(Year, year));
        }

        foreach (var facet in FacetCatalog.Names)
        {
            Keywords(document, facet, SearchFields.FacetValues(company, facet), stored: facet == FacetNames.ECommerce);
        }

        foreach (var (field, tokens) in SearchFields.SynonymTokens(company, synonyms))
        {
            foreach (var token in tokens)
            {
                document.Add(new StringField(field, token, Field.Store.NO));
            }
        }
        foreach (var area in SearchFields.AreaValues(company))
        {
            document.Add(new StringField(SearchFields.Area, area, Field.Store.NO));
        }

        // Autocomplete: "<folded text from a word on>|<display>|<slug>", so that a prefix seek finds any word start.
        foreach (var key in SearchFields.NameSuggestKeys(company))
        {
            document.Add(new StringField(SuggestName, SearchFields.NameSuggestEntry(key, company), Field.Store.NO));
        }
        foreach (var entry in SearchFields.SkillSuggestEntries(company))
        {
            document.Add(new StringField(SuggestSkill, entry, Field.Store.NO));
        }
        foreach (var entry in SearchFields.ServiceSuggestEntries(company))
        {
            document.Add(new StringField(SuggestService, entry, Field.Store.NO));
        }
        return document;
    }

    private static void Text(Document document, string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            document.Add(new TextField(field, value, Field.Store.NO));
        }
    }

    private static void Keywords(Document document, string facet, IEnumerable<string> values, bool stored = false)
    {
        var field = Facet(facet);
        foreach (var value in values)
        {
            document.Add(new StringField(field, value, stored ? Field.Store.YES : Field.Store.NO));
            document.Add(new SortedSetDocValuesField(field, new BytesRef(value)));
        }
    }
}
