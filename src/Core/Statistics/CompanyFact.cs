using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Statistics;

/// <summary>
/// What statistics know of one company: the fields the search filters read (from the same projection as the
/// engines, <see cref="CompanyDocumentMapping.ToDocument"/>) and the dimensions that are counted. Small and made of
/// shared strings, so that the whole directory stays in memory and any segment is counted in milliseconds.
/// </summary>
public sealed record CompanyFact
{
    public required Guid Id { get; init; }
    public required PublicationStatus Status { get; init; }

    /// <summary>The primary activity and its sector: one-way distributions count each company once, by these.</summary>
    public required string PrimaryActivity { get; init; }
    public string? PrimarySector { get; init; }
    public required string Commune { get; init; }

    /// <summary>The commune's province (Poya counts in Province Nord, where its town hall is).</summary>
    public string? MainProvince { get; init; }

    /// <summary>Every activity, sector and province, as the search filters see them.</summary>
    public IReadOnlyList<string> Activities { get; init; } = [];
    public IReadOnlyList<string> Sectors { get; init; } = [];
    public IReadOnlyList<string> Provinces { get; init; } = [];

    /// <summary>The size band of the facet (<c>0</c>, <c>1-9</c>…), not the INSEE code.</summary>
    public string? SizeBand { get; init; }
    public string? LegalForm { get; init; }
    public int? FoundingYear { get; init; }
    public IReadOnlyList<string> ECommerce { get; init; } = [];
    public IReadOnlyList<string> Languages { get; init; } = [];
    public IReadOnlyList<string> Labels { get; init; } = [];
    public DateTime? PublishedAt { get; init; }
    public DateTime? LastConfirmedAt { get; init; }

    /// <summary>The facts of a company (its secondary activities must be loaded).</summary>
    public static CompanyFact From(Company company, TaxonomyCatalog taxonomy, StringPool? pool = null)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(taxonomy);
        pool ??= new StringPool();
        var document = company.ToDocument(taxonomy);
        return new CompanyFact
        {
            Id = company.Id,
            Status = company.Status,
            PrimaryActivity = pool.Get(company.PrimaryActivityCode),
            PrimarySector = pool.Get(taxonomy.FindActivity(company.PrimaryActivityCode)?.SectorCode),
            Commune = pool.Get(company.CommuneCode),
            MainProvince = pool.Get(taxonomy.FindCommune(company.CommuneCode)?.ProvinceCode),
            Activities = pool.Get(document.ActivityCodes),
            Sectors = pool.Get(document.SectorCodes),
            Provinces = pool.Get(document.ProvinceCodes),
            SizeBand = pool.Get(document.SizeFacetBand),
            LegalForm = pool.Get(company.LegalFormCode),
            FoundingYear = company.FoundingYear,
            ECommerce = pool.Get(document.ECommerce),
            Languages = pool.Get(document.Languages),
            Labels = pool.Get(document.Labels),
            PublishedAt = company.PublishedAt,
            LastConfirmedAt = company.LastConfirmedAt,
        };
    }
}

/// <summary>One instance per distinct code, and one per distinct list of codes: 100,000 companies share a few hundred.</summary>
public sealed class StringPool
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _lists = new(StringComparer.Ordinal);

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    public string? Get(string? value)
    {
        if (value is null)
        {
            return null;
        }
        if (!_strings.TryGetValue(value, out var shared))
        {
            _strings[value] = shared = value;
        }
        return shared;
    }

    public IReadOnlyList<string> Get(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return [];
        }
        var key = string.Join('\u001f', values);
        if (!_lists.TryGetValue(key, out var shared))
        {
            _lists[key] = shared = [.. values.Select(v => Get(v))];
        }
        return shared;
    }
}
