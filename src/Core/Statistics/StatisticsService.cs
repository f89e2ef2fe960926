using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Statistics;

/// <summary>
/// The figures of any segment of the directory, counted from the database: published companies for the public
/// (with <see cref="Disclosure"/>), every status for analysts. The segment is a <see cref="SearchRequest"/>'s
/// filters with the search's semantics (<see cref="SegmentFilter"/>); its text is not applied yet.
/// One-way distributions count each company once, by its primary activity and main province.
/// </summary>
public sealed class StatisticsService(AppDbContext db, TaxonomyCatalog taxonomy, TimeProvider clock)
{
    public async Task<StatisticsReport> ComputeAsync(SearchRequest segment, StatisticsAudience audience, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var companies = await LoadAsync(audience, cancellationToken);
        var rows = companies.Where(c => segment.Matches(c.Document)).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var @public = audience == StatisticsAudience.Public;

        string? SectorOf(Company c) => taxonomy.FindActivity(c.PrimaryActivityCode)?.SectorCode;
        string? ProvinceOf(Company c) => taxonomy.FindCommune(c.CommuneCode)?.ProvinceCode;
        string? BandOf(Company c) => taxonomy.FindSizeBand(c.SizeBandCode)?.FacetBand;
        static string Yes(bool value) => value ? "oui" : "non";

        var distributions = new List<Distribution>
        {
            Count(StatisticsNames.Sector, rows, c => SectorOf(c.Company), Keys(taxonomy.Sectors), @public),
            Count(StatisticsNames.Activity, rows, c => c.Company.PrimaryActivityCode, Keys(taxonomy.Activities), @public),
            Count(StatisticsNames.Province, rows, c => ProvinceOf(c.Company), Keys(taxonomy.Provinces), @public),
            Count(StatisticsNames.Commune, rows, c => c.Company.CommuneCode, Keys(taxonomy.Communes), @public),
            Count(StatisticsNames.SizeBand, rows, c => BandOf(c.Company), [.. FacetLabels.SizeBandOrder.Select(b => (b, FacetLabels.For(FacetNames.SizeBand, b, taxonomy)))], @public),
            Count(StatisticsNames.LegalForm, rows, c => c.Company.LegalFormCode, Keys(taxonomy.LegalForms), @public),
            Count(StatisticsNames.FoundingYear, rows, c => c.Company.FoundingYear?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [.. rows.Select(c => c.Company.FoundingYear).OfType<int>().Distinct().Order().Select(y => (y.ToString(System.Globalization.CultureInfo.InvariantCulture), y.ToString(System.Globalization.CultureInfo.InvariantCulture)))], @public),
            // Capabilities are not exclusive: each row counts the companies that have it (the total is the segment's).
            new(StatisticsNames.ECommerce, [.. ECommerceCapabilities.All.Select(code =>
            {
                var count = rows.LongCount(c => c.Document.ECommerce.Contains(code));
                return new Row(code, FacetLabels.For(FacetNames.ECommerce, code, taxonomy), new Cell(count, @public && Disclosure.IsSensitive(count)));
            })], rows.Count),
            Count(StatisticsNames.Freshness, rows, c => Freshness(c.Company, now),
                [("moins-de-12-mois", "12"), ("12-a-24-mois", "24"), ("plus-de-24-mois", "24+"), ("jamais", "0")], @public),
            Count(StatisticsNames.PublishedPerMonth, rows, c => c.Company.PublishedAt?.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                [.. Enumerable.Range(0, 24).Select(i => now.AddMonths(i - 23).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).Select(m => (m, m))], @public),
        };
        if (!@public)
        {
            distributions.Add(Count(StatisticsNames.Status, rows, c => c.Company.Status.ToString(),
                [.. Enum.GetNames<PublicationStatus>().Select(s => (s, s))], @public: false));
        }
        var crossTabs = new List<CrossTab>
        {
            Cross(StatisticsNames.SectorByProvince, rows, c => SectorOf(c.Company), Keys(taxonomy.Sectors), c => ProvinceOf(c.Company), Keys(taxonomy.Provinces), @public),
            Cross(StatisticsNames.SectorBySize, rows, c => SectorOf(c.Company), Keys(taxonomy.Sectors), c => BandOf(c.Company),
                [.. FacetLabels.SizeBandOrder.Select(b => (b, FacetLabels.For(FacetNames.SizeBand, b, taxonomy)))], @public),
            Cross(StatisticsNames.SectorBySellingOnline, rows, c => SectorOf(c.Company), Keys(taxonomy.Sectors), c => Yes(c.Company.ECommerce.SellsOnline),
                [("oui", FacetLabels.For(FacetNames.ECommerce, ECommerceCapabilities.SellsOnline, taxonomy)), ("non", "—")], @public),
        };
        return new StatisticsReport(audience, rows.Count, distributions, crossTabs, now);
    }

    private static string Freshness(Company company, DateTime now) => company.LastConfirmedAt switch
    {
        null => "jamais",
        var at when at > now.AddMonths(-12) => "moins-de-12-mois",
        var at when at > now.AddMonths(-24) => "12-a-24-mois",
        _ => "plus-de-24-mois",
    };

    private static List<(string Code, string Label)> Keys(IEnumerable<TaxonomyEntry> entries) => [.. entries.Select(e => (e.Code, e.Label))];

    private static Distribution Count(string name, List<Segmented> rows, Func<Segmented, string?> key, List<(string Code, string Label)> keys, bool @public)
    {
        var counts = rows.Select(key).OfType<string>().GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.LongCount(), StringComparer.Ordinal);
        var values = keys.Select(k => counts.GetValueOrDefault(k.Code)).ToList();
        var cells = @public ? Disclosure.Protect(values) : [.. values.Select(v => new Cell(v))];
        return new Distribution(name, [.. keys.Select((k, i) => new Row(k.Code, k.Label, cells[i]))], rows.Count);
    }

    private static CrossTab Cross(
        string name, List<Segmented> rows, Func<Segmented, string?> rowKey, List<(string Code, string Label)> rowKeys,
        Func<Segmented, string?> columnKey, List<(string Code, string Label)> columnKeys, bool @public)
    {
        var counts = rows.GroupBy(r => (rowKey(r), columnKey(r))).ToDictionary(g => g.Key, g => g.LongCount());
        IReadOnlyList<IReadOnlyList<long>> table = [.. rowKeys.Select(r => (IReadOnlyList<long>)[.. columnKeys.Select(c => counts.GetValueOrDefault((r.Code, c.Code)))])];
        var cells = @public ? Disclosure.Protect(table) : [.. table.Select(r => (IReadOnlyList<Cell>)[.. r.Select(v => new Cell(v))])];
        Cell Margin(long value) => @public ? Disclosure.Total(value) : new Cell(value);
        return new CrossTab(name, rowKeys, columnKeys, cells,
            [.. table.Select(r => Margin(r.Sum()))],
            [.. columnKeys.Select((_, c) => Margin(table.Sum(r => r[c])))],
            table.Sum(r => r.Sum()));
    }

    /// <summary>A company with its search projection (the filters read the latter, as the engines do).</summary>
    private sealed record Segmented(Company Company, CompanyDocument Document);

    private async Task<List<Segmented>> LoadAsync(StatisticsAudience audience, CancellationToken cancellationToken)
    {
        var query = db.Companies.AsNoTracking();
        if (audience == StatisticsAudience.Public)
        {
            query = query.Where(c => c.Status == PublicationStatus.Published);
        }
        var companies = await query.Include(c => c.SecondaryActivities).AsSplitQuery().ToListAsync(cancellationToken);
        return [.. companies.Select(c => new Segmented(c, c.ToDocument(taxonomy)))];
    }
}
