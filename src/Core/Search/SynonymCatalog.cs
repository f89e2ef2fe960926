namespace AnnuaireFiliere.Core.Search;

/// <summary>
/// Groups of equivalent ICT terms (<c>Search/synonyms.txt</c>), analysed with <see cref="FrenchTextAnalyzer"/>.
/// Expansion happens at query time, so changing the file needs no reindex.
/// </summary>
public sealed class SynonymCatalog
{
    private readonly List<IReadOnlyList<string>[]> _groups;

    private SynonymCatalog(List<IReadOnlyList<string>[]> groups) => _groups = groups;

    public static SynonymCatalog Default { get; } = Load();

    public int GroupCount => _groups.Count;

    /// <summary>The original lines, for engines that take synonyms in Solr format (Elasticsearch).</summary>
    public IReadOnlyList<string> Lines { get; private set; } = [];

    /// <summary>
    /// The longest group variant that starts at <paramref name="start"/> in the analysed terms: how many terms it
    /// covers and every variant of its group (as analysed term sequences). Null when none starts there.
    /// </summary>
    public (int Length, IReadOnlyList<IReadOnlyList<string>> Variants)? Match(IReadOnlyList<string> terms, int start)
    {
        (int Length, IReadOnlyList<IReadOnlyList<string>> Variants)? best = null;
        foreach (var group in _groups)
        {
            foreach (var variant in group)
            {
                if (variant.Count > (best?.Length ?? 0) && start + variant.Count <= terms.Count
                    && variant.Select((t, i) => terms[start + i] == t).All(same => same))
                {
                    best = (variant.Count, group);
                }
            }
        }
        return best;
    }

    private static SynonymCatalog Load()
    {
        using var stream = typeof(SynonymCatalog).Assembly.GetManifestResourceStream("AnnuaireFiliere.Core.Search.synonyms.txt")
            ?? throw new InvalidDataException("Search/synonyms.txt is not embedded.");
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
        var groups = lines
            .Select(line => line.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(FrenchTextAnalyzer.Stemming.Terms)
                .Where(terms => terms.Count > 0)
                .DistinctBy(terms => string.Join(' ', terms))
                .ToArray())
            .Where(group => group.Length > 1)
            .ToList();
        return new SynonymCatalog(groups) { Lines = lines };
    }
}
