using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Search;

/// <summary>The parts of autocomplete and "did you mean" that do not depend on the engine.</summary>
public static class SuggestionMix
{
    public const int MaxSuggestions = 10;

    /// <summary>How many candidates of each kind an engine should look at before mixing.</summary>
    public const int Candidates = 40;

    /// <summary>The folded prefix the user typed (empty when nothing usable).</summary>
    public static string FoldedPrefix(string? prefix) => FrenchTextAnalyzer.Fold(TextQueryPlan.Clean(prefix));

    /// <summary>Activities of the taxonomy with a word, or the whole label, starting with the folded prefix.</summary>
    public static IEnumerable<Suggestion> Activities(TaxonomyCatalog taxonomy, string folded)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        return taxonomy.Activities
            .Where(a => FrenchTextAnalyzer.Folding.Terms(a.Label).Any(w => w.StartsWith(folded, StringComparison.Ordinal))
                || FrenchTextAnalyzer.Fold(a.Label).StartsWith(folded, StringComparison.Ordinal))
            .Select(a => new Suggestion(SuggestionKind.Activity, a.Label, a.Code));
    }

    /// <summary>Company suggestions from "key|name|slug" entries, one per company.</summary>
    public static IEnumerable<Suggestion> Companies(IEnumerable<string> entries) =>
        entries.Select(term => term.Split('|'))
            .Where(parts => parts.Length == 3)
            .DistinctBy(parts => parts[2])
            .Select(parts => new Suggestion(SuggestionKind.Company, parts[1], parts[2]));

    /// <summary>Skill suggestions from "folded|as written" entries, one per folded skill.</summary>
    public static IEnumerable<Suggestion> Skills(IEnumerable<string> entries) =>
        entries.Select(term => term.Split('|'))
            .Where(parts => parts.Length == 2)
            .DistinctBy(parts => parts[0])
            .Select(parts => new Suggestion(SuggestionKind.Skill, parts[1], null));

    /// <summary>A fair share for each kind (half companies, three tenths activities, a fifth skills), then whatever is left.</summary>
    public static IReadOnlyList<Suggestion> Mix(IEnumerable<Suggestion> companies, IEnumerable<Suggestion> activities, IEnumerable<Suggestion> skills, int max)
    {
        max = Math.Clamp(max, 1, MaxSuggestions);
        var lists = new[] { companies.Take(max).ToList(), activities.Take(max).ToList(), skills.Take(max).ToList() };
        var quotas = new[] { Math.Max(1, max / 2), Math.Max(1, max * 3 / 10), Math.Max(1, max / 5) };
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

    /// <summary>Whether a word is worth correcting: unknown to the index and three letters or more.</summary>
    public static bool NeedsCorrection(string word, bool isKnown) => !isKnown && word.Length >= 3;

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
