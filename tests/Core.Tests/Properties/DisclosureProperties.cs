using AnnuaireFiliere.Core.Statistics;
using CsCheck;

namespace AnnuaireFiliere.Core.Tests.Properties;

/// <summary>
/// Disclosure control over generated tables: every cell of 1 or 2 is withheld, and a reader who holds the published
/// figures and knows what the marks mean ("&lt; 3" is 0, 1 or 2; "s" is 3 or more) cannot work out any withheld
/// cell — checked exactly, by listing every table consistent with what is published.
/// </summary>
/// <remarks>
/// Accepted limit: when every cell of a table is withheld and its total is published, the marks alone may pin the
/// cells ("&lt; 3" and "&lt; 3" making 4 are 2 and 2). A view's report publishes only its totals, and its tables list
/// every code (zeros included, which can cover), so this needs a segment of 3 to 6 companies spread over one or two
/// values; docs/SECURITY.md lists it.
/// </remarks>
public sealed class DisclosureProperties
{
    private static (long Low, long High) Bounds(Cell cell, long limit) =>
        cell.Small ? (0, Math.Min(2, limit)) : (Cell.MinimumShown, limit);

    [Fact]
    public void No_withheld_cell_of_a_distribution_can_be_worked_out_from_its_total_and_the_marks() =>
        // A published total of 1 or 2 would give its parts away whatever is withheld: such totals are withheld
        // themselves (Disclosure.Total, and not kept in a report), so the tables generated here have others.
        Gen.Long[0, 9].Array[1, 9].Where(counts => !Disclosure.IsSensitive(counts.Sum())).Sample(counts =>
        {
            var cells = Disclosure.Protect(counts);
            Assert.DoesNotContain(cells, c => !c.Suppressed && Disclosure.IsSensitive(c.Count));
            var withheld = cells.Where(c => c.Suppressed).ToList();
            if (withheld.Count == cells.Count)
            {
                return;   // everything withheld and the total published: nothing more could be done (see the class remarks)
            }
            var hidden = counts.Sum() - cells.Where(c => !c.Suppressed).Sum(c => c.Count);
            foreach (var cell in withheld)
            {
                var others = withheld.Where(c => !ReferenceEquals(c, cell)).Select(c => Bounds(c, hidden)).ToList();
                var (low, high) = Bounds(cell, hidden);
                var least = Math.Max(low, hidden - others.Sum(b => b.High));
                var most = Math.Min(high, hidden - others.Sum(b => b.Low));
                Assert.True(least < most, $"[{string.Join(", ", counts)}]: a withheld {cell.Count} can only be {least}");
            }
        }, iter: 5_000);

    [Fact]
    public void No_withheld_cell_of_a_two_way_table_can_be_worked_out_from_its_margins_and_the_marks() =>
        Gen.Select(Gen.Int[2, 3], Gen.Int[2, 3]).SelectMany((rows, columns) => Gen.Long[0, 4].Array[columns].Array[rows])
            .Where(table => table.Select(r => r.Sum()).Concat(Enumerable.Range(0, table[0].Length).Select(c => table.Sum(r => r[c]))).All(t => !Disclosure.IsSensitive(t)))
            .Sample(table =>
        {
            var counts = table.Select(row => (IReadOnlyList<long>)row).ToList();
            var cells = Disclosure.Protect(counts);
            Assert.DoesNotContain(cells.SelectMany(r => r), c => !c.Suppressed && Disclosure.IsSensitive(c.Count));
            if (cells.All(row => row.All(c => c.Suppressed)))
            {
                return;
            }
            var possible = PossibleValues(cells, [.. table.Select(r => r.Sum())], [.. Enumerable.Range(0, table[0].Length).Select(c => table.Sum(r => r[c]))]);
            foreach (var ((r, c), values) in possible)
            {
                Assert.True(values.Count > 1, $"{Show(table)}: the withheld cell ({r}, {c}) = {table[r][c]} can only be {string.Join(" or ", values)}");
            }
        }, iter: 300);

    /// <summary>For each withheld cell, the values it takes over every table that fits the published margins and marks.</summary>
    private static Dictionary<(int Row, int Column), HashSet<long>> PossibleValues(IReadOnlyList<IReadOnlyList<Cell>> cells, long[] rowTotals, long[] columnTotals)
    {
        var rows = cells.Count;
        var columns = columnTotals.Length;
        var possible = new Dictionary<(int, int), HashSet<long>>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                if (cells[r][c].Suppressed)
                {
                    possible[(r, c)] = [];
                }
            }
        }
        var values = new long[rows, columns];
        void FillRow(int r)
        {
            if (r == rows - 1)
            {
                // The last row follows from the column totals: keep the table if it fits the marks and its row total.
                long sum = 0;
                for (var c = 0; c < columns; c++)
                {
                    long above = 0;
                    for (var k = 0; k < r; k++)
                    {
                        above += values[k, c];
                    }
                    var value = columnTotals[c] - above;
                    var cell = cells[r][c];
                    if (cell.Suppressed ? value < Bounds(cell, long.MaxValue).Low || value > Bounds(cell, long.MaxValue).High : value != cell.Count)
                    {
                        return;
                    }
                    values[r, c] = value;
                    sum += value;
                }
                if (sum != rowTotals[r])
                {
                    return;
                }
                foreach (var ((row, column), seen) in possible)
                {
                    seen.Add(values[row, column]);
                }
                return;
            }
            FillCells(r, 0, rowTotals[r]);
        }
        void FillCells(int r, int c, long left)
        {
            if (c == columns)
            {
                if (left == 0)
                {
                    FillRow(r + 1);
                }
                return;
            }
            var cell = cells[r][c];
            var (low, high) = cell.Suppressed ? Bounds(cell, left) : (cell.Count, cell.Count);
            for (var value = low; value <= Math.Min(high, left); value++)
            {
                values[r, c] = value;
                FillCells(r, c + 1, left - value);
            }
        }
        FillRow(0);
        return possible;
    }

    private static string Show(long[][] table) => "[" + string.Join(" / ", table.Select(r => string.Join(" ", r))) + "]";
}
