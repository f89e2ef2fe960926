namespace AnnuaireFiliere.Core.Search;

/// <summary>
/// One synonym rule: searching any of <see cref="Searched"/> also finds any of <see cref="Found"/> (which holds the
/// searched terms too). A line "a, b, c" is one rule where both lists are the same; "a, b => c" is one way.
/// </summary>
public sealed record SynonymRule(IReadOnlyList<SynonymVariant> Searched, IReadOnlyList<SynonymVariant> Found, string Line)
{
    /// <summary>
    /// The keyword a document gets, at indexing, for holding one of the variants of several words this rule finds:
    /// a search then asks one term instead of a phrase per variant and field. Derived from what the rule finds, so an
    /// unchanged rule keeps its token when others change; a changed one needs a reindex.
    /// </summary>
    public string Token { get; } = "syn" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(string.Join('|', Found.Select(v => v.Key).Order(StringComparer.Ordinal)))))[..12];

    /// <summary>
    /// Whether documents get this rule's <see cref="Token"/> at indexing (it finds a variant of several words): a
    /// change of such a rule takes effect in the index only after a rebuild; other rules apply at once.
    /// </summary>
    public bool IsIndexed => Found.Any(v => v.Terms.Count > 1);
}

/// <summary>
/// Where engines and indexing read the synonym rules, for every search and every document: a fixed catalog (tests,
/// tools) or the moderators' rules (<see cref="SynonymStore"/>), which change while the site runs.
/// </summary>
public interface ISynonymSource
{
    SynonymCatalog Current { get; }
}

/// <summary>
/// The ICT synonym rules (<c>Search/synonyms.txt</c>, or the moderators' rules), analysed with
/// <see cref="FrenchTextAnalyzer"/>. They are applied when searching: the words typed are always searched as they
/// are, and the variants of a rule they form are alternatives that widen the search, never requirements.
/// </summary>
public sealed class SynonymCatalog : ISynonymSource
{
    private readonly List<SynonymRule> _rules;
    private readonly Dictionary<string, List<(SynonymVariant Variant, SynonymRule Rule)>> _searchedByFirstTerm = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(SynonymVariant Variant, string Token)>> _foundPhrasesByFirstTerm = new(StringComparer.Ordinal);
    private string? _indexStamp;

    private SynonymCatalog(List<SynonymRule> rules)
    {
        _rules = rules;
        foreach (var rule in rules)
        {
            foreach (var variant in rule.Searched)
            {
                if (!_searchedByFirstTerm.TryGetValue(variant.Terms[0], out var list))
                {
                    _searchedByFirstTerm[variant.Terms[0]] = list = [];
                }
                list.Add((variant, rule));
            }
            foreach (var variant in rule.Found.Where(v => v.Terms.Count > 1))
            {
                if (!_foundPhrasesByFirstTerm.TryGetValue(variant.Terms[0], out var phrases))
                {
                    _foundPhrasesByFirstTerm[variant.Terms[0]] = phrases = [];
                }
                phrases.Add((variant, rule.Token));
            }
        }
    }

    public static SynonymCatalog Default { get; } = FromLines(ReadEmbedded());

    /// <summary>The rules of <c>Search/synonyms.txt</c>, as written there (comments and blank lines left out).</summary>
    public static IReadOnlyList<string> DefaultLines { get; } =
        [.. ReadEmbedded().Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];

    /// <summary>A catalog is its own source: it never changes.</summary>
    public SynonymCatalog Current => this;

    public IReadOnlyList<SynonymRule> Rules => _rules;

    /// <summary>
    /// What the index depends on: a hash of the tokens of the rules documents get at indexing
    /// (<see cref="SynonymRule.IsIndexed"/>). An index built with another stamp lacks or holds tokens this catalog
    /// does not know, and needs a rebuild; rules of single words change nothing in the index.
    /// </summary>
    public string IndexStamp => _indexStamp ??= Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(string.Join('|', _rules.Where(r => r.IsIndexed).Select(r => r.Token).Distinct().Order(StringComparer.Ordinal)))))[..16];

    /// <summary>The number of rules.</summary>
    public int GroupCount => _rules.Count;

    /// <summary>
    /// The longest searched variant that starts at <paramref name="start"/> in the analysed terms: how many terms
    /// it covers and what it also finds (every rule whose searched variants hold it). Null when none starts there.
    /// </summary>
    public (int Length, IReadOnlyList<SynonymVariant> Variants, IReadOnlyList<string> Tokens)? Match(IReadOnlyList<string> terms, int start)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (start >= terms.Count || !_searchedByFirstTerm.TryGetValue(terms[start], out var candidates))
        {
            return null;
        }
        var length = 0;
        foreach (var (variant, _) in candidates)
        {
            if (variant.Terms.Count > length && Covers(variant, terms, start))
            {
                length = variant.Terms.Count;
            }
        }
        if (length == 0)
        {
            return null;
        }
        var rules = candidates.Where(c => c.Variant.Terms.Count == length && Covers(c.Variant, terms, start)).Select(c => c.Rule).Distinct().ToList();
        var found = rules.SelectMany(r => r.Found).DistinctBy(v => v.Key).ToList();
        return (length, found, [.. rules.Where(r => r.Found.Any(v => v.Terms.Count > 1)).Select(r => r.Token)]);
    }

    /// <summary>
    /// The tokens of the rules whose variants of several words a text holds (its analysed terms with their
    /// positions, stop words leaving gaps as in the index).
    /// </summary>
    public IReadOnlyList<string> TokensIn(IReadOnlyList<(string Term, int Position)> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        HashSet<string>? tokens = null;
        for (var i = 0; i < terms.Count; i++)
        {
            if (!_foundPhrasesByFirstTerm.TryGetValue(terms[i].Term, out var phrases))
            {
                continue;
            }
            foreach (var (variant, token) in phrases)
            {
                if (i + variant.Terms.Count <= terms.Count && Holds(variant, terms, i))
                {
                    (tokens ??= new HashSet<string>(StringComparer.Ordinal)).Add(token);
                }
            }
        }
        return tokens is null ? [] : [.. tokens.Order(StringComparer.Ordinal)];
    }

    /// <summary>The variant's terms from <paramref name="start"/>, at the same distances (stop-word gaps included).</summary>
    private static bool Holds(SynonymVariant variant, IReadOnlyList<(string Term, int Position)> terms, int start)
    {
        for (var k = 1; k < variant.Terms.Count; k++)
        {
            var (term, position) = terms[start + k];
            if (term != variant.Terms[k] || position - terms[start].Position != variant.Positions[k] - variant.Positions[0])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Reads rules from lines ("a, b, c" or "a, b => c"); comments (#) and blank lines are skipped.</summary>
    public static SynonymCatalog FromLines(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var rules = new List<SynonymRule>();
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            if (Parse(line) is { } rule)
            {
                rules.Add(rule);
            }
        }
        return new SynonymCatalog(rules);
    }

    /// <summary>A rule from one line, or null when it relates nothing (fewer than two distinct terms).</summary>
    public static SynonymRule? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var sides = line.Split("=>", 2, StringSplitOptions.TrimEntries);
        var searched = Variants(sides[0]);
        var found = sides.Length == 2 ? [.. searched, .. Variants(sides[1])] : searched;
        found = [.. found.DistinctBy(v => v.Key)];
        return searched.Count == 0 || found.Count < 2 ? null : new SynonymRule(searched, found, line.Trim());
    }

    private static List<SynonymVariant> Variants(string side) =>
        [.. side.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(text => (Text: text, Terms: FrenchTextAnalyzer.Stemming.Positioned(text)))
            .Where(variant => variant.Terms.Count > 0)
            .Select(variant => new SynonymVariant([.. variant.Terms.Select(t => t.Term)], [.. variant.Terms.Select(t => t.Position)]) { Text = variant.Text })
            .DistinctBy(variant => variant.Key)];

    private static bool Covers(SynonymVariant variant, IReadOnlyList<string> terms, int start) =>
        start + variant.Terms.Count <= terms.Count && variant.Terms.Select((t, i) => terms[start + i] == t).All(same => same);

    private static string[] ReadEmbedded()
    {
        using var stream = typeof(SynonymCatalog).Assembly.GetManifestResourceStream("AnnuaireFiliere.Core.Search.synonyms.txt")
            ?? throw new InvalidDataException("Search/synonyms.txt is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n');
    }
}

/// <summary>
/// One way of saying a synonym rule's meaning: analysed terms and their positions (stop words leave gaps), and
/// the text they come from (for engines that analyse a phrase themselves, with the same chain).
/// </summary>
public sealed record SynonymVariant(IReadOnlyList<string> Terms, IReadOnlyList<int> Positions)
{
    public string Text { get; init; } = string.Join(' ', Terms);

    /// <summary>The analysed terms: two variants with the same key are the same for search.</summary>
    public string Key => string.Join(' ', Terms);
}
