using System.Globalization;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Search;

/// <summary>
/// One filter of the search and its facet: its name (in requests, results and the index field
/// <see cref="IndexField"/>), its query-string parameter, its labels, its API description, the codes a company has,
/// the codes it accepts and how they read. The search page, the API and its OpenAPI description, the statistics and
/// both engines read this; adding a facet is adding one <see cref="FacetCatalog"/> entry.
/// </summary>
public sealed record FacetDefinition
{
    /// <summary>The facet's name in requests, results and index fields (<see cref="FacetNames"/>).</summary>
    public required string Name { get; init; }

    /// <summary>The query-string parameter of the site, the API and the statistics (French).</summary>
    public required string Parameter { get; init; }

    public required string LabelFr { get; init; }
    public required string LabelEn { get; init; }

    /// <summary>What the parameter takes, for the API's description and reference.</summary>
    public required string DescriptionFr { get; init; }
    public required string DescriptionEn { get; init; }

    /// <summary>The facet whose values hold this one's (an activity's sector, a commune's province), if any.</summary>
    public string? Parent { get; init; }

    /// <summary>For a child facet: the parent value of one of its values (an activity's sector code).</summary>
    public Func<string, TaxonomyCatalog, string?>? ParentOf { get; init; }

    /// <summary>Values shown by count, most frequent first, rather than in the taxonomy's order (a long list).</summary>
    public bool ByCount { get; init; }

    /// <summary>For a parent facet: the heading of the parent and its children together ("Secteurs et activités").</summary>
    public (string Fr, string En)? GroupLabel { get; init; }

    /// <summary>The codes a company holds.</summary>
    public required Func<CompanyDocument, IEnumerable<string>> ValuesOf { get; init; }

    /// <summary>Every code in display order, or null for an open list (labels: shown by count).</summary>
    public required Func<TaxonomyCatalog, IEnumerable<string>>? Codes { get; init; }

    /// <summary>The code as the index stores it for a value given in a query string, or null when there is none.</summary>
    public required Func<string, TaxonomyCatalog, string?> Canonical { get; init; }

    /// <summary>The label of a value in a culture, or null for an unknown value (which is then its own label).</summary>
    public required Func<string, TaxonomyCatalog, CultureInfo, string?> ValueLabel { get; init; }

    /// <summary>The keyword field of both engines.</summary>
    public string IndexField => SearchFields.Facet(Name);

    public string Label(CultureInfo culture) => IsEnglish(culture) ? LabelEn : LabelFr;

    public string Label() => Label(CultureInfo.CurrentUICulture);

    public string Description(CultureInfo culture) => IsEnglish(culture) ? DescriptionEn : DescriptionFr;

    public string? Group(CultureInfo culture) => GroupLabel is { } group ? IsEnglish(culture) ? group.En : group.Fr : null;

    /// <summary>The label of a value in the current UI culture; an unknown value is its own label.</summary>
    public string LabelOf(string code, TaxonomyCatalog taxonomy) => LabelOf(code, taxonomy, CultureInfo.CurrentUICulture);

    public string LabelOf(string code, TaxonomyCatalog taxonomy, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(code);
        return ValueLabel(code, taxonomy, culture) ?? code;
    }

    internal static bool IsEnglish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";
}

/// <summary>The facets of the directory, in the order the site shows them and writes their parameters.</summary>
public static class FacetCatalog
{
    /// <summary>A free value (a label) longer than this is not a label.</summary>
    public const int MaxFreeValueLength = 100;

    private static readonly Dictionary<string, (string Fr, string En)> SizeBands = new(StringComparer.Ordinal)
    {
        ["0"] = ("Sans salarié", "No employees"),
        ["1-9"] = ("1 à 9 salariés", "1 to 9 employees"),
        ["10-49"] = ("10 à 49 salariés", "10 to 49 employees"),
        ["50-249"] = ("50 à 249 salariés", "50 to 249 employees"),
        ["250+"] = ("250 salariés et plus", "250 employees or more"),
    };

    private static readonly Dictionary<string, (string Fr, string En)> Shop = new(StringComparer.Ordinal)
    {
        [ECommerceCapabilities.SellsOnline] = ("Vend en ligne", "Sells online"),
        // Said as what the company does with its own goods: "Création de boutique en ligne" is a service (a shop built for you).
        [ECommerceCapabilities.OwnShop] = ("Vend sur son propre site marchand", "Sells on its own web shop"),
        [ECommerceCapabilities.Marketplaces] = ("Sur des places de marché", "On marketplaces"),
        [ECommerceCapabilities.OnlinePayment] = ("Paiement en ligne", "Online payment"),
        [ECommerceCapabilities.DeliversTerritory] = ("Livre sur le territoire", "Delivers across the territory"),
        [ECommerceCapabilities.DeliversIslands] = ("Livre dans les îles", "Delivers to the islands"),
        [ECommerceCapabilities.B2B] = ("Vend aux professionnels (B2B)", "Sells to businesses (B2B)"),
        [ECommerceCapabilities.B2C] = ("Vend aux particuliers (B2C)", "Sells to consumers (B2C)"),
    };

    /// <summary>
    /// What people read for a company's size: the plain band of the size filter ("1 à 9 salariés"), in the reader's
    /// language. INSEE's exact wording ("Unité non employeuse ou présumée non employeuse…") stays in the data: the
    /// API, the open data and its dictionary.
    /// </summary>
    public static string? SizeLabel(string? sizeBandCode, TaxonomyCatalog taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        return taxonomy.FindSizeBand(sizeBandCode) is { } band ? SizeBand.LabelOf(band.FacetBand, taxonomy) : null;
    }

    /// <summary>The size bands of the facet, in ascending order (each INSEE band of the taxonomy falls in one).</summary>
    public static IReadOnlyList<string> SizeBandOrder { get; } = [.. SizeBands.Keys];

    public static FacetDefinition Sector { get; } = new()
    {
        Name = FacetNames.Sector,
        Parameter = "secteur",
        LabelFr = "Secteur",
        LabelEn = "Sector",
        GroupLabel = ("Secteurs et activités", "Sectors and activities"),
        DescriptionFr = "Code de secteur de la typologie (répétable : l'un ou l'autre).",
        DescriptionEn = "Sector code of the typology (repeatable: one or the other).",
        ValuesOf = company => company.SectorCodes,
        Codes = taxonomy => taxonomy.Sectors.Select(s => s.Code),
        Canonical = (value, taxonomy) => taxonomy.FindSector(value)?.Code,
        ValueLabel = (code, taxonomy, culture) => taxonomy.FindSector(code)?.LabelIn(culture),
    };

    public static FacetDefinition Activity { get; } = new()
    {
        Name = FacetNames.Activity,
        Parameter = "activite",
        LabelFr = "Activité",
        LabelEn = "Activity",
        Parent = FacetNames.Sector,
        ParentOf = (code, taxonomy) => taxonomy.FindActivity(code)?.SectorCode,
        DescriptionFr = "Code d'activité de la typologie (répétable).",
        DescriptionEn = "Activity code of the typology (repeatable).",
        ValuesOf = company => company.ActivityCodes,
        Codes = taxonomy => taxonomy.Activities.Select(a => a.Code),
        Canonical = (value, taxonomy) => taxonomy.FindActivity(value)?.Code,
        ValueLabel = (code, taxonomy, culture) => taxonomy.FindActivity(code)?.LabelIn(culture),
    };

    public static FacetDefinition Province { get; } = new()
    {
        Name = FacetNames.Province,
        Parameter = "province",
        LabelFr = "Province",
        LabelEn = "Province",
        GroupLabel = ("Provinces et communes", "Provinces and communes"),
        DescriptionFr = "Code de province : sud, nord, iles (répétable).",
        DescriptionEn = "Province code: sud, nord, iles (repeatable).",
        ValuesOf = company => company.ProvinceCodes,
        Codes = taxonomy => taxonomy.Provinces.Select(p => p.Code),
        Canonical = (value, taxonomy) => taxonomy.FindProvince(value)?.Code,
        ValueLabel = (code, taxonomy, culture) => taxonomy.FindProvince(code)?.LabelIn(culture),
    };

    public static FacetDefinition Commune { get; } = new()
    {
        Name = FacetNames.Commune,
        Parameter = "commune",
        LabelFr = "Commune",
        LabelEn = "Commune",
        Parent = FacetNames.Province,
        ParentOf = (code, taxonomy) => taxonomy.FindCommune(code)?.ProvinceCode,
        DescriptionFr = "Code INSEE de commune (répétable).",
        DescriptionEn = "INSEE code of the commune (repeatable).",
        ValuesOf = company => [company.CommuneCode],
        Codes = taxonomy => taxonomy.Communes.Select(c => c.Code),
        Canonical = (value, taxonomy) => taxonomy.FindCommune(value)?.Code,
        ValueLabel = (code, taxonomy, culture) => taxonomy.FindCommune(code)?.LabelIn(culture),
    };

    public static FacetDefinition SizeBand { get; } = new()
    {
        Name = FacetNames.SizeBand,
        Parameter = "taille",
        LabelFr = "Effectif",
        LabelEn = "Staff",
        DescriptionFr = "Tranche d'effectif salarié : " + string.Join(", ", SizeBandOrder) + " (répétable).",
        DescriptionEn = "Staff size band: " + string.Join(", ", SizeBandOrder) + " (repeatable).",
        ValuesOf = company => company.SizeFacetBand is null ? [] : [company.SizeFacetBand],
        Codes = _ => SizeBandOrder,
        Canonical = (value, _) => SizeBandOrder.FirstOrDefault(band => band == value),
        ValueLabel = (code, _, culture) => Labelled(SizeBands, code, culture),
    };

    public static FacetDefinition LegalForm { get; } = new()
    {
        Name = FacetNames.LegalForm,
        Parameter = "forme",
        LabelFr = "Forme juridique",
        LabelEn = "Legal form",
        DescriptionFr = "Code de forme juridique (répétable).",
        DescriptionEn = "Legal form code (repeatable).",
        ValuesOf = company => company.LegalFormCode is null ? [] : [company.LegalFormCode],
        Codes = taxonomy => taxonomy.LegalForms.Select(l => l.Code),
        Canonical = (value, taxonomy) => taxonomy.FindLegalForm(value)?.Code,
        ValueLabel = (code, taxonomy, culture) => taxonomy.FindLegalForm(code)?.LabelIn(culture),
    };

    public static FacetDefinition ECommerce { get; } = new()
    {
        Name = FacetNames.ECommerce,
        Parameter = "ecommerce",
        LabelFr = "Vente en ligne",
        LabelEn = "Online sales",
        DescriptionFr = "Capacité de vente en ligne : " + string.Join(", ", ECommerceCapabilities.All) + " (répétable ; libellés dans /api/v1/typologie).",
        DescriptionEn = "Online sales capability: " + string.Join(", ", ECommerceCapabilities.All) + " (repeatable; labels in /api/v1/typologie).",
        ValuesOf = company => company.ECommerce,
        Codes = _ => ECommerceCapabilities.All,
        Canonical = (value, _) => ECommerceCapabilities.All.FirstOrDefault(c => string.Equals(c, value, StringComparison.OrdinalIgnoreCase)),
        ValueLabel = (code, _, culture) => Labelled(Shop, code, culture),
    };

    public static FacetDefinition Language { get; } = new()
    {
        Name = FacetNames.Language,
        Parameter = "langue",
        LabelFr = "Langues",
        LabelEn = "Languages",
        DescriptionFr = "Langue de travail, code ISO 639 (répétable).",
        DescriptionEn = "Working language, ISO 639 code (repeatable).",
        ValuesOf = company => company.Languages,
        Codes = taxonomy => taxonomy.Languages.Select(l => l.Code),
        Canonical = (value, taxonomy) => taxonomy.FindLanguage(value)?.Code,
        ValueLabel = (code, taxonomy, culture) => taxonomy.FindLanguage(code)?.LabelIn(culture),
    };

    public static FacetDefinition Service { get; } = new()
    {
        Name = FacetNames.Service,
        Parameter = "service",
        LabelFr = "Services proposés",
        LabelEn = "Services offered",
        DescriptionFr = "Code de service de la liste des services (répétable ; liste dans /api/v1/typologie).",
        DescriptionEn = "Service code of the services list (repeatable; list in /api/v1/typologie).",
        ValuesOf = company => company.ServiceCodes,
        Codes = taxonomy => taxonomy.Services.Select(s => s.Code),
        ByCount = true,
        Canonical = (value, taxonomy) => taxonomy.FindService(value)?.Code,
        ValueLabel = (code, taxonomy, culture) => taxonomy.FindService(code)?.LabelIn(culture),
    };

    public static FacetDefinition Label { get; } = new()
    {
        Name = FacetNames.Label,
        Parameter = "label",
        LabelFr = "Labels",
        LabelEn = "Labels",
        DescriptionFr = "Label ou certification, tel qu'écrit par les entreprises (répétable).",
        DescriptionEn = "Label or certification, as the companies write it (repeatable).",
        ValuesOf = company => company.Labels,
        Codes = null,
        Canonical = (value, _) => value.Length <= MaxFreeValueLength ? value : null,
        ValueLabel = (_, _, _) => null,
    };

    /// <summary>Every facet, in display order (parents before their children).</summary>
    public static IReadOnlyList<FacetDefinition> All { get; } = [Sector, Activity, Service, Province, Commune, SizeBand, ECommerce, LegalForm, Language, Label];

    /// <summary>The names of <see cref="All"/>, in the same order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(f => f.Name)];

    private static readonly Dictionary<string, FacetDefinition> ByName = All.ToDictionary(f => f.Name, StringComparer.Ordinal);

    private static readonly Dictionary<string, int> Positions = All.Select((f, i) => (f.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);

    /// <summary>The position of a facet in <see cref="All"/> (engines keep per-facet arrays in this order).</summary>
    public static int IndexOf(string name) =>
        Positions.TryGetValue(name, out var position) ? position : throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown facet.");

    /// <summary>The facet of a name of <see cref="FacetNames"/>.</summary>
    public static FacetDefinition Get(string name) =>
        ByName.TryGetValue(name, out var facet) ? facet : throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown facet.");

    /// <summary>The facets shown under a parent (activities under sectors).</summary>
    public static FacetDefinition? ChildOf(string parent) => All.FirstOrDefault(f => f.Parent == parent);

    private static string? Labelled(Dictionary<string, (string Fr, string En)> labels, string code, CultureInfo culture) =>
        labels.TryGetValue(code, out var label) ? FacetDefinition.IsEnglish(culture) ? label.En : label.Fr : null;
}
