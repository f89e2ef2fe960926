using System.Diagnostics;

namespace AnnuaireFiliere.Core.Statistics;

/// <summary>
/// The figures of a view and the equations that tie them (Σ left = Σ right), for <see cref="Disclosure"/>.
/// <see cref="Protect"/> withholds every figure of 1 or 2 companies, then audits what a reader could work out from the
/// published figures and withholds more until no withheld figure can be recomputed. The audit has two parts:
/// <list type="bullet">
/// <item>bounds, propagated through every equation until they settle: a published figure is exact, a "&lt; 3" is 0, 1
/// or 2 (a 0 is the cheapest cover for another cell), an "s" (withheld to protect another) is 3 or more, an unpublished count (companies of no size band…) is 0 or more;
/// a withheld figure whose bounds meet is recomputed;</item>
/// <item>linear algebra: a withheld figure is recomputed when some combination of the equations isolates it, which is
/// when its unit vector lies in the row space of the equations restricted to the unknown figures (reduced row echelon form).</item>
/// </list>
/// It is not a complete integer-programming audit (τ-ARGUS does that with linear programs); combinations that need both
/// parts at once are not searched.
/// </summary>
public sealed class DisclosureProblem
{
    private const long Unbounded = long.MaxValue / 4;

    private readonly List<long> _counts = [];
    private readonly List<string?> _keys = [];
    private readonly Dictionary<string, int> _byKey = new(StringComparer.Ordinal);
    private readonly List<(int[] Left, int[] Right)> _equations = [];
    private readonly HashSet<int> _kept = [];

    public long CountOf(int figure) => _counts[figure];

    public int? Find(string key) => _byKey.TryGetValue(key, out var figure) ? figure : null;

    /// <summary>A published figure, known by what it counts: the same key in two tables is the same figure.</summary>
    public int Figure(string key, long count)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_byKey.TryGetValue(key, out var existing))
        {
            if (_counts[existing] != count)
            {
                throw new InvalidOperationException($"The figure '{key}' is counted as {_counts[existing]} and as {count}.");
            }
            return existing;
        }
        _byKey[key] = Add(key, count);
        return _byKey[key];
    }

    /// <summary>
    /// A published figure that counts some of the companies of <paramref name="key"/> (a cross-tab margin that leaves
    /// out companies without a value in its other dimension): the same figure when it counts all of them.
    /// </summary>
    public int Part(string key, long count, string table)
    {
        if (Find(key) is not { } whole)
        {
            return Figure(key, count);
        }
        if (_counts[whole] == count)
        {
            return whole;
        }
        var part = Figure($"{key}|{table}:*", count);
        if (count < _counts[whole])
        {
            Sum(whole, [part]);
        }
        else
        {
            Sum(part, [whole]);
        }
        return part;
    }

    /// <summary>A count that is not published but takes part in an equation.</summary>
    public int Unpublished(long count) => Add(null, count);

    /// <summary>The figures withheld whatever happens only when they are 1 or 2 (the segment's total, a table's grand total).</summary>
    public void Keep(int figure) => _kept.Add(figure);

    /// <summary><paramref name="whole"/> = Σ <paramref name="parts"/>; whatever the parts leave out is an unpublished count.</summary>
    public void Sum(int whole, IReadOnlyList<int> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var rest = _counts[whole] - parts.Sum(p => _counts[p]);
        if (rest < 0)
        {
            throw new InvalidOperationException($"The parts of '{_keys[whole]}' count {-rest} more companies than it.");
        }
        Equation([whole], rest > 0 ? [.. parts, Unpublished(rest)] : [.. parts]);
    }

    public void Equation(int[] left, int[] right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Sum(f => _counts[f]) != right.Sum(f => _counts[f]))
        {
            throw new InvalidOperationException("An equation between figures does not hold.");
        }
        _equations.Add((left, right));
    }

    /// <summary>Which figures to withhold (indexed by figure).</summary>
    public bool[] Protect()
    {
        var withheld = new bool[_counts.Count];
        for (var figure = 0; figure < _counts.Count; figure++)
        {
            withheld[figure] = _keys[figure] is not null && Disclosure.IsSensitive(_counts[figure]);
        }
        var equationsOf = Enumerable.Range(0, _counts.Count).Select(_ => new List<int>()).ToArray();
        for (var e = 0; e < _equations.Count; e++)
        {
            foreach (var figure in _equations[e].Left.Concat(_equations[e].Right))
            {
                equationsOf[figure].Add(e);
            }
        }
        while (Recomputable(withheld) is { Count: > 0 } recomputable)
        {
            var changed = false;
            var coveredNow = new HashSet<int>();
            foreach (var figure in recomputable)
            {
                if (equationsOf[figure].SelectMany(Members).Any(coveredNow.Contains))
                {
                    continue; // the figure withheld a moment ago may be enough: audit again first
                }
                if (Cover(figure, withheld, equationsOf) is { } more)
                {
                    changed |= !withheld[more];
                    withheld[more] = true;
                    coveredNow.Add(more);
                }
            }
            if (!changed)
            {
                break; // nothing left to withhold around them (a view of one or two companies, a known 0)
            }
        }
        return withheld;
    }

    /// <summary>A published figure to withhold so that <paramref name="figure"/> can no longer be worked out.</summary>
    private int? Cover(int figure, bool[] withheld, List<int>[] equationsOf)
    {
        bool Unknown(int f) => withheld[f] || _keys[f] is null;
        // First the equations where it is the only unknown (those give it away), then all of its own, then those of
        // the unknowns it shares an equation with.
        var own = equationsOf[figure];
        List<List<int>> rings =
        [
            [.. own.Where(e => !Members(e).Any(g => g != figure && Unknown(g)))],
            own,
            [.. own.SelectMany(Members).Where(Unknown).SelectMany(f => equationsOf[f]).Distinct()],
        ];
        foreach (var ring in rings)
        {
            var candidates = ring.SelectMany(Members).Distinct().Where(f => _keys[f] is not null && !withheld[f] && !_kept.Contains(f)).ToList();
            if (candidates.Count > 0)
            {
                // One that some equation would give straight back is a poor choice. Then a 0 (marked "< 3", which it
                // is: it costs the reader least); then detail before headline (a cross-tab cell before a one-way
                // figure); then the smallest.
                return candidates
                    .OrderBy(f => equationsOf[f].Any(e => Members(e).All(g => g == f || !Unknown(g))))
                    .ThenBy(f => _counts[f] == 0 ? 0 : 1)
                    .ThenByDescending(f => _keys[f]!.Count(ch => ch == '|'))
                    .ThenBy(f => _counts[f])
                    .ThenBy(f => _keys[f], StringComparer.Ordinal)
                    .First();
            }
        }
        return null;
    }

    private IEnumerable<int> Members(int equation) => _equations[equation].Left.Concat(_equations[equation].Right);

    /// <summary>The withheld figures a reader could work out.</summary>
    private List<int> Recomputable(bool[] withheld)
    {
        var found = Bounded(withheld);
        found.UnionWith(Isolated(withheld));
        return [.. found.Order()];
    }

    private HashSet<int> Bounded(bool[] withheld)
    {
        var low = new long[_counts.Count];
        var high = new long[_counts.Count];
        for (var f = 0; f < _counts.Count; f++)
        {
            (low[f], high[f]) = _keys[f] is null ? (0, Unbounded)
                : !withheld[f] ? (_counts[f], _counts[f])
                : _counts[f] < Cell.MinimumShown ? (0, Cell.MinimumShown - 1)
                : (Cell.MinimumShown, Unbounded);
        }
        for (var pass = 0; pass < 100; pass++)
        {
            var changed = false;
            foreach (var (left, right) in _equations)
            {
                changed |= Tighten(left, right, low, high);
                changed |= Tighten(right, left, low, high);
            }
            if (!changed)
            {
                break;
            }
        }
        var found = new HashSet<int>();
        for (var f = 0; f < _counts.Count; f++)
        {
            Debug.Assert(low[f] <= _counts[f] && _counts[f] <= high[f], $"The bounds of '{_keys[f]}' exclude its count.");
            if (withheld[f] && low[f] == high[f])
            {
                found.Add(f);
            }
        }
        return found;
    }

    /// <summary>
    /// Each figure of <paramref name="side"/> is the other side minus the rest of its own side. The sums are taken
    /// once: bounds tightened meanwhile only make them looser than they could be, never wrong.
    /// </summary>
    private static bool Tighten(int[] side, int[] other, long[] low, long[] high)
    {
        var (otherLow, _) = Total(other, low);
        var (otherHigh, otherUnbounded) = Total(other, high);
        otherHigh = otherUnbounded > 0 ? Unbounded : otherHigh;
        var (sideLow, _) = Total(side, low);
        var (sideHigh, unbounded) = Total(side, high);
        var changed = false;
        foreach (var f in side)
        {
            var restLow = sideLow - low[f];
            var restHigh = high[f] >= Unbounded ? (unbounded > 1 ? Unbounded : sideHigh) : (unbounded > 0 ? Unbounded : sideHigh - high[f]);
            if (restHigh < Unbounded && otherLow - restHigh > low[f])
            {
                low[f] = otherLow - restHigh;
                changed = true;
            }
            if (otherHigh < Unbounded && otherHigh - restLow < high[f])
            {
                high[f] = otherHigh - restLow;
                changed = true;
            }
        }
        return changed;
    }

    /// <summary>The sum of the finite values, and how many are unbounded.</summary>
    private static (long Sum, int Unbounded) Total(int[] figures, long[] values)
    {
        long total = 0;
        var unbounded = 0;
        foreach (var f in figures)
        {
            if (values[f] >= Unbounded)
            {
                unbounded++;
            }
            else
            {
                total += values[f];
            }
        }
        return (total, unbounded);
    }

    /// <summary>Withheld figures that some combination of the equations isolates, whatever the bounds.</summary>
    private HashSet<int> Isolated(bool[] withheld)
    {
        var unknowns = Enumerable.Range(0, _counts.Count).Where(f => withheld[f] || _keys[f] is null).ToList();
        var column = new Dictionary<int, int>();
        for (var i = 0; i < unknowns.Count; i++)
        {
            column[unknowns[i]] = i;
        }
        var rows = new List<double[]>();
        foreach (var (left, right) in _equations)
        {
            var row = new double[unknowns.Count];
            var any = false;
            foreach (var f in left.Where(column.ContainsKey))
            {
                row[column[f]] += 1;
                any = true;
            }
            foreach (var f in right.Where(column.ContainsKey))
            {
                row[column[f]] -= 1;
                any = true;
            }
            if (any)
            {
                rows.Add(row);
            }
        }
        var pivots = ReducedRowEchelon(rows, unknowns.Count);
        var isPivot = new bool[unknowns.Count];
        foreach (var (_, pivotColumn) in pivots)
        {
            isPivot[pivotColumn] = true;
        }
        var found = new HashSet<int>();
        foreach (var (row, pivotColumn) in pivots)
        {
            var alone = true;
            for (var c = 0; c < unknowns.Count && alone; c++)
            {
                alone = isPivot[c] || Math.Abs(rows[row][c]) < 1e-9;
            }
            if (alone && _keys[unknowns[pivotColumn]] is not null)
            {
                found.Add(unknowns[pivotColumn]);
            }
        }
        return found;
    }

    /// <summary>Gauss–Jordan elimination in place; returns each pivot's row and column.</summary>
    private static List<(int Row, int Column)> ReducedRowEchelon(List<double[]> rows, int columns)
    {
        var pivots = new List<(int, int)>();
        var next = 0;
        for (var c = 0; c < columns && next < rows.Count; c++)
        {
            var best = -1;
            for (var r = next; r < rows.Count; r++)
            {
                if (Math.Abs(rows[r][c]) > 1e-9 && (best < 0 || Math.Abs(rows[r][c]) > Math.Abs(rows[best][c])))
                {
                    best = r;
                }
            }
            if (best < 0)
            {
                continue;
            }
            (rows[next], rows[best]) = (rows[best], rows[next]);
            var pivot = rows[next];
            var scale = pivot[c];
            for (var k = c; k < columns; k++)
            {
                pivot[k] /= scale;
            }
            for (var r = 0; r < rows.Count; r++)
            {
                if (r != next && Math.Abs(rows[r][c]) > 1e-9)
                {
                    var factor = rows[r][c];
                    for (var k = c; k < columns; k++)
                    {
                        rows[r][k] -= factor * pivot[k];
                    }
                }
            }
            pivots.Add((next, c));
            next++;
        }
        return pivots;
    }

    private int Add(string? key, long count)
    {
        _counts.Add(count);
        _keys.Add(key);
        return _counts.Count - 1;
    }
}
