using Lucene.Net.Index;
using Lucene.Net.Search;

namespace AnnuaireFiliere.Core.Search.Lucene;

/// <summary>
/// One pass over the documents matching the text: a document that passes every filter is a hit (passed on to
/// the top-documents collector) and counts in every facet; a document that fails exactly one filter counts only
/// in that filter's facet. So each facet's counts ignore its own selection (disjunctive facets, "drill sideways").
/// Counts are made on segment ordinals (<see cref="SegmentFacets"/>) and resolved to codes at segment end.
/// </summary>
internal sealed class DisjunctiveFacetCollector : ICollector
{
    private const int YearDimension = -2;

    private readonly ICollector _hits;
    private readonly HashSet<string>[] _selected;
    private readonly bool[] _filtered;
    private readonly int _yearFrom;
    private readonly int _yearTo;
    private readonly bool _yearFiltered;
    private readonly Dictionary<string, long>[] _counts;

    private SegmentFacets? _segment;
    private int[] _segmentCounts = [];
    private bool[][] _selectedOrds = [];

    public DisjunctiveFacetCollector(ICollector hits, SearchRequest request)
    {
        _hits = hits;
        _selected = [.. FacetCatalog.Names.Select(f => request.Selected(f).ToHashSet(StringComparer.Ordinal))];
        _filtered = [.. _selected.Select(s => s.Count > 0)];
        _yearFiltered = request.FoundedFrom is not null || request.FoundedTo is not null;
        _yearFrom = request.FoundedFrom ?? int.MinValue + 1;
        _yearTo = request.FoundedTo ?? int.MaxValue;
        _counts = [.. FacetCatalog.Names.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal))];
    }

    public long TotalHits { get; private set; }
    public int? MinYear { get; private set; }
    public int? MaxYear { get; private set; }

    public bool AcceptsDocsOutOfOrder => false;

    public IReadOnlyDictionary<string, long> Counts(string facet) => _counts[FacetCatalog.IndexOf(facet)];

    public void SetScorer(Scorer scorer) => _hits.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        _hits.SetNextReader(context);
        var segment = SegmentFacets.For(context.AtomicReader);
        _segment = segment;
        _segmentCounts = new int[segment.Offsets[^1]];
        _selectedOrds = [.. segment.Codes.Select((codes, f) =>
        {
            var selected = new bool[codes.Length];
            foreach (var code in _selected[f])
            {
                if (segment.OrdOf[f].TryGetValue(code, out var ord))
                {
                    selected[ord] = true;
                }
            }
            return selected;
        })];
    }

    public void Collect(int doc)
    {
        var segment = _segment!;
        var failed = -1;
        for (var f = 0; f < _filtered.Length; f++)
        {
            if (!_filtered[f] || Matches(segment, f, doc))
            {
                continue;
            }
            if (failed != -1)
            {
                return;   // fails two filters: counts nowhere
            }
            failed = f;
        }
        var year = segment.Years[doc];
        if (_yearFiltered && (year == SegmentFacets.NoYear || year < _yearFrom || year > _yearTo))
        {
            if (failed != -1)
            {
                return;
            }
            failed = YearDimension;
        }

        if (failed == -1)
        {
            TotalHits++;
            _hits.Collect(doc);
            var all = segment.AllOrds;
            var counts = _segmentCounts;
            for (int i = segment.AllStarts[doc], end = segment.AllStarts[doc + 1]; i < end; i++)
            {
                counts[all[i]]++;
            }
            CountYear(year);
        }
        else if (failed == YearDimension)
        {
            CountYear(year);
        }
        else
        {
            Count(segment, failed, doc);
        }
    }

    /// <summary>Adds the last segment's counts; call once after the search.</summary>
    public void Finish() => Flush();

    private bool Matches(SegmentFacets segment, int facet, int doc)
    {
        var ords = segment.Ords[facet];
        var selected = _selectedOrds[facet];
        for (int i = segment.Starts[facet][doc], end = segment.Starts[facet][doc + 1]; i < end; i++)
        {
            if (selected[ords[i]])
            {
                return true;
            }
        }
        return false;
    }

    private void Count(SegmentFacets segment, int facet, int doc)
    {
        var ords = segment.Ords[facet];
        var offset = segment.Offsets[facet];
        for (int i = segment.Starts[facet][doc], end = segment.Starts[facet][doc + 1]; i < end; i++)
        {
            _segmentCounts[offset + ords[i]]++;
        }
    }

    private void CountYear(int year)
    {
        if (year != SegmentFacets.NoYear)
        {
            MinYear = MinYear is null ? year : Math.Min(MinYear.Value, year);
            MaxYear = MaxYear is null ? year : Math.Max(MaxYear.Value, year);
        }
    }

    private void Flush()
    {
        if (_segment is null)
        {
            return;
        }
        for (var f = 0; f < _counts.Length; f++)
        {
            var codes = _segment.Codes[f];
            var offset = _segment.Offsets[f];
            for (var ord = 0; ord < codes.Length; ord++)
            {
                if (_segmentCounts[offset + ord] > 0)
                {
                    _counts[f][codes[ord]] = _counts[f].GetValueOrDefault(codes[ord]) + _segmentCounts[offset + ord];
                }
            }
        }
        _segment = null;
    }
}
