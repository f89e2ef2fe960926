namespace AnnuaireFiliere.Core.Statistics;

/// <summary>
/// Statistical disclosure control for the public figures: primary suppression of cells of 1 or 2 companies, then
/// secondary suppression so that no withheld cell can be recomputed from a published total (a row, column or
/// table with exactly one withheld cell gets its smallest other non-zero cell withheld too, until none is left).
/// Totals themselves stay published.
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
        var grid = Protect([counts.ToArray()], marginsOnRows: false);
        return grid[0];
    }

    /// <summary>A two-way table whose row totals, column totals and grand total are published.</summary>
    public static IReadOnlyList<IReadOnlyList<Cell>> Protect(IReadOnlyList<IReadOnlyList<long>> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Protect([.. table.Select(r => r.ToArray())], marginsOnRows: true);
    }

    private static IReadOnlyList<IReadOnlyList<Cell>> Protect(long[][] counts, bool marginsOnRows)
    {
        var rows = counts.Length;
        var columns = rows == 0 ? 0 : counts[0].Length;
        var hidden = new bool[rows][];
        for (var r = 0; r < rows; r++)
        {
            hidden[r] = [.. counts[r].Select(IsSensitive)];
        }
        bool changed;
        do
        {
            changed = false;
            // Every column has a published total; so has every row of a two-way table (a distribution is one row).
            for (var c = 0; c < columns; c++)
            {
                changed |= Complete(Enumerable.Range(0, rows).Select(r => (r, c)).ToList(), counts, hidden);
            }
            if (marginsOnRows || rows == 1)
            {
                for (var r = 0; r < rows; r++)
                {
                    changed |= Complete(Enumerable.Range(0, columns).Select(c => (r, c)).ToList(), counts, hidden);
                }
            }
        }
        while (changed);
        return [.. Enumerable.Range(0, rows).Select(r => (IReadOnlyList<Cell>)[.. Enumerable.Range(0, columns).Select(c => new Cell(counts[r][c], hidden[r][c]))])];
    }

    /// <summary>In one line with a published total: one withheld cell alone could be recomputed, so withhold another.</summary>
    private static bool Complete(List<(int Row, int Column)> line, long[][] counts, bool[][] hidden)
    {
        if (line.Count(p => hidden[p.Row][p.Column]) != 1)
        {
            return false;
        }
        var candidates = line.Where(p => !hidden[p.Row][p.Column] && counts[p.Row][p.Column] > 0).ToList();
        if (candidates.Count == 0)
        {
            // The total equals the withheld cell: it is then itself 1 or 2, and withheld as a total (see Total).
            return false;
        }
        var (row, column) = candidates.MinBy(p => counts[p.Row][p.Column]);
        hidden[row][column] = true;
        return true;
    }
}
