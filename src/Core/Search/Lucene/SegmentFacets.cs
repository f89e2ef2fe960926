using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace AnnuaireFiliere.Core.Search.Lucene;

/// <summary>
/// The facet values of one segment as flat arrays (each document's ordinals, compressed-row style) and the
/// founding years, read once from doc values when the segment first appears. Counting then costs a few array
/// reads per document instead of doc-values decoding. Segments never change, so the cache follows their core.
/// </summary>
internal sealed class SegmentFacets
{
    public const int NoYear = int.MinValue;

    private static readonly ConditionalWeakTable<object, SegmentFacets> Cache = new();

    private SegmentFacets(AtomicReader reader)
    {
        var facets = FacetCatalog.Names;
        Starts = new int[facets.Count][];
        Ords = new int[facets.Count][];
        Codes = new string[facets.Count][];
        OrdOf = new Dictionary<string, int>[facets.Count];
        for (var f = 0; f < facets.Count; f++)
        {
            Load(reader, f, LuceneFields.Facet(facets[f]));
        }
        // All facets in one ordinal space (facet offset + ordinal), one run per document: a full hit counts in one loop.
        Offsets = new int[facets.Count + 1];
        for (var f = 0; f < facets.Count; f++)
        {
            Offsets[f + 1] = Offsets[f] + Codes[f].Length;
        }
        AllStarts = new int[reader.MaxDoc + 1];
        AllOrds = new int[Ords.Sum(o => o.Length)];
        var next = 0;
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            AllStarts[doc] = next;
            for (var f = 0; f < facets.Count; f++)
            {
                for (var i = Starts[f][doc]; i < Starts[f][doc + 1]; i++)
                {
                    AllOrds[next++] = Offsets[f] + Ords[f][i];
                }
            }
        }
        AllStarts[reader.MaxDoc] = next;

        NameOrds = new int[reader.MaxDoc];
        var names = reader.GetSortedDocValues(LuceneFields.SortName);
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            NameOrds[doc] = names?.GetOrd(doc) ?? -1;
        }
        _names = names;
        Published = Numbers(reader, LuceneFields.Published);
        Updated = Numbers(reader, LuceneFields.Updated);

        Years = new int[reader.MaxDoc];
        var years = reader.GetNumericDocValues(LuceneFields.Year);
        var hasYear = reader.GetDocsWithField(LuceneFields.Year);
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            Years[doc] = years is not null && hasYear is not null && hasYear.Get(doc) ? (int)years.Get(doc) : NoYear;
        }
    }

    /// <summary>Per facet: where each document's ordinals start in <see cref="Ords"/> (length maxDoc + 1).</summary>
    public int[][] Starts { get; }
    public int[][] Ords { get; }

    /// <summary>Per facet: the code of each ordinal.</summary>
    public string[][] Codes { get; }
    public Dictionary<string, int>[] OrdOf { get; }
    public int[] Years { get; }

    /// <summary>Start of each facet in the shared ordinal space; the last entry is the total.</summary>
    public int[] Offsets { get; }
    public int[] AllStarts { get; }
    public int[] AllOrds { get; }

    /// <summary>Per document: its name's ordinal in this segment (names sort as their ordinals).</summary>
    public int[] NameOrds { get; }
    public long[] Published { get; }
    public long[] Updated { get; }

    private readonly SortedDocValues? _names;

    /// <summary>The folded name of an ordinal of <see cref="NameOrds"/>.</summary>
    public string Name(int ord)
    {
        var bytes = new BytesRef();
        _names!.LookupOrd(ord, bytes);
        return bytes.Utf8ToString();
    }

    private static long[] Numbers(AtomicReader reader, string field)
    {
        var values = reader.GetNumericDocValues(field);
        var numbers = new long[reader.MaxDoc];
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            numbers[doc] = values?.Get(doc) ?? 0;
        }
        return numbers;
    }

    public static SegmentFacets For(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => new SegmentFacets(reader));

    private void Load(AtomicReader reader, int facet, string field)
    {
        var values = reader.GetSortedSetDocValues(field);
        var starts = new int[reader.MaxDoc + 1];
        var ords = new List<int>(reader.MaxDoc * 2);
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            starts[doc] = ords.Count;
            if (values is null)
            {
                continue;
            }
            values.SetDocument(doc);
            long ord;
            while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                ords.Add((int)ord);
            }
        }
        starts[reader.MaxDoc] = ords.Count;
        var codes = new string[values?.ValueCount ?? 0];
        var bytes = new BytesRef();
        for (var ord = 0; ord < codes.Length; ord++)
        {
            values!.LookupOrd(ord, bytes);
            codes[ord] = bytes.Utf8ToString();
        }
        Starts[facet] = starts;
        Ords[facet] = [.. ords];
        Codes[facet] = codes;
        OrdOf[facet] = codes.Select((code, ord) => (code, ord)).ToDictionary(x => x.code, x => x.ord, StringComparer.Ordinal);
    }
}

/// <summary>Builds the facet arrays of new segments when readers are refreshed, not on the first search.</summary>
internal sealed class WarmingSearcherFactory : SearcherFactory
{
    public override IndexSearcher NewSearcher(IndexReader reader)
    {
        foreach (var leaf in reader.Leaves)
        {
            SegmentFacets.For(leaf.AtomicReader);
        }
        return base.NewSearcher(reader);
    }
}
