using System.Buffers.Binary;
using System.Collections.Frozen;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Survey;

/// <summary>What the synthetic answers of a company follow: its sector (of its primary activity), size band and e-commerce.</summary>
public sealed record SyntheticProfile(Guid CompanyId, string SectorCode, string? SizeBandCode, bool OwnShop, bool Marketplaces)
{
    /// <summary>The year the company was founded: only a company founded in the survey's year says "created this year".</summary>
    public int? FoundingYear { get; init; }

    /// <summary>Its profile says it delivers to the islands.</summary>
    public bool DeliversIslands { get; init; }

    public static SyntheticProfile Of(Company company, TaxonomyCatalog taxonomy)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(taxonomy);
        return new(company.Id, taxonomy.FindActivity(company.PrimaryActivityCode)?.SectorCode ?? "", company.SizeBandCode,
            company.ECommerce.SellsOnOwnShop, company.ECommerce.SellsOnMarketplaces)
        {
            FoundingYear = company.FoundingYear,
            DeliversIslands = company.ECommerce.DeliversIslands,
        };
    }
}

/// <summary>
/// Plausible answers of a company to a questionnaire, for the demo: deterministic for a company, a year and a seed;
/// valid (<see cref="SurveyRules.Check"/> finds nothing, complete); only shown questions answered, some optional ones
/// left empty, never free text. Driven by each question's type, options, bounds and condition, so any version works;
/// the questions it knows (headcount, turnover, online sales…) follow the company's profile: headcount within its
/// size band, turnover growing with headcount, online sales when its profile sells online, technologies and training
/// by sector.
/// </summary>
public sealed class SyntheticAnswers
{
    /// <summary>Share of the optional questions left empty.</summary>
    private const double OptionalLeftEmpty = 0.12;

    private readonly Plan[] _plans;
    private readonly TaxonomyCatalog _taxonomy;

    public SyntheticAnswers(Questionnaire questionnaire, TaxonomyCatalog taxonomy)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(taxonomy);
        _taxonomy = taxonomy;
        var questions = questionnaire.Questions.ToList();
        _plans = [.. questions.Select(q => new Plan(q,
            q.ShowWhen is { } when ? questions.FindIndex(s => s.Id == when.Question) : -1))];
    }

    /// <summary>The answers of <paramref name="profile"/>'s company to the survey of <paramref name="year"/>: question id → answer.</summary>
    public Dictionary<string, SurveyAnswer> For(SyntheticProfile profile, int year, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var random = new Draws(Seed(profile.CompanyId, year, seed));
        var answers = new Dictionary<string, SurveyAnswer>(_plans.Length, StringComparer.Ordinal);
        var given = new SurveyAnswer?[_plans.Length];
        var state = new State { Headcount = -1 };
        for (var index = 0; index < _plans.Length; index++)
        {
            var plan = _plans[index];
            if (plan.Source >= 0 && (given[plan.Source] is not { } source || !plan.Holds(source)))
            {
                continue;
            }
            var question = plan.Question;
            if (question.Type == QuestionType.ShortText && !question.Required)
            {
                continue; // no free text in the demo
            }
            // Drawn whatever the outcome, so that leaving one question empty does not shift the others' answers.
            var leftEmpty = random.NextDouble() < OptionalLeftEmpty && !question.Required;
            var answer = Known(plan, profile, year, ref state, random) ?? Generic(plan, random);
            if (leftEmpty)
            {
                continue;
            }
            given[index] = answer;
            answers[question.Id] = answer;
        }
        return answers;
    }

    /// <summary>A stable seed (not <see cref="string.GetHashCode()"/>, which changes with every process): the company, the year, the seed.</summary>
    public static int Seed(Guid companyId, int year, int seed)
    {
        Span<byte> bytes = stackalloc byte[16];
        companyId.TryWriteBytes(bytes);
        var hash = Mix(BinaryPrimitives.ReadUInt64LittleEndian(bytes) ^ Mix(BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]) + (ulong)(uint)year));
        hash = Mix(hash ^ (ulong)(uint)seed * 0x9E3779B97F4A7C15UL);
        return (int)(hash & int.MaxValue);
    }

    // SplitMix64's finaliser.
    private static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    /// <summary>
    /// The draws of one answer set: SplitMix64 (Steele, Lea and Flood), seeded by <see cref="Seed"/>. A seeded
    /// <see cref="Random"/> runs the legacy algorithm, which fills a table of 56 numbers when created: one per answer set
    /// took about half of the time. This is as deterministic, and costs next to nothing to create.
    /// </summary>
    internal sealed class Draws(int seed)
    {
        private ulong _state = (ulong)seed * 0x9E3779B97F4A7C15UL;

        public ulong NextUInt64()
        {
            _state += 0x9E3779B97F4A7C15UL;
            return Mix(_state);
        }

        /// <summary>In [0, 1).</summary>
        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        /// <summary>In [0, <paramref name="max"/>).</summary>
        public int Next(int max) => max <= 0 ? 0 : (int)((NextUInt64() >> 32) * (ulong)max >> 32);

        /// <summary>In [<paramref name="min"/>, <paramref name="max"/>).</summary>
        public int Next(int min, int max) => min + Next(max - min);
    }

    private struct State
    {
        /// <summary>The headcount answered, or -1.</summary>
        public int Headcount;
        public int Hires;
        public bool SellsOnline;
    }

    // ---- The questions of enquete-annuelle this knows; any other (or one whose type changed) is answered generically.

    private static readonly FrozenDictionary<string, string[]> TechnologiesBySector = new Dictionary<string, string[]>
    {
        ["S01"] = ["objets-connectes", "logiciel-libre"], ["S02"] = ["cloud", "cybersecurite"], ["S03"] = ["cloud", "cybersecurite", "objets-connectes"],
        ["S04"] = ["cloud", "mobile", "logiciel-libre", "ia"], ["S05"] = ["cloud", "cybersecurite", "logiciel-libre"], ["S06"] = ["cloud", "ia", "cybersecurite"],
        ["S07"] = ["cloud"], ["S08"] = ["mobile", "cloud"], ["S09"] = ["mobile", "ia"], ["S10"] = ["ia"], ["S11"] = ["ia", "cloud"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string[]> TrainingBySector = new Dictionary<string, string[]>
    {
        ["S01"] = ["cybersecurite"], ["S02"] = ["cybersecurite", "cloud"], ["S03"] = ["cybersecurite", "cloud"], ["S04"] = ["developpement", "donnees-ia", "cloud"],
        ["S05"] = ["cybersecurite", "cloud"], ["S06"] = ["donnees-ia", "cybersecurite", "cloud"], ["S07"] = ["marketing"], ["S08"] = ["marketing", "donnees-ia"],
        ["S09"] = ["marketing", "donnees-ia"], ["S10"] = ["marketing", "developpement"], ["S11"] = ["donnees-ia", "gestion-projet"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string[]> RecruitsBySector = new Dictionary<string, string[]>
    {
        ["S01"] = ["technicien"], ["S02"] = ["commercial", "technicien"], ["S03"] = ["reseaux", "technicien"], ["S04"] = ["developpement", "donnees"],
        ["S05"] = ["reseaux", "developpement", "technicien"], ["S06"] = ["developpement", "donnees"], ["S07"] = ["audiovisuel"], ["S08"] = ["audiovisuel", "commercial"],
        ["S09"] = ["commercial", "design"], ["S10"] = ["design"], ["S11"] = ["donnees", "developpement"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The main kind of client by sector (shops sell to people, training and engineering to the public sector).</summary>
    private static readonly FrozenDictionary<string, string> MainClientBySector = new Dictionary<string, string>
    {
        ["S02"] = "particuliers", ["S08"] = "particuliers", ["S11"] = "public", ["S03"] = "particuliers",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly string[] TurnoverBands = ["moins-10m", "10-50m", "50-200m", "200m-1md", "plus-1md"];
    private static readonly double[] TurnoverBandTops = [10, 50, 200, 1000];
    private static readonly string[] TrainingBudgets = ["aucun", "moins-500k", "500k-2m", "plus-2m"];
    private static readonly string[] OnlineObstacles = ["cout-livraison", "paiement"];
    private static readonly string[] OfflineObstacles = ["clients", "temps"];
    private static readonly string[] NoBoost = [];

    private SurveyAnswer? Known(Plan plan, SyntheticProfile profile, int year, ref State state, Draws random)
    {
        var question = plan.Question;
        switch (question.Id, question.Type)
        {
            case ("clients-types", QuestionType.PercentageSplit):
                return Split(plan, random, MainClientBySector.GetValueOrDefault(profile.SectorCode, "entreprises"));
            case ("clients-hors-nc", QuestionType.SingleChoice):
                return random.NextDouble() < 0.7 ? Choice(plan, "non") : null;
            case ("export-part", QuestionType.WholeNumber):
                return Number(plan, 1 + (int)(30 * Math.Pow(random.NextDouble(), 2)));
            case ("effectif", QuestionType.WholeNumber):
                state.Headcount = Clamp(plan, Headcount(profile.SizeBandCode, random));
                return new SurveyAnswer { Number = state.Headcount };
            case ("embauches", QuestionType.WholeNumber):
                state.Hires = Clamp(plan, Hires(state.Headcount, random));
                return new SurveyAnswer { Number = state.Hires };
            case ("recrutement-difficultes", QuestionType.SingleChoice):
                return Choice(plan, state.Hires > 0
                    ? random.NextDouble() < 0.55 ? "oui" : "non"
                    : random.NextDouble() switch { < 0.75 => "pas-cherche", < 0.9 => "oui", _ => "non" });
            case ("recrutement-profils", QuestionType.MultipleChoice):
                return Several(plan, random, RecruitsBySector.GetValueOrDefault(profile.SectorCode, NoBoost), exclusiveShare: 0);
            case ("ca-tranche", QuestionType.AmountBand):
                if (random.NextDouble() < 0.04)
                {
                    return Choice(plan, "ne-sait-pas");
                }
                var millions = Math.Max(state.Headcount, 0.5) * (4 + 14 * random.NextDouble());
                var position = 0;
                while (position < TurnoverBandTops.Length && millions >= TurnoverBandTops[position])
                {
                    position++;
                }
                return Choice(plan, TurnoverBands[position]);
            case ("ca-evolution", QuestionType.SingleChoice):
                return profile.FoundingYear == year ? Choice(plan, "creation")
                    : Choice(plan, random.NextDouble() switch { < 0.42 => "hausse", < 0.8 => "stable", _ => "baisse" });
            case ("formation-besoins", QuestionType.MultipleChoice):
                return Several(plan, random, TrainingBySector.GetValueOrDefault(profile.SectorCode, NoBoost), exclusiveShare: 0.15);
            case ("formation-budget", QuestionType.AmountBand):
                var h = Math.Max(state.Headcount, 0);
                var budget = (h < 3 ? 0 : h < 10 ? 1 : h < 50 ? 2 : 3) + random.Next(-1, 2);
                return Choice(plan, TrainingBudgets[Math.Clamp(budget, 0, TrainingBudgets.Length - 1)]);
            case ("technologies-usage", QuestionType.MultipleChoice):
                return Several(plan, random, TechnologiesBySector.GetValueOrDefault(profile.SectorCode, NoBoost), exclusiveShare: 0);
            case ("vente-en-ligne", QuestionType.SingleChoice):
                state.SellsOnline = profile.OwnShop || profile.Marketplaces || random.NextDouble() < 0.07;
                return Choice(plan, state.SellsOnline ? "oui" : "non");
            case ("canaux", QuestionType.MultipleChoice):
                return Channels(plan, profile, random);
            case ("livraison-iles", QuestionType.SingleChoice):
                return Choice(plan, profile.DeliversIslands ? "oui" : random.NextDouble() switch { < 0.15 => "oui", < 0.6 => "non", _ => "sans-objet" });
            case ("part-en-ligne", QuestionType.WholeNumber):
                var (low, high) = profile.OwnShop ? (profile.SectorCode == "S06" ? (40, 100) : (10, 60)) : profile.Marketplaces ? (5, 40) : (1, 15);
                return Number(plan, random.Next(low, high + 1));
            case ("obstacles", QuestionType.MultipleChoice):
                return Several(plan, random, state.SellsOnline ? OnlineObstacles : OfflineObstacles, exclusiveShare: state.SellsOnline ? 0.15 : 0.05);
            default:
                return null;
        }
    }

    /// <summary>Within the size band (skewed to its smaller end); without one, mostly a small company.</summary>
    private int Headcount(string? sizeBand, Draws random)
    {
        var band = _taxonomy.FindSizeBand(sizeBand);
        var (min, max) = band switch
        {
            null => random.NextDouble() switch { < 0.4 => (0, 0), < 0.9 => (1, 9), _ => (10, 30) },
            { MinEmployees: null, MaxEmployees: null } => (0, 0), // a non-employer
            _ => (band.MinEmployees ?? 0, band.MaxEmployees ?? (band.MinEmployees ?? 0) * 2),
        };
        return min + (int)((max - min + 1) * Math.Pow(random.NextDouble(), 1.5));
    }

    /// <summary>Most companies hired nobody; the others at most about a quarter of their staff (and one at least).</summary>
    private static int Hires(int headcount, Draws random)
    {
        if (headcount <= 0 || random.NextDouble() < 0.55)
        {
            return 0;
        }
        return Math.Min(headcount, 1 + random.Next((int)Math.Ceiling(headcount * 0.25)));
    }

    /// <summary>The channels its profile says (own shop, marketplaces), sometimes social networks and email too.</summary>
    private static SurveyAnswer? Channels(Plan plan, SyntheticProfile profile, Draws random)
    {
        var flagged = profile.OwnShop || profile.Marketplaces;
        Span<bool> chosen = stackalloc bool[plan.Codes.Length];
        var any = false;
        for (var i = 0; i < plan.Codes.Length; i++)
        {
            var draw = random.NextDouble();
            chosen[i] = plan.Codes[i] switch
            {
                "site-propre" => profile.OwnShop,
                "places-de-marche" => profile.Marketplaces,
                "reseaux-sociaux" => draw < (flagged ? 0.4 : 0.8),
                "courriel" => draw < (flagged ? 0.25 : 0.4),
                _ => draw < 0.2,
            };
            any |= chosen[i];
        }
        if (!any && Array.IndexOf(plan.Codes, "reseaux-sociaux") is var social and >= 0)
        {
            chosen[social] = any = true; // selling online without a shop of one's own: on social networks
        }
        return any ? new SurveyAnswer { Choices = plan.Pick(chosen) } : null;
    }

    // ---- Generic answers, by type.

    private static SurveyAnswer Generic(Plan plan, Draws random)
    {
        var question = plan.Question;
        return question.Type switch
        {
            QuestionType.SingleChoice or QuestionType.AmountBand => new SurveyAnswer { Choice = plan.Codes[random.Next(plan.Codes.Length)] },
            QuestionType.MultipleChoice => Several(plan, random, NoBoost, exclusiveShare: 0.1)!,
            QuestionType.PercentageSplit => Split(plan, random, null)!,
            // Small numbers are the most common (a number of hires, a share); a scale leans to its upper middle.
            QuestionType.WholeNumber => new SurveyAnswer { Number = question.Min!.Value + (int)((question.Max!.Value - question.Min.Value + 1L) * Math.Pow(random.NextDouble(), 3)) },
            QuestionType.Scale => new SurveyAnswer { Number = Clamp(plan, (int)Math.Round(question.Min!.Value + (question.Max!.Value - question.Min.Value) * Triangular(random, 0.65))) },
            // A required short text (none in enquete-annuelle v1): a word that says what it is.
            _ => new SurveyAnswer { Text = "Réponse de démonstration"[..Math.Min(24, question.MaxLength)] },
        };
    }

    private static double Triangular(Draws random, double mode)
    {
        var u = random.NextDouble();
        return u < mode ? Math.Sqrt(u * mode) : 1 - Math.Sqrt((1 - u) * (1 - mode));
    }

    private static SurveyAnswer? Choice(Plan plan, string code) => plan.Has(code) ? new SurveyAnswer { Choice = code } : null;

    private static SurveyAnswer Number(Plan plan, int value) => new() { Number = Clamp(plan, value) };

    private static int Clamp(Plan plan, int value) => Math.Clamp(value, plan.Question.Min ?? value, plan.Question.Max ?? value);

    /// <summary>Some options, those of <paramref name="boosted"/> more often; the exclusive option ("none") alone, sometimes.</summary>
    private static SurveyAnswer? Several(Plan plan, Draws random, string[] boosted, double exclusiveShare)
    {
        var codes = plan.Codes;
        var others = codes.Length - plan.ExclusiveCount;
        if (plan.ExclusiveCount > 0 && (others == 0 || random.NextDouble() < exclusiveShare))
        {
            return new SurveyAnswer { Choices = [codes[Array.IndexOf(plan.IsExclusive, true)]] };
        }
        Span<bool> chosen = stackalloc bool[codes.Length];
        var any = false;
        for (var i = 0; i < codes.Length; i++)
        {
            var draw = random.NextDouble();
            if (!plan.IsExclusive[i])
            {
                chosen[i] = draw < (Array.IndexOf(boosted, codes[i]) >= 0 ? 0.6 : 0.15);
                any |= chosen[i];
            }
        }
        if (!any)
        {
            // The n-th option that is not exclusive.
            var n = random.Next(others);
            for (var i = 0; i < codes.Length; i++)
            {
                if (!plan.IsExclusive[i] && n-- == 0)
                {
                    chosen[i] = true;
                    break;
                }
            }
        }
        return new SurveyAnswer { Choices = plan.Pick(chosen) };
    }

    /// <summary>One to three options in steps of 5 %, the largest share to <paramref name="main"/> when it is one of them.</summary>
    private static SurveyAnswer? Split(Plan plan, Draws random, string? main)
    {
        var codes = plan.Codes;
        var count = Math.Min(codes.Length, 1 + random.Next(3));
        Span<int> order = stackalloc int[codes.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        var mainIndex = main is null ? -1 : Array.IndexOf(codes, main);
        var start = 0;
        if (mainIndex >= 0 && random.NextDouble() < 0.8)
        {
            (order[0], order[mainIndex]) = (order[mainIndex], order[0]);
            start = 1;
        }
        for (var i = start; i < count; i++)
        {
            var j = random.Next(i, order.Length);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var split = new Dictionary<string, int>(count, StringComparer.Ordinal);
        var units = 20; // of 5 %
        for (var i = 0; i < count; i++)
        {
            // Each of the others keeps one unit at least; the first (the main kind of client) takes more than half.
            var most = units - (count - 1 - i);
            var share = i == count - 1 ? units : i == 0 ? random.Next(Math.Min(11, most), most + 1) : random.Next(1, most + 1);
            split[codes[order[i]]] = share * 5;
            units -= share;
        }
        return new SurveyAnswer { Split = split };
    }

    /// <summary>A question, read once: its option codes, its exclusive option and the question its condition reads.</summary>
    private sealed class Plan
    {
        public Plan(Question question, int source)
        {
            Question = question;
            Source = source;
            Codes = [.. question.Options.Select(o => o.Code)];
            IsExclusive = [.. question.Options.Select(o => o.Exclusive)];
            ExclusiveCount = IsExclusive.Count(e => e);
            AnyOf = question.ShowWhen is { } when ? [.. when.AnyOf] : [];
        }

        public Question Question { get; }
        public int Source { get; }
        public string[] Codes { get; }
        public bool[] IsExclusive { get; }
        public int ExclusiveCount { get; }
        public string[] AnyOf { get; }

        public bool Has(string code) => Array.IndexOf(Codes, code) >= 0;

        /// <summary>Whether an answer to the condition's question makes this one shown.</summary>
        public bool Holds(SurveyAnswer answer)
        {
            if (answer.Choice is { } choice && Array.IndexOf(AnyOf, choice) >= 0)
            {
                return true;
            }
            foreach (var code in answer.Choices)
            {
                if (Array.IndexOf(AnyOf, code) >= 0)
                {
                    return true;
                }
            }
            return false;
        }

        public string[] Pick(ReadOnlySpan<bool> chosen)
        {
            var count = 0;
            foreach (var c in chosen)
            {
                count += c ? 1 : 0;
            }
            var picked = new string[count];
            for (int i = 0, k = 0; i < chosen.Length; i++)
            {
                if (chosen[i])
                {
                    picked[k++] = Codes[i];
                }
            }
            return picked;
        }
    }
}
