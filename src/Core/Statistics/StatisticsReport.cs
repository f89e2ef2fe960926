using AnnuaireFiliere.Core.Search;

namespace AnnuaireFiliere.Core.Statistics;

/// <summary>Who reads the figures: the public (published companies) or analysts (every status); both exact (ADR 14).</summary>
public enum StatisticsAudience
{
    Public = 0,
    Analyst = 1,
}

/// <summary>
/// One cell: a count, or a count withheld because it is small or would reveal a small one. Counts of public profiles
/// are never withheld; the marks are for confidential answers (<see cref="Disclosure"/>).
/// </summary>
public sealed record Cell(long Count, bool Suppressed = false)
{
    /// <summary>Under disclosure control, cells of 1 or 2 are withheld (0 is shown: it reveals nobody).</summary>
    public const int MinimumShown = 3;

    /// <summary>Withheld and marked "&lt; 3": 1 or 2 companies, or a 0 withheld to cover another cell.</summary>
    public bool Small => Suppressed && Count < MinimumShown;

    /// <summary>Withheld and marked "s": 3 or more, withheld so that a small cell cannot be worked out from it.</summary>
    public bool Secret => Suppressed && Count >= MinimumShown;
}

public sealed record Row(string Code, string Label, Cell Cell);

/// <summary>A count per value of one dimension (sector, commune…), with its total.</summary>
public sealed record Distribution(string Name, IReadOnlyList<Row> Rows, long Total);

/// <summary>A two-way table: rows × columns, with row and column totals.</summary>
public sealed record CrossTab(
    string Name, IReadOnlyList<(string Code, string Label)> RowKeys, IReadOnlyList<(string Code, string Label)> ColumnKeys,
    IReadOnlyList<IReadOnlyList<Cell>> Cells, IReadOnlyList<Cell> RowTotals, IReadOnlyList<Cell> ColumnTotals, long Total);

/// <summary>Every figure of a segment of the directory.</summary>
public sealed record StatisticsReport(
    StatisticsAudience Audience, long Total, IReadOnlyList<Distribution> Distributions, IReadOnlyList<CrossTab> CrossTabs, DateTime ComputedAt)
{
    public Distribution Distribution(string name) => Distributions.First(d => d.Name == name);

    public CrossTab CrossTab(string name) => CrossTabs.First(c => c.Name == name);
}

/// <summary>Names of the report's tables (those that are also facets keep the facet's name).</summary>
public static class StatisticsNames
{
    public const string Sector = FacetNames.Sector;
    public const string Activity = FacetNames.Activity;
    public const string Province = FacetNames.Province;
    public const string Commune = FacetNames.Commune;
    public const string SizeBand = FacetNames.SizeBand;
    public const string LegalForm = FacetNames.LegalForm;
    public const string FoundingYear = FacetNames.FoundingYear;
    public const string ECommerce = FacetNames.ECommerce;
    public const string Service = FacetNames.Service;
    public const string Freshness = "freshness";
    public const string PublishedPerMonth = "published-per-month";
    public const string Status = "status";
    public const string SectorByProvince = "sector-province";
    public const string SectorBySize = "sector-size";
    public const string SectorBySellingOnline = "sector-selling-online";

    /// <summary>Per sector, the companies with each key e-commerce capability (not exclusive: row totals are the sector's).</summary>
    public const string SectorByECommerce = "sector-ecommerce";
}
