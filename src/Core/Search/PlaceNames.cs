using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Search;

/// <summary>
/// A place named in a search text: the communes it stands for (a commune, the four of Greater Nouméa) or the
/// provinces (Nord, Sud, Îles), and how it was written.
/// </summary>
public sealed record PlaceMatch(string Label, IReadOnlyList<string> Communes, IReadOnlyList<string> Provinces)
{
    /// <summary>The words of the text that named it, folded (taken out of the words to match).</summary>
    public IReadOnlyList<string> Words { get; init; } = [];
}

/// <summary>
/// The places a buyer may type, recognised in folded words: every commune of the taxonomy with its usual variants
/// (accents, hyphens, articles: "Mont Dore", "le mont-dore", "ile des pins"), the provinces ("province Nord",
/// "Nord", "Sud", "îles", "Loyauté", "îles Loyauté") and "Grand Nouméa" (Nouméa, Dumbéa, Mont-Dore, Païta).
/// </summary>
public sealed class PlaceNames
{
    /// <summary>The communes of Greater Nouméa: Nouméa, Dumbéa, Mont-Dore and Païta.</summary>
    public static readonly IReadOnlyList<string> GreaterNoumea = ["98818", "98805", "98817", "98821"];

    private static readonly string[] Articles = ["le", "la", "l", "les"];

    private readonly Dictionary<string, List<(string[] Words, PlaceMatch Place)>> _byFirstWord = new(StringComparer.Ordinal);

    public PlaceNames(TaxonomyCatalog taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        foreach (var commune in taxonomy.Communes)
        {
            var place = new PlaceMatch(commune.LabelFr, [commune.Code], []);
            foreach (var variant in Variants(commune.LabelFr))
            {
                Add(variant, place);
            }
        }
        Add("grand noumea", new PlaceMatch("Grand Nouméa", GreaterNoumea, []));
        Add("agglomeration de noumea", new PlaceMatch("Grand Nouméa", GreaterNoumea, []));
        foreach (var province in taxonomy.Provinces)
        {
            var place = new PlaceMatch(province.LabelFr, [], [province.Code]);
            Add(FrenchTextAnalyzer.Fold(province.LabelFr), place);
            var names = province.Code switch
            {
                "nord" => ["nord", "province nord", "province du nord"],
                "sud" => ["sud", "province sud", "province du sud"],
                "iles" => (string[])["iles", "ile", "iles loyaute", "loyaute", "loyautes", "ile loyaute", "province des iles", "province iles"],
                _ => [],
            };
            foreach (var name in names)
            {
                Add(name, place);
            }
        }
    }

    public static PlaceNames Default { get; } = new(TaxonomyCatalog.Default);

    /// <summary>
    /// The places in a sequence of folded words, longest name first, each with the positions it covers; a word
    /// belongs to one place at most.
    /// </summary>
    public IReadOnlyList<(int Start, int Length, PlaceMatch Place)> Find(IReadOnlyList<string> folded)
    {
        ArgumentNullException.ThrowIfNull(folded);
        var found = new List<(int, int, PlaceMatch)>();
        for (var i = 0; i < folded.Count; i++)
        {
            if (!_byFirstWord.TryGetValue(folded[i], out var candidates))
            {
                continue;
            }
            var best = candidates
                .Where(c => i + c.Words.Length <= folded.Count && c.Words.Select((w, k) => folded[i + k] == w).All(same => same))
                .OrderByDescending(c => c.Words.Length)
                .FirstOrDefault();
            if (best.Words is null)
            {
                continue;
            }
            found.Add((i, best.Words.Length, best.Place with { Words = best.Words }));
            i += best.Words.Length - 1;
        }
        return found;
    }

    /// <summary>The ways a commune is written: folded, hyphens as spaces or joined, with or without its article.</summary>
    private static HashSet<string> Variants(string name)
    {
        var words = FrenchTextAnalyzer.Folding.Terms(name).ToList();
        var forms = new HashSet<string>(StringComparer.Ordinal) { string.Join(' ', words) };
        if (words.Count > 1)
        {
            forms.Add(string.Concat(words));
        }
        if (words.Count > 1 && Articles.Contains(words[0]))
        {
            forms.Add(string.Join(' ', words.Skip(1)));
        }
        else if (words.Count > 1)
        {
            forms.Add("le " + string.Join(' ', words));   // "le Mont-Dore"
        }
        return forms;
    }

    private void Add(string folded, PlaceMatch place)
    {
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!_byFirstWord.TryGetValue(words[0], out var list))
        {
            _byFirstWord[words[0]] = list = [];
        }
        list.Add((words, place));
    }
}
