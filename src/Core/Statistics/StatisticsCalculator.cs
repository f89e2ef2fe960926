using System.Globalization;
using System.Runtime.InteropServices;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Statistics;

/// <summary>
/// Every figure of a segment, counted from a <see cref="FactTable"/> (today's, or a snapshot's). The segment is a
/// <see cref="SearchRequest"/>'s filters with the engines' semantics: values of one filter are alternatives,
/// filters must all hold, sectors and activities match secondary activities too, a commune counts in every province
/// it lies in; its text is the set of companies the engine matched. The public counts published companies with
/// <see cref="Disclosure"/>; analysts count every status, exactly. One-way distributions count each company once,
/// by its primary activity and main province.
/// </summary>
public static class StatisticsCalculator
{
    public const string Yes = "oui";
    public const string No = "non";

    private static readonly string[] FreshnessCodes = ["moins-de-12-mois", "12-a-24-mois", "plus-de-24-mois", "jamais"];

    /// <summary>When a profile was last confirmed up to date, in words with their unit (the reader's language).</summary>
    private static (string Code, string Label)[] FreshnessKeys()
    {
        string[] labels = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en"
            ? ["Less than 12 months ago", "12 to 24 months ago", "More than 24 months ago", "Never confirmed"]
            : ["Il y a moins de 12 mois", "Il y a 12 à 24 mois", "Il y a plus de 24 mois", "Jamais confirmée"];
        return [.. FreshnessCodes.Zip(labels)];
    }

    /// <param name="textMatches">The companies the segment's text matches (from the search engine); null when it has no text.</param>
    /// <param name="keyFiguresOnly">Only the sector, province and e-commerce distributions (for time series).</param>
    public static StatisticsReport Compute(
        FactTable facts, SearchRequest segment, StatisticsAudience audience, DateTime asOf, TaxonomyCatalog taxonomy,
        IReadOnlySet<Guid>? textMatches = null, bool keyFiguresOnly = false)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(taxonomy);
        var @public = audience == StatisticsAudience.Public;
        var rows = Select(facts, segment, @public, textMatches);
        if (keyFiguresOnly)
        {
            return KeyFigures(facts, rows, audience, asOf, taxonomy);
        }

        var bands = FacetCatalog.SizeBandOrder.Select(b => (b, FacetCatalog.SizeBand.LabelOf(b, taxonomy))).ToList();
        Distribution Of(string name, Dimension dimension, List<(string Code, string Label)> keys) => CountDistribution(name, facts, rows, dimension, keys);

        var years = new SortedDictionary<int, long>();
        var capabilities = new long[ECommerceCapabilities.All.Length];
        var freshness = new long[FreshnessCodes.Length];
        var months = Enumerable.Range(0, 24).Select(i => asOf.AddMonths(i - 23)).ToList();
        var firstMonth = months[0].Year * 12 + months[0].Month - 1;
        var perMonth = new long[months.Count];
        var statuses = new long[Enum.GetValues<PublicationStatus>().Length];
        var (yearly, biyearly) = (asOf.AddMonths(-12).Ticks, asOf.AddMonths(-24).Ticks);
        var yearColumn = CollectionsMarshal.AsSpan(facts.Year);
        var shopColumn = CollectionsMarshal.AsSpan(facts.ECommerce);
        var confirmedColumn = CollectionsMarshal.AsSpan(facts.Confirmed);
        var publishedColumn = CollectionsMarshal.AsSpan(facts.Published);
        foreach (var row in rows)
        {
            if (yearColumn[row] != 0)
            {
                years[yearColumn[row]] = years.GetValueOrDefault(yearColumn[row]) + 1;
            }
            for (var bit = 0; bit < capabilities.Length; bit++)
            {
                capabilities[bit] += (shopColumn[row] >> bit) & 1;
            }
            var confirmed = confirmedColumn[row];
            freshness[confirmed == 0 ? 3 : confirmed > yearly ? 0 : confirmed > biyearly ? 1 : 2]++;
            if (publishedColumn[row] != 0)
            {
                var published = new DateTime(publishedColumn[row], DateTimeKind.Utc);
                var month = published.Year * 12 + published.Month - 1 - firstMonth;
                if (month is >= 0 and < 24)
                {
                    perMonth[month]++;
                }
            }
            statuses[(int)facts.Status[row]]++;
        }

        var distributions = new List<Distribution>
        {
            Of(StatisticsNames.Sector, Dimension.PrimarySector, Keys(taxonomy.Sectors)),
            Of(StatisticsNames.Activity, Dimension.PrimaryActivity, Keys(taxonomy.Activities)),
            Of(StatisticsNames.Province, Dimension.MainProvince, Keys(taxonomy.Provinces)),
            Of(StatisticsNames.Commune, Dimension.Commune, Keys(taxonomy.Communes)),
            Of(StatisticsNames.SizeBand, Dimension.SizeBand, bands),
            Of(StatisticsNames.LegalForm, Dimension.LegalForm, Keys(taxonomy.LegalForms)),
            Build(StatisticsNames.FoundingYear, [.. years.Keys.Select(y => (Year(y), Year(y)))], [.. years.Values], rows.Length),
            // Capabilities are not exclusive: each row counts the companies that have it (the total is the segment's).
            new(StatisticsNames.ECommerce, [.. ECommerceCapabilities.All.Select((code, bit) => new Row(code, FacetCatalog.ECommerce.LabelOf(code, taxonomy),
                new Cell(capabilities[bit])))], rows.Length),
            ListDistribution(StatisticsNames.Service, facts, rows, ListDimension.Services, Keys(taxonomy.Services)),
            Build(StatisticsNames.Freshness, [.. FreshnessKeys()], [.. freshness], rows.Length),
            Build(StatisticsNames.PublishedPerMonth, [.. months.Select(m => m.ToString("yyyy-MM", CultureInfo.InvariantCulture)).Select(m => (m, m))], [.. perMonth], rows.Length),
        };
        if (!@public)
        {
            distributions.Add(Build(StatisticsNames.Status, [.. Enum.GetValues<PublicationStatus>().Select(s => (s.ToString(), StatusLabel(s)))], [.. statuses], rows.Length));
        }
        var sellingOnline = FacetCatalog.ECommerce.LabelOf(ECommerceCapabilities.SellsOnline, taxonomy);
        var onlineBit = Array.IndexOf(ECommerceCapabilities.All, ECommerceCapabilities.SellsOnline);
        var sectors = Keys(taxonomy.Sectors);
        var crossTabs = new List<CrossTab>
        {
            Cross(StatisticsNames.SectorByProvince, facts, rows, sectors, Keys(taxonomy.Provinces), Column(facts, Dimension.MainProvince, Keys(taxonomy.Provinces))),
            Cross(StatisticsNames.SectorBySize, facts, rows, sectors, bands, Column(facts, Dimension.SizeBand, bands)),
            Cross(StatisticsNames.SectorBySellingOnline, facts, rows, sectors, [(Yes, sellingOnline), (No, "—")], row => ((facts.ECommerce[row] >> onlineBit) & 1) == 1 ? 0 : 1),
            Capabilities(facts, rows, sectors, taxonomy),
        };
        // Exact for everyone: every published profile is public one by one (ADR 14, revised for issue #18).
        return new StatisticsReport(audience, rows.Length, distributions, crossTabs, asOf);
    }

    private static StatisticsReport KeyFigures(FactTable facts, int[] rows, StatisticsAudience audience, DateTime asOf, TaxonomyCatalog taxonomy)
    {
        Distribution Of(string name, Dimension dimension, List<(string Code, string Label)> keys) => CountDistribution(name, facts, rows, dimension, keys);
        var bit = Array.IndexOf(ECommerceCapabilities.All, ECommerceCapabilities.SellsOnline);
        var online = rows.LongCount(row => ((facts.ECommerce[row] >> bit) & 1) == 1);
        return new StatisticsReport(audience, rows.Length,
        [
            Of(StatisticsNames.Sector, Dimension.PrimarySector, Keys(taxonomy.Sectors)),
            Of(StatisticsNames.Province, Dimension.MainProvince, Keys(taxonomy.Provinces)),
            new(StatisticsNames.ECommerce, [new Row(ECommerceCapabilities.SellsOnline, FacetCatalog.ECommerce.LabelOf(ECommerceCapabilities.SellsOnline, taxonomy),
                new Cell(online))], rows.Length),
        ], [], asOf);
    }

    /// <summary>The e-commerce indicators the observatory follows, per sector.</summary>
    public static readonly string[] KeyCapabilities =
        [ECommerceCapabilities.SellsOnline, ECommerceCapabilities.OnlinePayment, ECommerceCapabilities.Marketplaces, ECommerceCapabilities.DeliversIslands];

    /// <summary>
    /// Per sector, the companies with each key capability. A company can have several, so the columns do not add up
    /// to the sector (the row totals are the sectors').
    /// </summary>
    private static CrossTab Capabilities(FactTable facts, int[] rows, List<(string Code, string Label)> sectors, TaxonomyCatalog taxonomy)
    {
        var sectorOf = Column(facts, Dimension.PrimarySector, sectors);
        var bits = KeyCapabilities.Select(c => Array.IndexOf(ECommerceCapabilities.All, c)).ToArray();
        var counts = new long[sectors.Count, bits.Length];
        var sectorTotals = new long[sectors.Count];
        var columnTotals = new long[bits.Length];
        foreach (var row in rows)
        {
            var sector = sectorOf(row);
            for (var c = 0; c < bits.Length; c++)
            {
                if (((facts.ECommerce[row] >> bits[c]) & 1) == 1)
                {
                    columnTotals[c]++;
                    if (sector >= 0)
                    {
                        counts[sector, c]++;
                    }
                }
            }
            if (sector >= 0)
            {
                sectorTotals[sector]++;
            }
        }
        return new CrossTab(StatisticsNames.SectorByECommerce, sectors,
            [.. KeyCapabilities.Select(c => (c, FacetCatalog.ECommerce.LabelOf(c, taxonomy)))],
            [.. Enumerable.Range(0, sectors.Count).Select(r => (IReadOnlyList<Cell>)[.. Enumerable.Range(0, bits.Length).Select(c => new Cell(counts[r, c]))])],
            [.. sectorTotals.Select(t => new Cell(t))],
            [.. columnTotals.Select(t => new Cell(t))],
            sectorTotals.Sum());
    }

    /// <summary>The rows of the segment.</summary>
    private static int[] Select(FactTable facts, SearchRequest segment, bool @public, IReadOnlySet<Guid>? textMatches)
    {
        var single = new (List<int> Values, bool[]? Wanted)[]
        {
            (facts.Values(Dimension.Commune), facts.Codes(Dimension.Commune).Wanted(segment.Communes)),
            (facts.Values(Dimension.SizeBand), facts.Codes(Dimension.SizeBand).Wanted(segment.SizeBands)),
            (facts.Values(Dimension.LegalForm), facts.Codes(Dimension.LegalForm).Wanted(segment.LegalForms)),
        };
        var lists = new (List<int> Ids, bool[]? Wanted)[]
        {
            (facts.ListIds(ListDimension.Sectors), facts.Lists(ListDimension.Sectors).Wanted(segment.Sectors)),
            (facts.ListIds(ListDimension.Activities), facts.Lists(ListDimension.Activities).Wanted(segment.Activities)),
            (facts.ListIds(ListDimension.Provinces), facts.Lists(ListDimension.Provinces).Wanted(segment.Provinces)),
            (facts.ListIds(ListDimension.Languages), facts.Lists(ListDimension.Languages).Wanted(segment.Languages)),
            (facts.ListIds(ListDimension.Labels), facts.Lists(ListDimension.Labels).Wanted(segment.Labels)),
            (facts.ListIds(ListDimension.Services), facts.Lists(ListDimension.Services).Wanted(segment.Services)),
        };
        single = [.. single.Where(f => f.Wanted is not null)];
        lists = [.. lists.Where(f => f.Wanted is not null)];
        var shop = 0;
        foreach (var code in segment.ECommerce)
        {
            shop |= 1 << Array.IndexOf(ECommerceCapabilities.All, code);
        }
        var selected = new List<int>(facts.Count);
        for (var row = 0; row < facts.Count; row++)
        {
            if ((@public && facts.Status[row] != PublicationStatus.Published)
                || (shop != 0 && (facts.ECommerce[row] & shop) == 0)
                || (segment.FoundedFrom is { } from && (facts.Year[row] == 0 || facts.Year[row] < from))
                || (segment.FoundedTo is { } to && (facts.Year[row] == 0 || facts.Year[row] > to))
                || (textMatches is not null && !textMatches.Contains(facts.Ids[row])))
            {
                continue;
            }
            var keep = true;
            foreach (var (values, wanted) in single)
            {
                var value = values[row];
                keep &= value >= 0 && wanted![value];
            }
            foreach (var (ids, wanted) in lists)
            {
                keep &= wanted![ids[row]];
            }
            if (keep)
            {
                selected.Add(row);
            }
        }
        return [.. selected];
    }

    /// <summary>The segment's count per code of a single-valued dimension, in the order of <paramref name="keys"/>.</summary>
    private static Distribution CountDistribution(string name, FactTable facts, int[] rows, Dimension dimension, List<(string Code, string Label)> keys)
    {
        var counts = CountCodes(facts, dimension, rows);
        return Build(name, keys, [.. keys.Select(k => facts.Codes(dimension).Find(k.Code) is var id and >= 0 ? counts[id] : 0)], rows.Length);
    }

    /// <summary>
    /// The segment's companies per code of a list dimension (a company counts once in each of its codes), the codes
    /// some company has only, most frequent first.
    /// </summary>
    private static Distribution ListDistribution(string name, FactTable facts, int[] rows, ListDimension dimension, List<(string Code, string Label)> keys)
    {
        var lists = facts.Lists(dimension);
        var ids = CollectionsMarshal.AsSpan(facts.ListIds(dimension));
        var counts = new long[lists.Codes.Count];
        foreach (var row in rows)
        {
            foreach (var code in lists.Lists[ids[row]])
            {
                counts[code]++;
            }
        }
        var ranked = keys.Select(k => (Key: k, Count: lists.Codes.Find(k.Code) is var id and >= 0 ? counts[id] : 0))
            .Where(k => k.Count > 0).OrderByDescending(k => k.Count).ToList();
        return new(name, [.. ranked.Select(k => new Row(k.Key.Code, k.Key.Label, new Cell(k.Count)))], rows.Length);
    }

    private static long[] CountCodes(FactTable facts, Dimension dimension, int[] rows)
    {
        var counts = new long[facts.Codes(dimension).Count];
        var values = CollectionsMarshal.AsSpan(facts.Values(dimension));
        foreach (var row in rows)
        {
            if (values[row] >= 0)
            {
                counts[values[row]]++;
            }
        }
        return counts;
    }

    /// <summary>A row's column in a cross-tab: the position of its code among <paramref name="keys"/>, -1 when none.</summary>
    private static Func<int, int> Column(FactTable facts, Dimension dimension, List<(string Code, string Label)> keys)
    {
        var codes = facts.Codes(dimension);
        var position = Enumerable.Range(0, codes.Count).Select(id => keys.FindIndex(k => k.Code == codes[id])).ToArray();
        var values = facts.Values(dimension);
        return row => values[row] < 0 ? -1 : position[values[row]];
    }

    /// <summary>A publication status in the reader's language (French, or English).</summary>
    public static string StatusLabel(PublicationStatus status)
    {
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        return status switch
        {
            PublicationStatus.Draft => english ? "Draft" : "Brouillon",
            PublicationStatus.PendingReview => english ? "Awaiting review" : "En attente de validation",
            PublicationStatus.Published => english ? "Published" : "Publiée",
            PublicationStatus.Rejected => english ? "Rejected" : "Refusée",
            PublicationStatus.Archived => english ? "Archived" : "Archivée",
            _ => status.ToString(),
        };
    }

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static List<(string Code, string Label)> Keys(IEnumerable<TaxonomyEntry> entries) => [.. entries.Select(e => (e.Code, e.Label))];

    private static Distribution Build(string name, List<(string Code, string Label)> keys, List<long> values, long total) =>
        new(name, [.. keys.Select((k, i) => new Row(k.Code, k.Label, new Cell(values[i])))], total);

    private static CrossTab Cross(
        string name, FactTable facts, int[] rows, List<(string Code, string Label)> rowKeys, List<(string Code, string Label)> columnKeys,
        Func<int, int> column)
    {
        var sectorOf = Column(facts, Dimension.PrimarySector, rowKeys);
        var counts = new long[rowKeys.Count, columnKeys.Count];
        foreach (var row in rows)
        {
            var (r, c) = (sectorOf(row), column(row));
            if (r >= 0 && c >= 0)
            {
                counts[r, c]++;
            }
        }
        IReadOnlyList<IReadOnlyList<long>> table = [.. Enumerable.Range(0, rowKeys.Count).Select(r => (IReadOnlyList<long>)[.. Enumerable.Range(0, columnKeys.Count).Select(c => counts[r, c])])];
        return new CrossTab(name, rowKeys, columnKeys, [.. table.Select(r => (IReadOnlyList<Cell>)[.. r.Select(v => new Cell(v))])],
            [.. table.Select(r => new Cell(r.Sum()))],
            [.. columnKeys.Select((_, c) => new Cell(table.Sum(r => r[c])))],
            table.Sum(r => r.Sum()));
    }
}
