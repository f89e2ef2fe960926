using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Statistics;

/// <summary>The distinct codes of one dimension (sector, commune…), each with a small number.</summary>
public sealed class CodeTable
{
    private readonly List<string> _codes = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    public int Count => _codes.Count;

    public string this[int id] => _codes[id];

    /// <summary>The number of <paramref name="code"/>, added if new; -1 for none.</summary>
    public int Add(string? code)
    {
        if (code is null)
        {
            return -1;
        }
        if (!_ids.TryGetValue(code, out var id))
        {
            _ids[code] = id = _codes.Count;
            _codes.Add(code);
        }
        return id;
    }

    /// <summary>The number of <paramref name="code"/>; -1 when no company has it.</summary>
    public int Find(string code) => _ids.GetValueOrDefault(code, -1);

    /// <summary>Which numbers are among <paramref name="codes"/> (null when no code is wanted: no filter).</summary>
    public bool[]? Wanted(IReadOnlyList<string> codes)
    {
        if (codes.Count == 0)
        {
            return null;
        }
        var wanted = new bool[Count];
        foreach (var code in codes)
        {
            if (Find(code) is var id and >= 0)
            {
                wanted[id] = true;
            }
        }
        return wanted;
    }
}

/// <summary>The distinct lists of codes of a multi-valued dimension (activities, languages…): few, shared by many companies.</summary>
public sealed class ListTable
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    public CodeTable Codes { get; } = new();

    public List<int[]> Lists { get; } = [];

    public int Add(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var key = string.Join('\u001f', values);
        if (!_ids.TryGetValue(key, out var id))
        {
            _ids[key] = id = Lists.Count;
            Lists.Add([.. values.Select(v => Codes.Add(v))]);
        }
        return id;
    }

    internal int Add(int[] codes)
    {
        var key = string.Join('\u001f', codes.Select(c => Codes[c]));
        if (!_ids.TryGetValue(key, out var id))
        {
            _ids[key] = id = Lists.Count;
            Lists.Add(codes);
        }
        return id;
    }

    /// <summary>Which lists hold at least one of <paramref name="codes"/> (null when no code is wanted).</summary>
    public bool[]? Wanted(IReadOnlyList<string> codes)
    {
        var wanted = Codes.Wanted(codes);
        return wanted is null ? null : [.. Lists.Select(list => list.Any(c => wanted[c]))];
    }
}

/// <summary>
/// What statistics know of every company, column by column: small numbers into code tables instead of strings, so
/// that the whole directory stays in a few megabytes and any segment is counted in a few milliseconds. The fields
/// follow the search projection (<see cref="CompanyDocumentMapping.ToDocument"/>): every activity, sector and
/// province for filters; the primary activity, its sector and the commune's main province for one-way counts.
/// </summary>
public sealed class FactTable
{
    public int Count => Ids.Count;

    public List<Guid> Ids { get; } = [];
    public List<PublicationStatus> Status { get; } = [];

    public CodeTable Codes(Dimension dimension) => _single[(int)dimension];

    /// <summary>Per company, the number of its code in each single-valued <see cref="Dimension"/> (-1: none).</summary>
    public List<int> Values(Dimension dimension) => _values[(int)dimension];

    public ListTable Lists(ListDimension dimension) => _lists[(int)dimension];

    /// <summary>Per company, the number of its list in each <see cref="ListDimension"/>.</summary>
    public List<int> ListIds(ListDimension dimension) => _listIds[(int)dimension];

    /// <summary>E-commerce capabilities as bits, in the order of <see cref="ECommerceCapabilities.All"/>.</summary>
    public List<byte> ECommerce { get; } = [];

    /// <summary>Founding year, 0 when unknown.</summary>
    public List<short> Year { get; } = [];

    /// <summary>First publication and last confirmation (UTC ticks, 0 when never).</summary>
    public List<long> Published { get; } = [];
    public List<long> Confirmed { get; } = [];

    private readonly CodeTable[] _single = [.. Enumerable.Range(0, Enum.GetValues<Dimension>().Length).Select(_ => new CodeTable())];
    private readonly List<int>[] _values = [.. Enumerable.Range(0, Enum.GetValues<Dimension>().Length).Select(_ => new List<int>())];
    private readonly ListTable[] _lists = [.. Enumerable.Range(0, Enum.GetValues<ListDimension>().Length).Select(_ => new ListTable())];
    private readonly List<int>[] _listIds = [.. Enumerable.Range(0, Enum.GetValues<ListDimension>().Length).Select(_ => new List<int>())];

    /// <summary>Appends row <paramref name="row"/> of <paramref name="other"/> (for reconstructed histories).</summary>
    public void AddRow(FactTable other, int row)
    {
        ArgumentNullException.ThrowIfNull(other);
        Ids.Add(other.Ids[row]);
        Status.Add(other.Status[row]);
        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            var value = other.Values(dimension)[row];
            Values(dimension).Add(value < 0 ? -1 : Codes(dimension).Add(other.Codes(dimension)[value]));
        }
        foreach (var dimension in Enum.GetValues<ListDimension>())
        {
            var source = other.Lists(dimension);
            var codes = source.Lists[other.ListIds(dimension)[row]].Select(c => Lists(dimension).Codes.Add(source.Codes[c])).ToArray();
            ListIds(dimension).Add(Lists(dimension).Add(codes));
        }
        ECommerce.Add(other.ECommerce[row]);
        Year.Add(other.Year[row]);
        Published.Add(other.Published[row]);
        Confirmed.Add(other.Confirmed[row]);
    }

    /// <summary>Appends a company, deriving sectors, provinces, size band and capabilities as the search does.</summary>
    public void Add(Company company, TaxonomyCatalog taxonomy)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(taxonomy);
        var activities = company.AllActivityCodes.Distinct(StringComparer.Ordinal).ToList();
        var commune = taxonomy.FindCommune(company.CommuneCode);
        Ids.Add(company.Id);
        Status.Add(company.Status);
        Set(Dimension.PrimaryActivity, company.PrimaryActivityCode);
        Set(Dimension.PrimarySector, taxonomy.FindActivity(company.PrimaryActivityCode)?.SectorCode);
        Set(Dimension.Commune, company.CommuneCode);
        Set(Dimension.MainProvince, commune?.ProvinceCode);
        Set(Dimension.SizeBand, taxonomy.FindSizeBand(company.SizeBandCode)?.FacetBand);
        Set(Dimension.LegalForm, company.LegalFormCode);
        ListIds(ListDimension.Activities).Add(Lists(ListDimension.Activities).Add(activities));
        ListIds(ListDimension.Sectors).Add(Lists(ListDimension.Sectors).Add(
            [.. activities.Select(taxonomy.FindActivity).OfType<Activity>().Select(a => a.SectorCode).Distinct(StringComparer.Ordinal)]));
        ListIds(ListDimension.Provinces).Add(Lists(ListDimension.Provinces).Add(commune is null ? [] : [commune.ProvinceCode, .. commune.OtherProvinceCodes]));
        ListIds(ListDimension.Languages).Add(Lists(ListDimension.Languages).Add(company.Languages));
        ListIds(ListDimension.Labels).Add(Lists(ListDimension.Labels).Add(company.Labels));
        ListIds(ListDimension.Services).Add(Lists(ListDimension.Services).Add(company.ServiceCodes));
        var capabilities = CompanyDocumentMapping.Capabilities(company.ECommerce);
        byte bits = 0;
        for (var i = 0; i < ECommerceCapabilities.All.Length; i++)
        {
            if (capabilities.Contains(ECommerceCapabilities.All[i]))
            {
                bits |= (byte)(1 << i);
            }
        }
        ECommerce.Add(bits);
        Year.Add((short)(company.FoundingYear ?? 0));
        Published.Add(company.PublishedAt?.Ticks ?? 0);
        Confirmed.Add(company.LastConfirmedAt?.Ticks ?? 0);

        void Set(Dimension dimension, string? code) => Values(dimension).Add(Codes(dimension).Add(code));
    }
}

/// <summary>Single-valued dimensions of <see cref="FactTable"/>.</summary>
public enum Dimension
{
    PrimaryActivity = 0,
    PrimarySector = 1,
    Commune = 2,
    MainProvince = 3,
    SizeBand = 4,
    LegalForm = 5,
}

/// <summary>Multi-valued dimensions of <see cref="FactTable"/> (what the search filters on).</summary>
public enum ListDimension
{
    Activities = 0,
    Sectors = 1,
    Provinces = 2,
    Languages = 3,
    Labels = 4,

    /// <summary>Services of the catalogue (snapshots from before it have none).</summary>
    Services = 5,
}
