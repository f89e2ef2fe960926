using System.Collections.Frozen;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace AnnuaireFiliere.Core.Taxonomy;

/// <summary>
/// The directory's reference data, read once from the versioned CSV files embedded in this assembly
/// (<c>Taxonomy/Data</c>). Immutable and shared: register it as a singleton.
/// </summary>
public sealed class TaxonomyCatalog
{
    private static readonly Lazy<TaxonomyCatalog> Embedded = new(LoadEmbedded);

    public IReadOnlyList<Sector> Sectors { get; }
    public IReadOnlyList<Activity> Activities { get; }
    public IReadOnlyList<Province> Provinces { get; }
    public IReadOnlyList<Commune> Communes { get; }
    public IReadOnlyList<SizeBand> SizeBands { get; }
    public IReadOnlyList<LegalForm> LegalForms { get; }
    public IReadOnlyList<Language> Languages { get; }
    public IReadOnlyList<NafCode> NafCodes { get; }

    /// <summary>The services catalogue, in its file's order (grouped by category).</summary>
    public IReadOnlyList<Service> Services { get; }
    public IReadOnlyList<ServiceCategory> ServiceCategories { get; }

    private readonly FrozenDictionary<string, Sector> _sectors;
    private readonly FrozenDictionary<string, Activity> _activities;
    private readonly FrozenDictionary<string, Province> _provinces;
    private readonly FrozenDictionary<string, Commune> _communes;
    private readonly FrozenDictionary<string, SizeBand> _sizeBands;
    private readonly FrozenDictionary<string, LegalForm> _legalForms;
    private readonly FrozenDictionary<string, Language> _languages;
    private readonly FrozenDictionary<string, Activity[]> _activitiesByNaf;
    private readonly FrozenDictionary<string, Service> _services;
    private readonly FrozenDictionary<string, ServiceCategory> _serviceCategories;
    private readonly FrozenDictionary<string, Service> _servicesByWording;

    /// <summary>The catalogue shipped with this version of the product.</summary>
    public static TaxonomyCatalog Default => Embedded.Value;

    internal TaxonomyCatalog(
        IReadOnlyList<Sector> sectors, IReadOnlyList<Activity> activities, IReadOnlyList<Province> provinces,
        IReadOnlyList<Commune> communes, IReadOnlyList<SizeBand> sizeBands, IReadOnlyList<LegalForm> legalForms,
        IReadOnlyList<Language> languages, IReadOnlyList<NafCode> nafCodes,
        IReadOnlyList<ServiceCategory>? serviceCategories = null, IReadOnlyList<Service>? services = null)
    {
        (Sectors, Activities, Provinces, Communes, SizeBands, LegalForms, Languages, NafCodes) =
            (sectors, activities, provinces, communes, sizeBands, legalForms, languages, nafCodes);
        (ServiceCategories, Services) = (serviceCategories ?? [], services ?? []);
        _services = ByCode(Services);
        _serviceCategories = ByCode(ServiceCategories);
        _servicesByWording = ServiceWordings(Services);
        _sectors = ByCode(sectors);
        _activities = ByCode(activities);
        _provinces = ByCode(provinces);
        _communes = ByCode(communes);
        _sizeBands = ByCode(sizeBands);
        _legalForms = ByCode(legalForms);
        _languages = ByCode(languages);
        _activitiesByNaf = activities
            .SelectMany(a => a.NafCodes.Select(naf => (naf, a)))
            .GroupBy(x => x.naf, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.a).ToArray(), StringComparer.OrdinalIgnoreCase);

        foreach (var sector in sectors)
        {
            sector.Activities.Clear();
            sector.Activities.AddRange(activities.Where(a => a.SectorCode == sector.Code));
        }
        foreach (var activity in activities)
        {
            activity.Sector = Require(_sectors, activity.SectorCode, $"activity {activity.Code}");
        }
        foreach (var service in Services)
        {
            _ = Require(_serviceCategories, service.CategoryCode, $"service {service.Code}");
            foreach (var activity in service.ActivityCodes)
            {
                _ = Require(_activities, activity, $"service {service.Code}");
            }
        }
        foreach (var province in provinces)
        {
            province.Communes.Clear();
            province.Communes.AddRange(communes.Where(c => c.ProvinceCode == province.Code));
        }
        foreach (var commune in communes)
        {
            commune.Province = Require(_provinces, commune.ProvinceCode, $"commune {commune.Code}");
        }
    }

    public Sector? FindSector(string? code) => Find(_sectors, code);
    public Activity? FindActivity(string? code) => Find(_activities, code);
    public Province? FindProvince(string? code) => Find(_provinces, code);
    public Commune? FindCommune(string? code) => Find(_communes, code);

    /// <summary>The other communes, nearest first (by the distance between their centres).</summary>
    public IEnumerable<(Commune Commune, double Km)> NearestCommunes(Commune from) =>
        Communes.Where(c => c.Code != from.Code).Select(c => (c, from.DistanceKm(c))).OrderBy(p => p.Item2).ThenBy(p => p.c.Code, StringComparer.Ordinal);
    public SizeBand? FindSizeBand(string? code) => Find(_sizeBands, code);
    public Service? FindService(string? code) => Find(_services, code);
    public ServiceCategory? FindServiceCategory(string? code) => Find(_serviceCategories, code);

    /// <summary>
    /// The catalogue service a free-text service means, or null: its code, its label (French or English) or one of
    /// its wordings, compared without case, accents, punctuation or stop words ("Création de sites internet" and
    /// "creation site internet" are the same).
    /// </summary>
    public Service? MatchService(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return FindService(text.Trim().ToLowerInvariant()) ?? (_servicesByWording.TryGetValue(Wording(text), out var found) ? found : null);
    }

    /// <summary>Free-text services sorted into the catalogue's codes they mean (once each, in order) and the rest, as written.</summary>
    public (List<string> Codes, List<string> Extras) SortServices(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var codes = new List<string>();
        var extras = new List<string>();
        foreach (var text in texts)
        {
            if (MatchService(text) is { } service)
            {
                if (!codes.Contains(service.Code, StringComparer.Ordinal))
                {
                    codes.Add(service.Code);
                }
            }
            else
            {
                extras.Add(text);
            }
        }
        return (codes, extras);
    }

    /// <summary>The services usual for any of these activities, in catalogue order.</summary>
    public IReadOnlyList<Service> ServicesFor(IEnumerable<string> activityCodes)
    {
        var wanted = activityCodes.ToHashSet(StringComparer.Ordinal);
        return [.. Services.Where(s => s.ActivityCodes.Any(wanted.Contains))];
    }
    public LegalForm? FindLegalForm(string? code) => Find(_legalForms, code);
    public Language? FindLanguage(string? code) => Find(_languages, code);

    /// <summary>The activities mapped to a NAF code (<c>62.01Z</c>, also accepted as <c>6201Z</c>).</summary>
    public IReadOnlyList<Activity> ActivitiesForNaf(string? nafCode)
    {
        if (string.IsNullOrWhiteSpace(nafCode))
        {
            return [];
        }
        var normalized = nafCode.Trim().ToUpperInvariant();
        if (normalized.Length == 5 && !normalized.Contains('.', StringComparison.Ordinal))
        {
            normalized = string.Concat(normalized.AsSpan(0, 2), ".", normalized.AsSpan(2));
        }
        return _activitiesByNaf.TryGetValue(normalized, out var found) ? found : [];
    }

    /// <summary>The commune that uses a postal code, or null.</summary>
    public Commune? CommuneForPostalCode(string postalCode) =>
        Communes.FirstOrDefault(c => c.PostalCodes.Contains(postalCode));

    private static FrozenDictionary<string, Service> ServiceWordings(IEnumerable<Service> services)
    {
        var wordings = new Dictionary<string, Service>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            foreach (var text in service.Aliases.Prepend(service.LabelEn).Prepend(service.LabelFr))
            {
                var key = Wording(text);
                if (key.Length > 0 && wordings.TryGetValue(key, out var other) && other != service)
                {
                    throw new InvalidDataException($"Taxonomy data: services {other.Code} and {service.Code} share the wording '{text}'.");
                }
                if (key.Length > 0)
                {
                    wordings[key] = service;
                }
            }
        }
        return wordings.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>A wording's key: its stemmed words without stop words (singular and plural, accents and case alike).</summary>
    private static string Wording(string text) => string.Join(' ', Search.FrenchTextAnalyzer.Stemming.Terms(text));

    private static T? Find<T>(FrozenDictionary<string, T> entries, string? code) where T : class =>
        code is not null && entries.TryGetValue(code, out var found) ? found : null;

    private static T Require<T>(FrozenDictionary<string, T> entries, string code, string owner) where T : class =>
        Find(entries, code) ?? throw new InvalidDataException($"Taxonomy data: {owner} refers to unknown code '{code}'.");

    private static FrozenDictionary<string, T> ByCode<T>(IEnumerable<T> entries) where T : TaxonomyEntry
    {
        var dictionary = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!dictionary.TryAdd(entry.Code, entry))
            {
                throw new InvalidDataException($"Taxonomy data: duplicate {typeof(T).Name} code '{entry.Code}'.");
            }
        }
        return dictionary.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>A new, independent copy of the shipped catalogue (its entries can be handed to a DbContext).</summary>
    public static TaxonomyCatalog LoadEmbedded() => new(
        Read("sectors.csv", r => new Sector { Code = r["code"], LabelFr = r["label_fr"], LabelEn = r["label_en"] }),
        Read("activities.csv", r => new Activity
        {
            Code = r["code"], SectorCode = r["sector_code"], LabelFr = r["label_fr"], LabelEn = r["label_en"],
            NafCodes = SplitList(r["naf_codes"]), Perimeter = r["perimeter"],
        }),
        Read("provinces.csv", r => new Province
        {
            Code = r["code"], LabelFr = r["label_fr"], LabelEn = r["label_en"], SeatCommuneCode = r["seat_commune_code"],
        }),
        Read("communes.csv", r => new Commune
        {
            Code = r["code"], LabelFr = r["name"], LabelEn = r["name"], ProvinceCode = r["province_code"],
            OtherProvinceCodes = SplitList(r["other_province_codes"]), PostalCodes = SplitList(r["postal_codes"]),
            Latitude = double.Parse(r["latitude"], CultureInfo.InvariantCulture),
            Longitude = double.Parse(r["longitude"], CultureInfo.InvariantCulture),
            Population = ParseOptionalInt(r["population_2019"]),
        }),
        Read("size_bands.csv", r => new SizeBand
        {
            Code = r["code"], LabelFr = r["label_fr"], LabelEn = r["label_en"],
            MinEmployees = ParseOptionalInt(r["min_employees"]), MaxEmployees = ParseOptionalInt(r["max_employees"]),
            FacetBand = r["facet_band"],
        }),
        Read("legal_forms.csv", r => new LegalForm
        {
            Code = r["code"], LabelFr = r["label_fr"], LabelEn = r["label_en"],
            InseeCode = string.IsNullOrEmpty(r["insee_code"]) ? null : r["insee_code"], Family = r["family"],
        }),
        Read("languages.csv", r => new Language { Code = r["code"], LabelFr = r["label_fr"], LabelEn = r["label_en"] }),
        Read("naf_codes.csv", r => new NafCode
        {
            Code = r["code"], LabelFr = r["label_fr"], LabelEn = r["label_fr"],
            OecdIct = r["oecd_ict"] == "Y", OecdContentMedia = r["oecd_content_media"] == "Y", InseeTic = r["insee_tic"] == "Y",
        }),
        Read("service_categories.csv", r => new ServiceCategory { Code = r["code"], LabelFr = r["label_fr"], LabelEn = r["label_en"] }),
        Read("services.csv", r => new Service
        {
            Code = r["code"], CategoryCode = r["category"], LabelFr = r["label_fr"], LabelEn = r["label_en"],
            ActivityCodes = SplitList(r["activity_codes"]), Aliases = SplitList(r["aliases"]),
        }));

    private static List<T> Read<T>(string file, Func<CsvRow, T> map)
    {
        var name = $"AnnuaireFiliere.Core.Taxonomy.Data.{file}";
        using var stream = typeof(TaxonomyCatalog).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidDataException($"Taxonomy data file {file} is not embedded.");
        using var reader = new StreamReader(stream);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        var rows = new List<T>();
        while (csv.Read())
        {
            rows.Add(map(new CsvRow(csv)));
        }
        return rows;
    }

    private static List<string> SplitList(string value) =>
        [.. value.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static int? ParseOptionalInt(string value) =>
        string.IsNullOrEmpty(value) ? null : int.Parse(value, CultureInfo.InvariantCulture);

    private readonly struct CsvRow(CsvReader csv)
    {
        public string this[string column] => (csv.GetField(column) ?? string.Empty).Trim();
    }
}
