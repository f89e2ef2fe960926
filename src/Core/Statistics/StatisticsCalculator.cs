using System.Globalization;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Statistics;

/// <summary>
/// Every figure of a segment, counted from the companies' facts (today's, or a snapshot's). The public counts
/// published companies with <see cref="Disclosure"/>; analysts count every status, exactly. One-way distributions
/// count each company once, by its primary activity and main province.
/// </summary>
public static class StatisticsCalculator
{
    public const string Yes = "oui";
    public const string No = "non";

    /// <param name="textMatches">The companies the segment's text matches (from the search engine); null when it has no text.</param>
    public static StatisticsReport Compute(
        IReadOnlyList<CompanyFact> facts, SearchRequest segment, StatisticsAudience audience, DateTime asOf, TaxonomyCatalog taxonomy,
        IReadOnlySet<Guid>? textMatches = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(taxonomy);
        var @public = audience == StatisticsAudience.Public;
        var rows = new List<CompanyFact>();
        foreach (var fact in facts)
        {
            if ((!@public || fact.Status == PublicationStatus.Published) && segment.Matches(fact) && (textMatches is null || textMatches.Contains(fact.Id)))
            {
                rows.Add(fact);
            }
        }
        var bands = FacetLabels.SizeBandOrder.Select(b => (b, FacetLabels.For(FacetNames.SizeBand, b, taxonomy))).ToList();
        var distributions = new List<Distribution>
        {
            Count(StatisticsNames.Sector, rows, c => c.PrimarySector, Keys(taxonomy.Sectors), @public),
            Count(StatisticsNames.Activity, rows, c => c.PrimaryActivity, Keys(taxonomy.Activities), @public),
            Count(StatisticsNames.Province, rows, c => c.MainProvince, Keys(taxonomy.Provinces), @public),
            Count(StatisticsNames.Commune, rows, c => c.Commune, Keys(taxonomy.Communes), @public),
            Count(StatisticsNames.SizeBand, rows, c => c.SizeBand, bands, @public),
            Count(StatisticsNames.LegalForm, rows, c => c.LegalForm, Keys(taxonomy.LegalForms), @public),
            Count(StatisticsNames.FoundingYear, rows, c => Year(c.FoundingYear),
                [.. rows.Select(c => c.FoundingYear).OfType<int>().Distinct().Order().Select(y => (Year(y)!, Year(y)!))], @public),
            // Capabilities are not exclusive: each row counts the companies that have it (the total is the segment's).
            new(StatisticsNames.ECommerce, [.. ECommerceCapabilities.All.Select(code =>
            {
                var count = rows.LongCount(c => c.ECommerce.Contains(code));
                return new Row(code, FacetLabels.For(FacetNames.ECommerce, code, taxonomy), new Cell(count, @public && Disclosure.IsSensitive(count)));
            })], rows.Count),
            Count(StatisticsNames.Freshness, rows, c => Freshness(c, asOf),
                [("moins-de-12-mois", "12"), ("12-a-24-mois", "24"), ("plus-de-24-mois", "24+"), ("jamais", "0")], @public),
            Count(StatisticsNames.PublishedPerMonth, rows, c => c.PublishedAt?.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                [.. Enumerable.Range(0, 24).Select(i => asOf.AddMonths(i - 23).ToString("yyyy-MM", CultureInfo.InvariantCulture)).Select(m => (m, m))], @public),
        };
        if (!@public)
        {
            distributions.Add(Count(StatisticsNames.Status, rows, c => c.Status.ToString(),
                [.. Enum.GetNames<PublicationStatus>().Select(s => (s, s))], @public: false));
        }
        var sellingOnline = FacetLabels.For(FacetNames.ECommerce, ECommerceCapabilities.SellsOnline, taxonomy);
        var crossTabs = new List<CrossTab>
        {
            Cross(StatisticsNames.SectorByProvince, rows, c => c.PrimarySector, Keys(taxonomy.Sectors), c => c.MainProvince, Keys(taxonomy.Provinces), @public),
            Cross(StatisticsNames.SectorBySize, rows, c => c.PrimarySector, Keys(taxonomy.Sectors), c => c.SizeBand, bands, @public),
            Cross(StatisticsNames.SectorBySellingOnline, rows, c => c.PrimarySector, Keys(taxonomy.Sectors),
                c => c.ECommerce.Contains(ECommerceCapabilities.SellsOnline) ? Yes : No, [(Yes, sellingOnline), (No, "—")], @public),
        };
        return new StatisticsReport(audience, rows.Count, distributions, crossTabs, asOf);
    }

    private static string? Year(int? year) => year?.ToString(CultureInfo.InvariantCulture);

    private static string Freshness(CompanyFact company, DateTime asOf) => company.LastConfirmedAt switch
    {
        null => "jamais",
        var at when at > asOf.AddMonths(-12) => "moins-de-12-mois",
        var at when at > asOf.AddMonths(-24) => "12-a-24-mois",
        _ => "plus-de-24-mois",
    };

    private static List<(string Code, string Label)> Keys(IEnumerable<TaxonomyEntry> entries) => [.. entries.Select(e => (e.Code, e.Label))];

    private static Distribution Count(string name, List<CompanyFact> rows, Func<CompanyFact, string?> key, List<(string Code, string Label)> keys, bool @public)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (key(row) is { } value)
            {
                counts[value] = counts.GetValueOrDefault(value) + 1;
            }
        }
        var values = keys.Select(k => counts.GetValueOrDefault(k.Code)).ToList();
        var cells = @public ? Disclosure.Protect(values) : [.. values.Select(v => new Cell(v))];
        return new Distribution(name, [.. keys.Select((k, i) => new Row(k.Code, k.Label, cells[i]))], rows.Count);
    }

    private static CrossTab Cross(
        string name, List<CompanyFact> rows, Func<CompanyFact, string?> rowKey, List<(string Code, string Label)> rowKeys,
        Func<CompanyFact, string?> columnKey, List<(string Code, string Label)> columnKeys, bool @public)
    {
        var counts = new Dictionary<(string?, string?), long>();
        foreach (var row in rows)
        {
            var key = (rowKey(row), columnKey(row));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        IReadOnlyList<IReadOnlyList<long>> table = [.. rowKeys.Select(r => (IReadOnlyList<long>)[.. columnKeys.Select(c => counts.GetValueOrDefault((r.Code, c.Code)))])];
        var cells = @public ? Disclosure.Protect(table) : [.. table.Select(r => (IReadOnlyList<Cell>)[.. r.Select(v => new Cell(v))])];
        Cell Margin(long value) => @public ? Disclosure.Total(value) : new Cell(value);
        return new CrossTab(name, rowKeys, columnKeys, cells,
            [.. table.Select(r => Margin(r.Sum()))],
            [.. columnKeys.Select((_, c) => Margin(table.Sum(r => r[c])))],
            table.Sum(r => r.Sum()));
    }
}
