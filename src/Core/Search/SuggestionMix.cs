using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Search;

/// <summary>The parts of autocomplete and "did you mean" that do not depend on the engine.</summary>
public static class SuggestionMix
{
    public const int MaxSuggestions = 10;

    /// <summary>How many candidates of each kind an engine should look at before mixing.</summary>
    public const int Candidates = 40;

    /// <summary>How many entries a multi-word prefix looks through (those starting with its first word).</summary>
    public const int WordWiseCandidates = 400;

    /// <summary>A service longer than this is not proposed as you type.</summary>
    public const int MaxEntryLength = 80;

    /// <summary>The folded prefix the user typed (empty when nothing usable).</summary>
    public static string FoldedPrefix(string? prefix) => FrenchTextAnalyzer.Fold(TextQueryPlan.Clean(prefix));

    /// <summary>Activities of the taxonomy whose label has the folded words typed at a word start ("dével", "design gra").</summary>
    public static IEnumerable<Suggestion> Activities(TaxonomyCatalog taxonomy, string folded)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        return taxonomy.Activities
            .Where(a => (" " + FrenchTextAnalyzer.Fold(a.Label)).Contains(" " + folded, StringComparison.Ordinal))
            .Select(a => new Suggestion(SuggestionKind.Activity, a.Label, a.Code));
    }

    /// <summary>
    /// Communes whose name (or a usual variant: "mont dore", "ile des pins") starts with the folded words typed, with
    /// how many companies are there; those with none are not proposed.
    /// </summary>
    public static IEnumerable<Suggestion> Communes(TaxonomyCatalog taxonomy, string folded, Func<string, long> companies)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(companies);
        return taxonomy.Communes
            .Where(c => FrenchTextAnalyzer.Fold(c.LabelFr) is var name && (name.StartsWith(folded, StringComparison.Ordinal) || name.Replace(" ", "", StringComparison.Ordinal).StartsWith(folded, StringComparison.Ordinal)))
            .Select(c => (Commune: c, Count: companies(c.Code)))
            .Where(c => c.Count > 0)
            .OrderByDescending(c => c.Count)
            .Select(c => new Suggestion(SuggestionKind.Commune, c.Commune.Label, c.Commune.Code) { Detail = c.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    /// <summary>The communes an engine should count for a prefix (before <see cref="Communes"/>).</summary>
    public static IReadOnlyList<string> CommuneCodes(TaxonomyCatalog taxonomy, string folded) =>
        [.. Communes(taxonomy, folded, _ => 1).Select(c => c.Code!)];

    /// <summary>Company suggestions from "key|name|slug|commune" entries, one per company; the detail is its commune's code.</summary>
    public static IEnumerable<Suggestion> Companies(IEnumerable<string> entries) =>
        entries.Select(term => term.Split('|'))
            .Where(parts => parts.Length == 4)
            .DistinctBy(parts => parts[2])
            .Select(parts => new Suggestion(SuggestionKind.Company, parts[1], parts[2]) { Detail = parts[3] });

    /// <summary>Skill suggestions from "folded|as written" entries, one per folded skill.</summary>
    public static IEnumerable<Suggestion> Skills(IEnumerable<string> entries) => Phrases(entries, SuggestionKind.Skill);

    /// <summary>Service suggestions from "folded words|as written" entries, one per folded text.</summary>
    public static IEnumerable<Suggestion> Services(IEnumerable<string> entries) => Phrases(entries, SuggestionKind.Service);

    private static IEnumerable<Suggestion> Phrases(IEnumerable<string> entries, SuggestionKind kind) =>
        entries.Select(term => term.Split('|'))
            .Where(parts => parts.Length == 2)
            .DistinctBy(parts => parts[0])
            .Select(parts => new Suggestion(kind, parts[1], null));

    /// <summary>
    /// Whether the folded key of an entry ("site internet|…") starts with the words typed, each word typed being the
    /// start of the key's word at the same place: "site int" and "sites inter" both find "site internet". The same
    /// rule as <see cref="WordWisePattern"/>.
    /// </summary>
    public static bool StartsWithWords(string entry, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(words);
        var key = entry.Split('|')[0].Split(' ');
        if (key.Length < words.Count)
        {
            return false;
        }
        for (var i = 0; i < words.Count; i++)
        {
            if (!key[i].StartsWith(words[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The Lucene regular expression (Elasticsearch's <c>include</c>) of <see cref="StartsWithWords"/>.</summary>
    public static string WordWisePattern(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return string.Join(' ', words.Select((w, i) => Elasticsearch.ElasticsearchQueries.RegexEscape(w) + (i < words.Count - 1 ? "[^ |]*" : ""))) + ".*";
    }

    /// <summary>The folded words typed (a multi-word prefix), the last being the one typed now.</summary>
    public static IReadOnlyList<string> Words(string folded) => folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// A fair share for each kind (communes first, three tenths companies, a fifth activities, services and skills),
    /// then whatever is left.
    /// </summary>
    public static IReadOnlyList<Suggestion> Mix(IEnumerable<Suggestion> communes, IEnumerable<Suggestion> companies, IEnumerable<Suggestion> activities,
        IEnumerable<Suggestion> services, IEnumerable<Suggestion> skills, int max)
    {
        max = Math.Clamp(max, 1, MaxSuggestions);
        var lists = new[] { communes.Take(2).ToList(), companies.Take(max).ToList(), activities.Take(max).ToList(), services.Take(max).ToList(), skills.Take(max).ToList() };
        var quotas = new[] { 2, Math.Max(1, max * 3 / 10), Math.Max(1, max / 5), Math.Max(1, max / 5), Math.Max(1, max / 5) };
        var chosen = lists.SelectMany((list, i) => list.Take(quotas[i])).ToList();
        chosen.AddRange(lists.SelectMany((list, i) => list.Skip(quotas[i])).Take(Math.Max(0, max - chosen.Count)));
        return [.. chosen.Take(max)];
    }

    /// <summary>
    /// The closest candidate to a misspelt word: fewest edits (Levenshtein), then the most documents. Candidates
    /// come from the engine's vocabulary (at most two edits away).
    /// </summary>
    public static string? Closest(string word, IEnumerable<(string Term, long Documents)> candidates)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(candidates);
        string? best = null;
        var bestDistance = int.MaxValue;
        var bestFrequency = 0L;
        foreach (var (candidate, frequency) in candidates)
        {
            var distance = Levenshtein(word, candidate);
            if (distance < bestDistance || (distance == bestDistance && frequency > bestFrequency))
            {
                (best, bestDistance, bestFrequency) = (candidate, distance, frequency);
            }
        }
        return best;
    }

    /// <summary>Whether a word is worth correcting: unknown to the index, three letters or more, and no stop word ("mon" stays "mon").</summary>
    public static bool NeedsCorrection(string word, bool isKnown) => !isKnown && word.Length >= 3 && FrenchTextAnalyzer.Stemming.Terms(word).Count > 0;

    /// <summary>
    /// Edits between two words, a swap of two neighbouring letters counting as one (as the engines' fuzzy matching
    /// counts them: optimal string alignment).
    /// </summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
