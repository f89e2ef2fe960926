namespace AnnuaireFiliere.Core.Search;

/// <summary>
/// The searchable projection of a <see cref="CompanyDocument"/>, shared by the engines: field names, and what
/// text goes in each field, so that Lucene and Elasticsearch score and match the same words.
/// </summary>
public static class SearchFields
{
    /// <summary>Trade name, legal name and acronym, analysed.</summary>
    public const string Names = "names";

    /// <summary>Activity labels (French and English) and skills.</summary>
    public const string Topics = "topics";
    public const string Services = "services";

    /// <summary>The French and English descriptions.</summary>
    public const string Description = "description";

    /// <summary>Folded words (no stemming) of names, activities, skills and services: typos, prefixes, spelling.</summary>
    public const string Spell = "spell";

    /// <summary>Folded whole trade and legal names, for the exact-name boost.</summary>
    public const string NameExact = "name_exact";

    /// <summary>The keyword field of a facet.</summary>
    public static string Facet(string facet) => "f_" + facet;

    /// <summary>
    /// Values of the names field: the trade name, then legal name and acronym in one value. Values of a field
    /// follow each other without a position gap, in both engines.
    /// </summary>
    public static IReadOnlyList<string> NameValues(CompanyDocument company)
    {
        ArgumentNullException.ThrowIfNull(company);
        var others = Join(company.LegalName != company.Name ? company.LegalName : null, company.Acronym);
        return others.Length == 0 ? [company.Name] : [company.Name, others];
    }

    public static string TopicsText(CompanyDocument company) => Join([.. Required(company).ActivityLabels, .. company.Skills]);

    public static string ServicesText(CompanyDocument company) => Join([.. Required(company).Services]);

    /// <summary>
    /// Typos, prefixes and spelling suggestions work on the vocabulary of names, activities, skills and services
    /// (descriptions are matched by their stems only: analysing them twice would halve indexing speed).
    /// </summary>
    public static string SpellText(CompanyDocument company) =>
        Join([Required(company).Name, company.LegalName, company.Acronym, .. company.ActivityLabels, .. company.Skills, .. company.Services]);

    /// <summary>The folded names an exact search must equal.</summary>
    public static IReadOnlyList<string> ExactNames(CompanyDocument company) =>
        [.. new[] { FrenchTextAnalyzer.Fold(Required(company).Name), FrenchTextAnalyzer.Fold(company.LegalName) }.Distinct(StringComparer.Ordinal)];

    /// <summary>The folded name used to sort by name.</summary>
    public static string SortName(CompanyDocument company) => FrenchTextAnalyzer.Fold(Required(company).Name);

    /// <summary>The codes of a facet for a company (distinct).</summary>
    public static IReadOnlyList<string> FacetValues(CompanyDocument company, string facet)
    {
        ArgumentNullException.ThrowIfNull(company);
        return [.. FacetCatalog.Get(facet).ValuesOf(company).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Autocomplete keys of the name: the folded name from each of its words on ("cyber lagon", "lagon").</summary>
    public static IReadOnlyList<string> NameSuggestKeys(CompanyDocument company)
    {
        var folded = FrenchTextAnalyzer.Folding.Terms(Required(company).Name);
        return [.. Enumerable.Range(0, folded.Count).Select(i => string.Join(' ', folded.Skip(i))).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Autocomplete entries of the skills: "folded|as written", so that a prefix seek on the folded text finds them.</summary>
    public static IReadOnlyList<string> SkillSuggestEntries(CompanyDocument company) =>
        [.. Required(company).Skills.Select(skill => $"{FrenchTextAnalyzer.Fold(skill)}|{skill}").Distinct(StringComparer.Ordinal)];

    private static string Join(params string?[] values) => string.Join(" \n ", values.Where(v => !string.IsNullOrWhiteSpace(v)));

    private static CompanyDocument Required(CompanyDocument company)
    {
        ArgumentNullException.ThrowIfNull(company);
        return company;
    }
}
