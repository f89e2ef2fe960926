using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Statistics;

/// <summary>
/// Statistical disclosure control for confidential figures (ADR 14): survey answers. Figures of public profiles are
/// exact and never go through it (ADR 14, revised for issue #18). Cells of 1 or 2 companies are withheld
/// ("&lt; 3"); then, across every table of the view at once, more cells are withheld ("s") until no withheld cell can be
/// recomputed from what is published: not from a total minus its other parts, not from a sector as the sum of its
/// activities, not from the same figure published in another table, not from the bounds the marks give away (a
/// "&lt; 3" is 0, 1 or 2 — a 0 may be withheld to cover another cell — and an "s" is 3 or more). See
/// <see cref="DisclosureProblem"/>.
/// </summary>
public static class Disclosure
{
    public static bool IsSensitive(long count) => count is > 0 and < Cell.MinimumShown;

    /// <summary>A published total: withheld only when it is itself 1 or 2.</summary>
    public static Cell Total(long count) => new(count, IsSensitive(count));

    /// <summary>A distribution whose total is published.</summary>
    public static IReadOnlyList<Cell> Protect(IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var problem = new DisclosureProblem();
        var total = problem.Figure("*", counts.Sum());
        problem.Keep(total);
        var cells = counts.Select((count, i) => problem.Figure($"{i}", count)).ToArray();
        problem.Sum(total, cells);
        var withheld = problem.Protect();
        return [.. cells.Select((id, i) => new Cell(counts[i], withheld[id]))];
    }

    /// <summary>A two-way table whose row totals, column totals and grand total are published.</summary>
    public static IReadOnlyList<IReadOnlyList<Cell>> Protect(IReadOnlyList<IReadOnlyList<long>> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var problem = new DisclosureProblem();
        var ids = table.Select((row, r) => row.Select((count, c) => problem.Figure($"{r}|{c}", count)).ToArray()).ToArray();
        var columns = table.Count == 0 ? 0 : table[0].Count;
        var total = problem.Figure("*", table.Sum(r => r.Sum()));
        problem.Keep(total);
        var rowTotals = ids.Select((row, r) => Margin(problem, $"{r}|*", row)).ToArray();
        var columnTotals = Enumerable.Range(0, columns).Select(c => Margin(problem, $"*|{c}", [.. ids.Select(row => row[c])])).ToArray();
        problem.Sum(total, rowTotals);
        problem.Sum(total, columnTotals);
        var withheld = problem.Protect();
        return [.. table.Select((row, r) => (IReadOnlyList<Cell>)[.. row.Select((count, c) => new Cell(count, withheld[ids[r][c]]))])];
    }

    private static int Margin(DisclosureProblem problem, string key, int[] cells)
    {
        var margin = problem.Figure(key, cells.Sum(problem.CountOf));
        problem.Keep(margin);
        problem.Sum(margin, cells);
        return margin;
    }

    /// <summary>
    /// The public version of an exact report: every table of the view protected together. A figure is known by what
    /// it counts ("sector=X", "sector=X|province=P"…), so one that appears in two tables is one figure with one mark,
    /// and the equations between tables (a cross-tab's margins are the one-way distributions, a sector is the sum of
    /// its activities, a province of its communes, selling online is own shop or marketplaces) are part of the check.
    /// The segment's total and each table's grand total stay published.
    /// </summary>
    public static StatisticsReport Protect(StatisticsReport report, TaxonomyCatalog taxonomy)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(taxonomy);
        var problem = new DisclosureProblem();
        var total = problem.Figure(string.Empty, report.Total);
        problem.Keep(total);

        var distributions = report.Distributions.Select(d => d.Rows.Select(r => problem.Figure(Key(d.Name, r.Code), r.Cell.Count)).ToArray()).ToArray();
        foreach (var (distribution, ids) in report.Distributions.Zip(distributions))
        {
            // Capabilities and services are not exclusive: their rows do not add up to the total.
            if (distribution.Name is not StatisticsNames.ECommerce and not StatisticsNames.Service)
            {
                problem.Sum(total, ids);
            }
        }
        LinkECommerce(problem);
        LinkHierarchy(problem, report, StatisticsNames.Activity, StatisticsNames.Sector, code => taxonomy.FindActivity(code)?.SectorCode);
        LinkHierarchy(problem, report, StatisticsNames.Commune, StatisticsNames.Province, code => taxonomy.FindCommune(code)?.ProvinceCode);

        var crossTabs = report.CrossTabs.Select(table => CrossTabFigures(problem, table)).ToArray();
        var withheld = problem.Protect();

        Cell Of(int id) => new(problem.CountOf(id), withheld[id]);
        return report with
        {
            Distributions = [.. report.Distributions.Zip(distributions, (d, ids) => d with { Rows = [.. d.Rows.Zip(ids, (row, id) => row with { Cell = Of(id) })] })],
            CrossTabs = [.. report.CrossTabs.Zip(crossTabs, (table, f) => table with
            {
                Cells = [.. f.Cells.Select(row => (IReadOnlyList<Cell>)[.. row.Select(Of)])],
                RowTotals = [.. f.RowTotals.Select(Of)],
                ColumnTotals = [.. f.ColumnTotals.Select(Of)],
            })],
        };
    }

    private static string Key(string dimension, string code) => $"{dimension}={code}";

    /// <summary>What a cross-tab's column counts, as a figure key: the same key as the one-way table of that dimension.</summary>
    private static string ColumnKey(string table, string code) => table switch
    {
        StatisticsNames.SectorByProvince => Key(StatisticsNames.Province, code),
        StatisticsNames.SectorBySize => Key(StatisticsNames.SizeBand, code),
        StatisticsNames.SectorBySellingOnline => code == StatisticsCalculator.Yes
            ? Key(StatisticsNames.ECommerce, Search.ECommerceCapabilities.SellsOnline)
            : $"{StatisticsNames.ECommerce}!={Search.ECommerceCapabilities.SellsOnline}",
        StatisticsNames.SectorByECommerce => Key(StatisticsNames.ECommerce, code),
        _ => $"{table}:{code}",
    };

    private sealed record TableFigures(int[][] Cells, int[] RowTotals, int[] ColumnTotals);

    private static TableFigures CrossTabFigures(DisclosureProblem problem, CrossTab table)
    {
        // Every cross-tab has sectors as rows. In the e-commerce one a company counts in each capability it has, so
        // its rows do not add up (their totals are the sectors'); its columns do.
        var additiveRows = table.Name != StatisticsNames.SectorByECommerce;
        var rowKeys = table.RowKeys.Select(k => Key(StatisticsNames.Sector, k.Code)).ToArray();
        var columnKeys = table.ColumnKeys.Select(k => ColumnKey(table.Name, k.Code)).ToArray();
        var cells = table.Cells.Select((row, r) => row.Select((cell, c) => problem.Figure($"{rowKeys[r]}|{columnKeys[c]}", cell.Count)).ToArray()).ToArray();
        var rowTotals = table.RowTotals.Select((cell, r) => problem.Part(rowKeys[r], cell.Count, table.Name)).ToArray();
        var columnTotals = table.ColumnTotals.Select((cell, c) => problem.Part(columnKeys[c], cell.Count, table.Name)).ToArray();
        var total = problem.Part(string.Empty, table.Total, table.Name);
        problem.Keep(total);
        for (var c = 0; c < columnKeys.Length; c++)
        {
            problem.Sum(columnTotals[c], [.. cells.Select(row => row[c])]);
        }
        problem.Sum(total, rowTotals);
        if (additiveRows)
        {
            for (var r = 0; r < rowKeys.Length; r++)
            {
                problem.Sum(rowTotals[r], cells[r]);
            }
            problem.Sum(total, columnTotals);
        }
        return new TableFigures(cells, rowTotals, columnTotals);
    }

    /// <summary>Selling online is having an own shop or selling on marketplaces: shop + marketplaces = online + both.</summary>
    private static void LinkECommerce(DisclosureProblem problem)
    {
        if (problem.Find(Key(StatisticsNames.ECommerce, Search.ECommerceCapabilities.OwnShop)) is { } shop
            && problem.Find(Key(StatisticsNames.ECommerce, Search.ECommerceCapabilities.Marketplaces)) is { } marketplaces
            && problem.Find(Key(StatisticsNames.ECommerce, Search.ECommerceCapabilities.SellsOnline)) is { } online)
        {
            var both = problem.CountOf(shop) + problem.CountOf(marketplaces) - problem.CountOf(online);
            problem.Equation([shop, marketplaces], both > 0 ? [online, problem.Unpublished(both)] : [online]);
        }
    }

    /// <summary>Each parent value (a sector, a province) is the sum of its children's rows (its activities, its communes).</summary>
    private static void LinkHierarchy(DisclosureProblem problem, StatisticsReport report, string child, string parent, Func<string, string?> parentOf)
    {
        if (report.Distributions.FirstOrDefault(d => d.Name == child) is not { } children || !report.Distributions.Any(d => d.Name == parent))
        {
            return;
        }
        foreach (var group in children.Rows.GroupBy(r => parentOf(r.Code)))
        {
            if (group.Key is not null && problem.Find(Key(parent, group.Key)) is { } whole)
            {
                problem.Sum(whole, [.. group.Select(r => problem.Find(Key(child, r.Code))!.Value)]);
            }
        }
    }
}
