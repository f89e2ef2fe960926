using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace AnnuaireFiliere.Core.Search.Lucene;

/// <summary>The index schema: field names and how a <see cref="CompanyDocument"/> becomes a Lucene document.</summary>
internal static class LuceneFields
{
    /// <summary>Bump when the fields change: a new version is built beside the old one, which is then removed.</summary>
    public const int SchemaVersion = 2;

    public const string Id = "id";
    public const string Version = "version";
    public const string Slug = "slug";
    public const string Name = "name";
    public const string LegalName = "legal_name";
    public const string NameExact = "name_exact";

    /// <summary>Trade name, legal name and acronym, analysed (the stored names are for display).</summary>
    public const string Names = "names";

    /// <summary>Activity labels (French and English) and skills.</summary>
    public const string Topics = "topics";
    public const string Services = "services";

    /// <summary>The French description (stored, for snippets) and the English one (searched only).</summary>
    public const string Description = "description";
    public const string Spell = "spell";
    public const string Year = "year";
    public const string SortName = "sort_name";
    public const string Published = "published";
    public const string Updated = "updated";
    public const string ActivityCodes = "activity_codes";
    public const string Commune = "commune_code";
    public const string SizeBand = "size_code";
    public const string SuggestName = "suggest_name";
    public const string SuggestSkill = "suggest_skill";

    /// <summary>The keyword field of a facet (indexed for filters, doc values for counts).</summary>
    public static string Facet(string facet) => "f_" + facet;

    /// <summary>
    /// Text fields and their weights: names above activities and skills, above services, above description. Few
    /// fields on purpose: every field is one more scorer per word on every matching document.
    /// </summary>
    public static readonly (string Field, float Boost)[] Weighted =
    [
        (Names, 5f), (Topics, 3f), (Services, 2f), (Description, 1f),
    ];

    public static Document ToLucene(CompanyDocument company)
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
            new TextField(Names, company.Name, Field.Store.NO),
            new StringField(NameExact, FrenchTextAnalyzer.Fold(company.Name), Field.Store.NO),
            new StringField(NameExact, FrenchTextAnalyzer.Fold(company.LegalName), Field.Store.NO),
            new SortedDocValuesField(SortName, new BytesRef(FrenchTextAnalyzer.Fold(company.Name))),
            new NumericDocValuesField(Published, company.PublishedAt.Ticks),
            new NumericDocValuesField(Updated, company.UpdatedAt.Ticks),
            new StoredField(Commune, company.CommuneCode),
        };
        // One value per field: multi-valued text fields behave the same (no position gap between values), and each
        // value costs a token-stream set-up, a large share of the analysis of short texts.
        Text(document, Names, Join(company.LegalName != company.Name ? company.LegalName : null, company.Acronym));
        Text(document, Topics, Join([.. company.ActivityLabels, .. company.Skills]));
        Text(document, Services, Join([.. company.Services]));
        if (company.Description is not null)
        {
            document.Add(new TextField(Description, company.Description, Field.Store.YES));
        }
        Text(document, Description, company.DescriptionEn);
        // Typos, prefixes and spelling suggestions work on the vocabulary of names, activities, skills and services
        // (descriptions are matched by their stems only: analysing them twice would halve indexing speed).
        Text(document, Spell, Join([company.Name, company.LegalName, company.Acronym, .. company.ActivityLabels, .. company.Skills, .. company.Services]));
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

        Keywords(document, FacetNames.Sector, company.SectorCodes);
        Keywords(document, FacetNames.Activity, company.ActivityCodes);
        Keywords(document, FacetNames.Province, company.ProvinceCodes);
        Keywords(document, FacetNames.Commune, [company.CommuneCode]);
        Keywords(document, FacetNames.SizeBand, company.SizeFacetBand is null ? [] : [company.SizeFacetBand]);
        Keywords(document, FacetNames.LegalForm, company.LegalFormCode is null ? [] : [company.LegalFormCode]);
        Keywords(document, FacetNames.ECommerce, company.ECommerce, stored: true);
        Keywords(document, FacetNames.Language, company.Languages);
        Keywords(document, FacetNames.Label, company.Labels);

        // Autocomplete: "<folded text from a word on>|<display>|<slug>", so that a prefix seek finds any word start.
        var folded = FrenchTextAnalyzer.Folding.Terms(company.Name);
        for (var i = 0; i < folded.Count; i++)
        {
            document.Add(new StringField(SuggestName, $"{string.Join(' ', folded.Skip(i))}|{company.Name}|{company.Slug}", Field.Store.NO));
        }
        foreach (var skill in company.Skills)
        {
            document.Add(new StringField(SuggestSkill, $"{FrenchTextAnalyzer.Fold(skill)}|{skill}", Field.Store.NO));
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

    private static string Join(params string?[] values) => string.Join(" \n ", values.Where(v => !string.IsNullOrWhiteSpace(v)));

    private static void Keywords(Document document, string facet, IEnumerable<string> values, bool stored = false)
    {
        var field = Facet(facet);
        foreach (var value in values.Distinct(StringComparer.Ordinal))
        {
            document.Add(new StringField(field, value, stored ? Field.Store.YES : Field.Store.NO));
            document.Add(new SortedSetDocValuesField(field, new BytesRef(value)));
        }
    }
}
