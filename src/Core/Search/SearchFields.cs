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

    /// <summary>
    /// Where a company works, as keywords: <c>commune:98812</c> for its own commune and each it names,
    /// <c>province:nord</c> for each province it names, <c>territoire</c> when it works everywhere.
    /// </summary>
    public const string Area = "area";

    public const string WholeTerritory = "territoire";

    public static string AreaCommune(string code) => "commune:" + code;

    public static string AreaProvince(string code) => "province:" + code;

    /// <summary>The keyword field of the synonym tokens found in a weighted text field (<see cref="SynonymRule.Token"/>).</summary>
    public static string SynonymField(string field) => "syn_" + field;

    /// <summary>
    /// The synonym tokens of each weighted field: the rules whose variants of several words the field's text holds
    /// (found at indexing, so that a search asks one term where it would ask a phrase per variant and field).
    /// </summary>
    public static IReadOnlyList<(string Field, IReadOnlyList<string> Tokens)> SynonymTokens(CompanyDocument company, SynonymCatalog synonyms)
    {
        ArgumentNullException.ThrowIfNull(synonyms);
        IReadOnlyList<string> In(IEnumerable<string?> values) =>
            synonyms.TokensIn(FrenchTextAnalyzer.Stemming.Positioned(string.Join(" \n ", values.Where(v => !string.IsNullOrWhiteSpace(v)))));
        return
        [
            (SynonymField(Names), In(NameValues(company))),
            (SynonymField(Topics), In([.. Required(company).ActivityLabels, .. company.Skills])),
            (SynonymField(Services), In([.. company.Services, .. company.ServicesEn])),
            (SynonymField(Description), In([company.Description, company.DescriptionEn])),
        ];
    }

    /// <summary>The keyword field of a facet.</summary>
    public static string Facet(string facet) => "f_" + facet;

    /// <summary>
    /// Values of the names field: the trade name, then legal name and acronym in one value. Values of a field
    /// follow each other without a position gap, in both engines.
    /// </summary>
    public static IReadOnlyList<string> NameValues(CompanyDocument company)
    {
        ArgumentNullException.ThrowIfNull(company);
        var others = WithJoined(Join(company.LegalName != company.Name ? company.LegalName : null, company.Acronym, string.Join(' ', JoinedWords.In(company.Name))));
        return others.Length == 0 ? [company.Name] : [company.Name, others];
    }

    public static string TopicsText(CompanyDocument company) => WithJoined(Join([.. Required(company).ActivityLabels, .. company.Skills]));

    public static string ServicesText(CompanyDocument company) => WithJoined(Join([.. Required(company).Services, .. company.ServicesEn]));

    /// <summary>The descriptions (French, English) and the joined forms of their split words, as values of one field.</summary>
    public static IReadOnlyList<string> DescriptionValues(CompanyDocument company)
    {
        var descriptions = new[] { Required(company).Description, company.DescriptionEn }.Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d!).ToList();
        var joined = descriptions.SelectMany(JoinedWords.In).Distinct(StringComparer.Ordinal).ToList();
        return joined.Count == 0 ? descriptions : [.. descriptions, string.Join(' ', joined)];
    }

    /// <summary>The area keywords of a company (<see cref="Area"/>).</summary>
    public static IReadOnlyList<string> AreaValues(CompanyDocument company)
    {
        IEnumerable<string> values = [AreaCommune(Required(company).CommuneCode), .. company.AreaCommunes.Select(AreaCommune), .. company.AreaProvinces.Select(AreaProvince)];
        if (company.ServesWholeTerritory)
        {
            values = values.Append(WholeTerritory);
        }
        return [.. values.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Typos, prefixes and spelling corrections work on the words as written (folded) of every field buyers read:
    /// names, activities, skills, services and the French description.
    /// </summary>
    public static string SpellText(CompanyDocument company) =>
        Join([Required(company).Name, company.LegalName, company.Acronym, .. company.ActivityLabels, .. company.Skills, .. company.Services, company.Description]);

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

    /// <summary>The value of a name's autocomplete entry: "key|name|slug|commune" (the commune tells two companies of the same name apart).</summary>
    public static string NameSuggestEntry(string key, CompanyDocument company) => $"{key}|{Required(company).Name}|{company.Slug}|{company.CommuneCode}";

    /// <summary>Autocomplete keys of the name: the folded name from each of its words on ("cyber lagon", "lagon").</summary>
    public static IReadOnlyList<string> NameSuggestKeys(CompanyDocument company)
    {
        var folded = FrenchTextAnalyzer.Folding.Terms(Required(company).Name);
        return [.. Enumerable.Range(0, folded.Count).Select(i => string.Join(' ', folded.Skip(i))).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Autocomplete entries of the skills: "folded|as written", so that a prefix seek on the folded text finds them.</summary>
    public static IReadOnlyList<string> SkillSuggestEntries(CompanyDocument company) =>
        [.. Required(company).Skills.Select(skill => $"{FrenchTextAnalyzer.Fold(skill)}|{skill}").Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Autocomplete entries of the services, from each of their words on (not from a stop word): "folded words|as
    /// written", so that "site int" finds "site internet" in "Création de site internet".
    /// </summary>
    public static IReadOnlyList<string> ServiceSuggestEntries(CompanyDocument company)
    {
        var entries = new List<string>();
        foreach (var service in Required(company).Services.Where(s => s.Length <= SuggestionMix.MaxEntryLength))
        {
            var words = FrenchTextAnalyzer.Folding.WithOffsets(service).ToList();
            for (var i = 0; i < words.Count; i++)
            {
                if (i > 0 && FrenchTextAnalyzer.Stemming.Terms(words[i].Term).Count == 0)
                {
                    continue;
                }
                entries.Add($"{string.Join(' ', words.Skip(i).Select(w => w.Term))}|{service[words[i].Start..].Trim()}");
            }
        }
        return [.. entries.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>A field's text followed by the joined forms of its split words ("wi-fi" → also "wifi").</summary>
    private static string WithJoined(string text) => JoinedWords.In(text) is { Count: > 0 } joined ? Join(text, string.Join(' ', joined)) : text;

    private static string Join(params string?[] values) => string.Join(" \n ", values.Where(v => !string.IsNullOrWhiteSpace(v)));

    private static CompanyDocument Required(CompanyDocument company)
    {
        ArgumentNullException.ThrowIfNull(company);
        return company;
    }
}
