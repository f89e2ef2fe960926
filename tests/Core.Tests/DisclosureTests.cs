using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Statistics;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Tests;

/// <summary>
/// Statistical disclosure control: a reader holding every published table of a view, who knows how the tables relate,
/// must not be able to work out any withheld cell.
/// </summary>
public sealed class DisclosureTests
{
    private static readonly TaxonomyCatalog Taxonomy = TaxonomyCatalog.Default;

    [Fact]
    public async Task A_reader_holding_every_table_of_a_protected_view_recomputes_no_withheld_cell()
    {
        await using var database = await TestDatabase.CreateAsync();
        await StatisticsTests.SeedAsync(database, 600);
        var random = new Random(1988);
        var withheldSomewhere = 0;
        var secondarySomewhere = 0;
        for (var run = 0; run < 40; run++)
        {
            var segment = run switch
            {
                0 => new SearchRequest(),
                1 => new SearchRequest { Provinces = ["nord"] },
                2 => new SearchRequest { Provinces = ["iles"] },
                _ => StatisticsTests.RandomSegment(random, []),
            };
            // Public profiles' figures are exact; the machinery is kept for confidential answers: tried on them here.
            var report = Disclosure.Protect(await StatisticsTests.ComputeAsync(database, segment, StatisticsAudience.Public), Taxonomy);
            var cells = AllCells(report).ToList();
            Assert.DoesNotContain(cells, c => !c.Suppressed && Disclosure.IsSensitive(c.Count));
            withheldSomewhere += cells.Count(c => c.Suppressed);
            secondarySomewhere += cells.Count(c => c.Suppressed && c.Count >= Cell.MinimumShown);

            var recomputed = DifferencingReader.Recompute(report, Taxonomy);
            Assert.True(recomputed.Count == 0, $"segment {run}: a reader recomputes {string.Join(", ", recomputed)}");
        }
        Assert.True(withheldSomewhere > 100, $"only {withheldSomewhere} withheld cells in 40 segments: the test would prove little");
        Assert.True(secondarySomewhere > 20, $"only {secondarySomewhere} cells withheld to protect others");
    }

    [Fact]
    public async Task Figures_of_public_profiles_are_exact_for_the_public_too()
    {
        await using var database = await TestDatabase.CreateAsync();
        await StatisticsTests.SeedAsync(database, 200);
        var report = await StatisticsTests.ComputeAsync(database, new SearchRequest { Provinces = ["iles"] }, StatisticsAudience.Public);
        Assert.DoesNotContain(AllCells(report), c => c.Suppressed);
        Assert.Contains(AllCells(report), c => Disclosure.IsSensitive(c.Count));
    }

    [Fact]
    public async Task Analysts_see_every_cell()
    {
        await using var database = await TestDatabase.CreateAsync();
        await StatisticsTests.SeedAsync(database, 200);
        var report = await StatisticsTests.ComputeAsync(database, new SearchRequest { Provinces = ["iles"] }, StatisticsAudience.Analyst);
        Assert.DoesNotContain(AllCells(report), c => c.Suppressed);
        Assert.Contains(AllCells(report), c => Disclosure.IsSensitive(c.Count));
    }

    [Fact]
    public void A_distribution_gets_a_second_withheld_cell_only_where_one_alone_could_be_recomputed()
    {
        // The 0 is the cheapest cover: "< 3" is true of it, and 1 = x + y leaves (1, 0) or (0, 1).
        Assert.Equal([false, true, false, true], Disclosure.Protect([9, 1, 4, 0]).Select(c => c.Suppressed));
        Assert.Equal([false, false, false], Disclosure.Protect([9, 3, 4]).Select(c => c.Suppressed));
        // Without a 0, the smallest other cell, marked "s" (3 or more): 1 + 4 = 5 leaves (1, 4), (2, 3).
        Assert.Equal([false, true, true, false], Disclosure.Protect([9, 1, 4, 7]).Select(c => c.Suppressed));
        // 1 and 2 withheld: together they are 3, which leaves (1, 2), (2, 1).
        Assert.Equal([true, true, false], Disclosure.Protect([2, 1, 7]).Select(c => c.Suppressed));
    }

    [Fact]
    public void A_withheld_cell_is_not_given_away_by_the_bounds_its_mark_implies()
    {
        // Two "< 3" (0, 1 or 2 each) that make 14 − 10 = 4 can only be 2 and 2: the 10 is withheld too.
        Assert.All(Disclosure.Protect([2, 2, 10]), c => Assert.True(c.Suppressed));
        // "< 3" and "s" (3 or more) that make 3 could only be 0 and 3; 1 + 3 = 4 leaves (1, 3), (0, 4).
        Assert.Equal([true, true, false], Disclosure.Protect([1, 3, 10]).Select(c => c.Suppressed));
    }

    [Fact]
    public void A_two_way_table_has_no_line_with_a_lone_withheld_cell()
    {
        var table = Disclosure.Protect([[10, 1, 8], [6, 7, 9], [5, 4, 12]]);
        Assert.True(table[0][1].Suppressed);
        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(1, table[i].Count(c => c.Suppressed));
            Assert.NotEqual(1, table.Count(row => row[i].Suppressed));
        }
        Assert.True(Disclosure.Total(2).Suppressed);
        Assert.False(Disclosure.Total(0).Suppressed);
    }

    [Fact]
    public void A_sector_withheld_to_protect_another_is_not_given_away_by_its_activities()
    {
        // Sectors A (2) and B (5) out of 20: B is withheld to protect A; B's only activity (5) would give it back.
        var problem = new DisclosureProblem();
        var total = problem.Figure("", 20);
        problem.Keep(total);
        var (a, b, c) = (problem.Figure("sector=a", 2), problem.Figure("sector=b", 5), problem.Figure("sector=c", 13));
        problem.Sum(total, [a, b, c]);
        var (a1, b1, c1) = (problem.Figure("activity=a1", 2), problem.Figure("activity=b1", 5), problem.Figure("activity=c1", 13));
        problem.Sum(total, [a1, b1, c1]);
        problem.Sum(a, [a1]);
        problem.Sum(b, [b1]);
        problem.Sum(c, [c1]);

        var withheld = problem.Protect();

        Assert.True(withheld[a] && withheld[a1]);
        Assert.True(withheld[b] || withheld[c]);
        Assert.Equal(withheld[b], withheld[b1]);
        Assert.Equal(withheld[c], withheld[c1]);
    }

    [Fact]
    public void Figures_recomputed_only_by_combining_equations_are_found()
    {
        // x + y = 7, y + z = 8, x + z = 9 (three published totals of overlapping pairs): each alone is known (4, 3, 5),
        // though no single equation has a lone unknown. The audit must withhold more than the three.
        var problem = new DisclosureProblem();
        var (x, y, z) = (problem.Figure("x", 4), problem.Figure("y", 3), problem.Figure("z", 5));
        var (xy, yz, xz) = (problem.Figure("x+y", 7), problem.Figure("y+z", 8), problem.Figure("x+z", 9));
        problem.Sum(xy, [x, y]);
        problem.Sum(yz, [y, z]);
        problem.Sum(xz, [x, z]);
        var (small, rest, whole) = (problem.Figure("small", 2), problem.Figure("rest", 12), problem.Figure("whole", 17));
        problem.Keep(whole);
        problem.Sum(whole, [small, rest, y]);

        var withheld = problem.Protect();

        Assert.True(withheld[small]);
        Assert.True(withheld[rest] || withheld[y]);
        if (withheld[y])
        {
            Assert.True(withheld[xy] || withheld[yz] || withheld[x] || withheld[z], "y would come back from x + y, y + z and x + z");
        }
    }

    [Fact]
    public void The_same_figure_in_two_tables_carries_the_same_mark()
    {
        var problem = new DisclosureProblem();
        var first = problem.Figure("sector=a|ecommerce=vente-en-ligne", 4);
        Assert.Equal(first, problem.Figure("sector=a|ecommerce=vente-en-ligne", 4));
        Assert.Throws<InvalidOperationException>(() => problem.Figure("sector=a|ecommerce=vente-en-ligne", 5));
    }

    private static IEnumerable<Cell> AllCells(StatisticsReport report) =>
        report.Distributions.SelectMany(d => d.Rows.Select(r => r.Cell))
            .Concat(report.CrossTabs.SelectMany(t => t.Cells.SelectMany(r => r).Concat(t.RowTotals).Concat(t.ColumnTotals)));
}

/// <summary>
/// A reader of the public tables, written apart from the code under test: what each mark means ("&lt; 3" is 0, 1 or 2;
/// "s" is 3 or more), how the tables of the view relate (a total and its parts, a sector
/// and its activities, a province and its communes, the margins of a cross-tab and the one-way tables, the same cell in
/// two cross-tabs, own shop + marketplaces ≥ selling online), and interval arithmetic until nothing changes.
/// </summary>
internal sealed partial class DifferencingReader
{
    private const long Many = long.MaxValue / 8;
    private readonly Dictionary<string, (long Low, long High)> _range = [];
    private readonly Dictionary<string, long> _truth = [];
    private readonly HashSet<string> _withheld = [];
    private readonly List<(List<string> Left, List<string> Right)> _equations = [];
    private int _unknowns;

    public static List<string> Recompute(StatisticsReport report, TaxonomyCatalog taxonomy)
    {
        var reader = new DifferencingReader();
        reader.Read(report, taxonomy);
        return reader.Solve();
    }

    private void Read(StatisticsReport report, TaxonomyCatalog taxonomy)
    {
        See("T", Disclosure.Total(report.Total));
        foreach (var d in report.Distributions)
        {
            foreach (var row in d.Rows)
            {
                See($"{d.Name}/{row.Code}", row.Cell);
            }
            var keys = d.Rows.Select(r => $"{d.Name}/{r.Code}").ToList();
            if (d.Name is StatisticsNames.Sector or StatisticsNames.Activity or StatisticsNames.Province or StatisticsNames.Commune or StatisticsNames.Freshness)
            {
                Equal(["T"], keys);
            }
            else if (d.Name is not StatisticsNames.ECommerce and not StatisticsNames.Service)
            {
                Equal(["T"], [.. keys, Unknown()]);
            }
        }
        foreach (var sector in taxonomy.Sectors)
        {
            Equal([$"{StatisticsNames.Sector}/{sector.Code}"], [.. taxonomy.Activities.Where(a => a.SectorCode == sector.Code).Select(a => $"{StatisticsNames.Activity}/{a.Code}")]);
        }
        foreach (var province in taxonomy.Provinces)
        {
            Equal([$"{StatisticsNames.Province}/{province.Code}"], [.. taxonomy.Communes.Where(c => c.ProvinceCode == province.Code).Select(c => $"{StatisticsNames.Commune}/{c.Code}")]);
        }
        var e = StatisticsNames.ECommerce;
        Equal([$"{e}/{ECommerceCapabilities.OwnShop}", $"{e}/{ECommerceCapabilities.Marketplaces}"], [$"{e}/{ECommerceCapabilities.SellsOnline}", Unknown()]);

        foreach (var t in report.CrossTabs)
        {
            var additive = t.Name != StatisticsNames.SectorByECommerce;
            for (var r = 0; r < t.RowKeys.Count; r++)
            {
                for (var c = 0; c < t.ColumnKeys.Count; c++)
                {
                    See($"{t.Name}/{t.RowKeys[r].Code}/{t.ColumnKeys[c].Code}", t.Cells[r][c]);
                }
                var rowTotal = $"{t.Name}/{t.RowKeys[r].Code}/total";
                See(rowTotal, t.RowTotals[r]);
                if (additive)
                {
                    Equal([rowTotal], [.. t.ColumnKeys.Select(k => $"{t.Name}/{t.RowKeys[r].Code}/{k.Code}")]);
                }
                var sector = $"{StatisticsNames.Sector}/{t.RowKeys[r].Code}";
                Equal([sector], t.Name == StatisticsNames.SectorBySize ? [rowTotal, Unknown()] : [rowTotal]);
            }
            for (var c = 0; c < t.ColumnKeys.Count; c++)
            {
                var columnTotal = $"{t.Name}/total/{t.ColumnKeys[c].Code}";
                See(columnTotal, t.ColumnTotals[c]);
                Equal([columnTotal], [.. t.RowKeys.Select(k => $"{t.Name}/{k.Code}/{t.ColumnKeys[c].Code}")]);
                var oneWay = t.Name switch
                {
                    StatisticsNames.SectorByProvince => $"{StatisticsNames.Province}/{t.ColumnKeys[c].Code}",
                    StatisticsNames.SectorBySize => $"{StatisticsNames.SizeBand}/{t.ColumnKeys[c].Code}",
                    StatisticsNames.SectorBySellingOnline when c == 0 => $"{e}/{ECommerceCapabilities.SellsOnline}",
                    StatisticsNames.SectorByECommerce => $"{e}/{t.ColumnKeys[c].Code}",
                    _ => null,
                };
                if (oneWay is not null)
                {
                    Equal([oneWay], [columnTotal]);
                }
            }
            if (additive)
            {
                Equal([.. t.RowKeys.Select(k => $"{t.Name}/{k.Code}/total")], [.. t.ColumnKeys.Select(k => $"{t.Name}/total/{k.Code}")]);
            }
        }
        if (report.CrossTabs.Any(t => t.Name == StatisticsNames.SectorBySellingOnline) && report.CrossTabs.Any(t => t.Name == StatisticsNames.SectorByECommerce))
        {
            foreach (var sector in taxonomy.Sectors)
            {
                Equal([$"{StatisticsNames.SectorBySellingOnline}/{sector.Code}/{StatisticsCalculator.Yes}"], [$"{StatisticsNames.SectorByECommerce}/{sector.Code}/{ECommerceCapabilities.SellsOnline}"]);
            }
        }
    }

    private void See(string key, Cell cell)
    {
        _truth[key] = cell.Count;
        if (!cell.Suppressed)
        {
            _range[key] = (cell.Count, cell.Count);
            return;
        }
        _withheld.Add(key);
        _range[key] = cell.Count < Cell.MinimumShown ? (0, Cell.MinimumShown - 1) : (Cell.MinimumShown, Many);
    }

    private string Unknown()
    {
        var key = $"?{_unknowns++}";
        _range[key] = (0, Many);
        return key;
    }

    private void Equal(List<string> left, List<string> right)
    {
        if (left.Concat(right).All(_range.ContainsKey))
        {
            _equations.Add((left, right));
        }
    }

    private List<string> Solve()
    {
        for (var pass = 0; pass < 200; pass++)
        {
            var changed = false;
            foreach (var (left, right) in _equations)
            {
                changed |= Narrow(left, right) | Narrow(right, left);
            }
            if (!changed)
            {
                break;
            }
        }
        foreach (var (key, truth) in _truth)
        {
            Assert.True(_range[key].Low <= truth && truth <= _range[key].High, $"the reader's model is wrong about {key}");
        }
        return [.. _withheld.Where(k => _range[k].Low == _range[k].High).Order(StringComparer.Ordinal)];
    }

    private bool Narrow(List<string> side, List<string> other)
    {
        var changed = false;
        foreach (var key in side)
        {
            var rest = side.Where(k => k != key).ToList();
            var low = Sum(other, r => r.Low) - Sum(rest, r => r.High);
            var high = Sum(other, r => r.High) - Sum(rest, r => r.Low);
            var (oldLow, oldHigh) = _range[key];
            var newLow = Sum(rest, r => r.High) >= Many ? oldLow : Math.Max(oldLow, low);
            var newHigh = Sum(other, r => r.High) >= Many ? oldHigh : Math.Min(oldHigh, high);
            if ((newLow, newHigh) != (oldLow, oldHigh))
            {
                _range[key] = (newLow, newHigh);
                changed = true;
            }
        }
        return changed;
    }

    private long Sum(List<string> keys, Func<(long Low, long High), long> bound) =>
        keys.Aggregate(0L, (total, k) => Math.Min(Many, total + bound(_range[k])));
}
