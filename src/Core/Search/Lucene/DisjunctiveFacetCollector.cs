using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace AnnuaireFiliere.Core.Search.Lucene;

/// <summary>
/// One pass over the documents matching the text: a document that passes every filter is a hit (passed on to
/// the top-documents collector) and counts in every facet; a document that fails exactly one filter counts only
/// in that filter's facet. So each facet's counts ignore its own selection (disjunctive facets, "drill sideways").
/// Counts come from <see cref="SortedSetDocValues"/> ordinals, per segment, resolved to codes at segment end.
/// </summary>
internal sealed class DisjunctiveFacetCollector : ICollector
{
    private readonly ICollector _hits;
    private readonly string[] _facets;
    private readonly HashSet<string>[] _selected;
    private readonly int? _yearFrom;
    private readonly int? _yearTo;
    private readonly Dictionary<string, long>[] _counts;

    private SortedSetDocValues?[] _values;
    private long[][] _segmentCounts = [];
    private HashSet<long>[] _selectedOrds = [];
    private long[][] _docOrds = [];
    private int[] _docOrdCount = [];
    private NumericDocValues? _years;
    private IBits? _hasYear;

    public DisjunctiveFacetCollector(ICollector hits, SearchRequest request)
    {
        _hits = hits;
        _facets = FacetNames.All;
        _selected = [.. _facets.Select(f => request.Selected(f).ToHashSet(StringComparer.Ordinal))];
        (_yearFrom, _yearTo) = (request.FoundedFrom, request.FoundedTo);
        _counts = [.. _facets.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal))];
        _values = new SortedSetDocValues?[_facets.Length];
    }

    public long TotalHits { get; private set; }
    public int? MinYear { get; private set; }
    public int? MaxYear { get; private set; }

    public bool AcceptsDocsOutOfOrder => false;

    public IReadOnlyDictionary<string, long> Counts(string facet) => _counts[Array.IndexOf(_facets, facet)];

    public void SetScorer(Scorer scorer) => _hits.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        var reader = context.AtomicReader;
        _hits.SetNextReader(context);
        _values = [.. _facets.Select(f => reader.GetSortedSetDocValues(LuceneFields.Facet(f)))];
        _segmentCounts = [.. _values.Select(v => new long[v?.ValueCount ?? 0])];
        _docOrds = [.. _values.Select(v => new long[Math.Max(1, (int)Math.Min(v?.ValueCount ?? 1, 64))])];
        _docOrdCount = new int[_facets.Length];
        _selectedOrds = [.. _facets.Select((_, i) => Ords(_values[i], _selected[i]))];
        _years = reader.GetNumericDocValues(LuceneFields.Year);
        _hasYear = reader.GetDocsWithField(LuceneFields.Year);
    }

    public void Collect(int doc)
    {
        var failures = 0;
        var failed = -1;
        for (var f = 0; f < _facets.Length; f++)
        {
            var values = _values[f];
            var count = 0;
            var matches = _selected[f].Count == 0;
            if (values is not null)
            {
                values.SetDocument(doc);
                long ord;
                var buffer = _docOrds[f];
                while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
                {
                    if (count == buffer.Length)
                    {
                        Array.Resize(ref _docOrds[f], buffer.Length * 2);
                        buffer = _docOrds[f];
                    }
                    buffer[count++] = ord;
                    matches = matches || _selectedOrds[f].Contains(ord);
                }
            }
            _docOrdCount[f] = count;
            if (!matches)
            {
                failures++;
                failed = f;
                if (failures > 1)
                {
                    return;
                }
            }
        }
        int? year = _hasYear is not null && _hasYear.Get(doc) ? (int)_years!.Get(doc) : null;
        var yearMatches = (_yearFrom is null && _yearTo is null) || (year is { } y && y >= (_yearFrom ?? int.MinValue) && y <= (_yearTo ?? int.MaxValue));
        if (!yearMatches)
        {
            failures++;
            if (failures > 1)
            {
                return;
            }
            failed = _facets.Length; // the year range
        }

        if (failures == 0)
        {
            TotalHits++;
            _hits.Collect(doc);
            for (var f = 0; f < _facets.Length; f++)
            {
                Count(f);
            }
            CountYear(year);
        }
        else if (failed == _facets.Length)
        {
            CountYear(year);
        }
        else
        {
            Count(failed);
        }
    }

    /// <summary>Adds the last segment's counts; call once after the search.</summary>
    public void Finish() => Flush();

    private void Count(int facet)
    {
        var counts = _segmentCounts[facet];
        var ords = _docOrds[facet];
        for (var i = 0; i < _docOrdCount[facet]; i++)
        {
            counts[ords[i]]++;
        }
    }

    private void CountYear(int? year)
    {
        if (year is { } y)
        {
            MinYear = MinYear is null ? y : Math.Min(MinYear.Value, y);
            MaxYear = MaxYear is null ? y : Math.Max(MaxYear.Value, y);
        }
    }

    private void Flush()
    {
        var bytes = new BytesRef();
        for (var f = 0; f < _segmentCounts.Length; f++)
        {
            var values = _values[f];
            var counts = _segmentCounts[f];
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] > 0)
                {
                    values!.LookupOrd(ord, bytes);
                    var code = bytes.Utf8ToString();
                    _counts[f][code] = _counts[f].GetValueOrDefault(code) + counts[ord];
                }
            }
        }
        _segmentCounts = [];
    }

    private static HashSet<long> Ords(SortedSetDocValues? values, HashSet<string> selected)
    {
        var ords = new HashSet<long>();
        if (values is null)
        {
            return ords;
        }
        foreach (var code in selected)
        {
            var ord = values.LookupTerm(new BytesRef(code));
            if (ord >= 0)
            {
                ords.Add(ord);
            }
        }
        return ords;
    }
}
