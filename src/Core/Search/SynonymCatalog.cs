namespace AnnuaireFiliere.Core.Search;

/// <summary>
/// Groups of equivalent ICT terms (<c>Search/synonyms.txt</c>), analysed with <see cref="FrenchTextAnalyzer"/>.
/// Expansion happens at query time, so changing the file needs no reindex.
/// </summary>
public sealed class SynonymCatalog
{
    private readonly List<SynonymVariant[]> _groups;

    private SynonymCatalog(List<SynonymVariant[]> groups) => _groups = groups;

    public static SynonymCatalog Default { get; } = Load();

    public int GroupCount => _groups.Count;

    /// <summary>The original lines, for engines that take synonyms in Solr format (Elasticsearch).</summary>
    public IReadOnlyList<string> Lines { get; private set; } = [];

    /// <summary>
    /// The longest group variant that starts at <paramref name="start"/> in the analysed terms: how many terms it
    /// covers and every variant of its group (as analysed term sequences). Null when none starts there.
    /// </summary>
    public (int Length, IReadOnlyList<SynonymVariant> Variants)? Match(IReadOnlyList<string> terms, int start)
    {
        (int Length, IReadOnlyList<SynonymVariant> Variants)? best = null;
        foreach (var group in _groups)
        {
            foreach (var variant in group)
            {
                var length = variant.Terms.Count;
                if (length > (best?.Length ?? 0) && start + length <= terms.Count
                    && variant.Terms.Select((t, i) => terms[start + i] == t).All(same => same))
                {
                    best = (length, group);
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
                .Select(text => (Text: text, Terms: FrenchTextAnalyzer.Stemming.Positioned(text)))
                .Where(variant => variant.Terms.Count > 0)
                .Select(variant => new SynonymVariant([.. variant.Terms.Select(t => t.Term)], [.. variant.Terms.Select(t => t.Position)]) { Text = variant.Text })
                .DistinctBy(variant => string.Join(' ', variant.Terms))
                .ToArray())
            .Where(group => group.Length > 1)
            .ToList();
        return new SynonymCatalog(groups) { Lines = lines };
    }
}

/// <summary>
/// One way of saying a synonym group's meaning: analysed terms and their positions (stop words leave gaps), and
/// the text they come from (for engines that analyse a phrase themselves, with the same chain).
/// </summary>
public sealed record SynonymVariant(IReadOnlyList<string> Terms, IReadOnlyList<int> Positions)
{
    public string Text { get; init; } = string.Join(' ', Terms);
}
