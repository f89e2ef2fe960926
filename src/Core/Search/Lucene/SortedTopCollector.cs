using Lucene.Net.Index;
using Lucene.Net.Search;

namespace AnnuaireFiliere.Core.Search.Lucene;

/// <summary>
/// The first N documents by name, newest or recently updated, from the per-segment arrays of
/// <see cref="SegmentFacets"/>: an integer comparison per document instead of Lucene's doc-values comparators.
/// Ties are broken by name, then by document order, so pages are stable.
/// </summary>
internal sealed class SortedTopCollector(SearchSort sort, int size) : ICollector
{
    private readonly List<(string Name, long Key, int Doc)> _all = [];
    private readonly PriorityQueue<int, (long Key, int NameOrd, int Doc)> _segmentTop = new(Comparer<(long Key, int NameOrd, int Doc)>.Create(Worse));
    private SegmentFacets? _segment;
    private int _docBase;

    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        _segment = SegmentFacets.For(context.AtomicReader);
        _docBase = context.DocBase;
    }

    public void Collect(int doc)
    {
        var key = sort switch
        {
            SearchSort.Newest => -_segment!.Published[doc],
            SearchSort.RecentlyUpdated => -_segment!.Updated[doc],
            _ => 0,
        };
        var entry = (key, _segment!.NameOrds[doc], doc);
        if (_segmentTop.Count < size)
        {
            _segmentTop.Enqueue(doc, entry);
        }
        else if (_segmentTop.TryPeek(out _, out var worst) && Worse(entry, worst) > 0)
        {
            _segmentTop.DequeueEnqueue(doc, entry);
        }
    }

    /// <summary>Documents <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> in order (global ids).</summary>
    public IReadOnlyList<int> Top(int start, int count)
    {
        Flush();
        return [.. _all
            .OrderBy(e => e.Key)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ThenBy(e => e.Doc)
            .Skip(start)
            .Take(count)
            .Select(e => e.Doc)];
    }

    // The priority queue keeps the worst entry on top: larger key, then larger name ordinal, then later document.
    private static int Worse((long Key, int NameOrd, int Doc) a, (long Key, int NameOrd, int Doc) b)
    {
        var byKey = b.Key.CompareTo(a.Key);
        if (byKey != 0)
        {
            return byKey;
        }
        var byName = b.NameOrd.CompareTo(a.NameOrd);
        return byName != 0 ? byName : b.Doc.CompareTo(a.Doc);
    }

    private void Flush()
    {
        if (_segment is null)
        {
            return;
        }
        while (_segmentTop.TryDequeue(out var doc, out var entry))
        {
            _all.Add((entry.NameOrd < 0 ? string.Empty : _segment.Name(entry.NameOrd), entry.Key, _docBase + doc));
        }
        // Keep only what any page could need.
        if (_all.Count > size * 2)
        {
            var kept = _all.OrderBy(e => e.Key).ThenBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.Doc).Take(size).ToList();
            _all.Clear();
            _all.AddRange(kept);
        }
        _segment = null;
    }
}
