using System.Diagnostics;
using System.Reflection;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Core.Taxonomy;
using CsCheck;

namespace AnnuaireFiliere.Core.Tests.Survey;

/// <summary>The demo's synthetic census answers: valid, deterministic, and consistent with each company's profile.</summary>
[Collection(nameof(SyntheticAnswersTests))]
public sealed class SyntheticAnswersTests
{
    private static readonly TaxonomyCatalog Taxonomy = TaxonomyCatalog.Default;
    private static readonly Questionnaire Questionnaire = QuestionnaireCatalog.Default.Latest("enquete-annuelle")!;
    private static readonly SyntheticAnswers Synthetic = new(Questionnaire, Taxonomy);

    private static readonly string?[] SizeBands = [.. Taxonomy.SizeBands.Select(b => b.Code), null];

    private static readonly Gen<SyntheticProfile> Profiles = Gen.Select(
        Gen.Guid, Gen.OneOf<string>([.. Taxonomy.Sectors.Select(s => s.Code)]), Gen.OneOf<string?>(SizeBands), Gen.Bool, Gen.Bool, Gen.Int[1990, 2026], Gen.Bool,
        (id, sector, band, shop, marketplaces, founded, islands) => new SyntheticProfile(id, sector, band, shop, marketplaces) { FoundingYear = founded, DeliversIslands = islands });

    /// <summary>Many companies of every sector and size band, the same every run.</summary>
    private static List<SyntheticProfile> Many(int count, int seed = 1, Func<int, SyntheticProfile, SyntheticProfile>? change = null)
    {
        var random = new Random(seed);
        var sectors = Taxonomy.Sectors.Select(s => s.Code).ToArray();
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            var profile = new SyntheticProfile(new Guid(bytes), sectors[random.Next(sectors.Length)], SizeBands[random.Next(SizeBands.Length)], random.Next(4) == 0, random.Next(5) == 0);
            return change is null ? profile : change(i, profile);
        })];
    }

    [Fact]
    public void Every_synthetic_answer_set_passes_the_rules_as_complete_and_is_the_same_for_the_same_company_year_and_seed()
    {
        Gen.Select(Profiles, Gen.Int[2020, 2030], Gen.Int[-3, 3]).Sample((profile, year, seed) =>
        {
            var answers = Synthetic.For(profile, year, seed);

            Assert.Empty(SurveyRules.Check(Questionnaire, answers, complete: true));
            // Only shown questions are answered: what is stored is all of it.
            Assert.Equal(answers.Count, SurveyRules.Kept(Questionnaire, answers).Count);
            Assert.DoesNotContain("commentaire", answers.Keys);
            Assert.Equal(SurveyWaves.Write(Questionnaire, answers), SurveyWaves.Write(Questionnaire, Synthetic.For(profile with { }, year, seed)));
        }, iter: 3000);
    }

    [Fact]
    public void Another_year_or_seed_gives_other_answers()
    {
        var profiles = Many(200);
        string All(int year, int seed) => string.Join('\n', profiles.Select(p => SurveyWaves.Write(Questionnaire, Synthetic.For(p, year, seed))));

        Assert.Equal(All(2025, 0), All(2025, 0));
        Assert.NotEqual(All(2025, 0), All(2024, 0));
        Assert.NotEqual(All(2025, 0), All(2025, 1));
    }

    [Fact]
    public void The_headcount_is_within_the_size_band_and_hires_are_a_plausible_share_of_it()
    {
        foreach (var profile in Many(5000))
        {
            var answers = Synthetic.For(profile, 2025);
            var headcount = answers["effectif"].Number!.Value;
            var hires = answers["embauches"].Number!.Value;
            if (Taxonomy.FindSizeBand(profile.SizeBandCode) is { } band)
            {
                // Within the question's bounds too (5,000 at most): a non-employer (no bounds) says 0.
                var max = band.MaxEmployees is { } top ? Math.Min(top, 5000) : band.MinEmployees is null ? 0 : 5000;
                Assert.InRange(headcount, Math.Min(band.MinEmployees ?? 0, 5000), max);
            }
            Assert.InRange(hires, 0, (int)Math.Ceiling(headcount * 0.25));
        }
    }

    private static readonly string[] GrowingSizeBands = ["NN", "01", "03", "12", "22", "41"];

    [Fact]
    public void The_turnover_band_grows_with_the_headcount()
    {
        var bands = Questionnaire.Find("ca-tranche")!.Options.Select(o => o.Code).ToList();
        double MeanBand(string sizeBand) => Many(2000, change: (_, p) => p with { SizeBandCode = sizeBand })
            .Select(p => Synthetic.For(p, 2025)["ca-tranche"].Choice!)
            .Where(code => code != "ne-sait-pas")
            .Average(bands.IndexOf);

        var means = GrowingSizeBands.Select(MeanBand).ToList();

        Assert.Equal(means.Order(), means);
        Assert.True(means[^1] - means[0] > 2.5, string.Join(", ", means));
    }

    [Fact]
    public void A_company_whose_profile_sells_online_says_so_through_its_channels_and_the_others_mostly_do_not()
    {
        var profiles = Many(4000);
        var withFlags = profiles.Where(p => p.OwnShop || p.Marketplaces).Select(p => (Profile: p, Answers: Synthetic.For(p, 2025))).ToList();
        var without = profiles.Where(p => !p.OwnShop && !p.Marketplaces).Select(p => Synthetic.For(p, 2025)).ToList();

        Assert.All(withFlags, pair =>
        {
            Assert.Equal("oui", pair.Answers["vente-en-ligne"].Choice);
            var channels = pair.Answers["canaux"].Choices;
            Assert.Equal(pair.Profile.OwnShop, channels.Contains("site-propre"));
            Assert.Equal(pair.Profile.Marketplaces, channels.Contains("places-de-marche"));
            Assert.InRange(pair.Answers["part-en-ligne"].Number!.Value, 1, 100);
        });
        var sayingNo = (double)without.Count(a => a["vente-en-ligne"].Choice == "non") / without.Count;
        Assert.InRange(sayingNo, 0.88, 0.98);
        Assert.All(without.Where(a => a["vente-en-ligne"].Choice == "non"), a => Assert.False(a.ContainsKey("canaux") || a.ContainsKey("part-en-ligne")));
        Assert.All(without.Where(a => a.ContainsKey("canaux")), a => Assert.DoesNotContain(a["canaux"].Choices, c => c is "site-propre" or "places-de-marche"));
    }

    [Fact]
    public void Technologies_and_training_needs_lean_by_sector_and_some_optional_questions_are_left_empty()
    {
        double Share(string sector, string question, string option)
        {
            var answers = Many(2000, change: (_, p) => p with { SectorCode = sector }).Select(p => Synthetic.For(p, 2025)).Where(a => a.ContainsKey(question)).ToList();
            return (double)answers.Count(a => a[question].Choices.Contains(option)) / answers.Count;
        }

        Assert.True(Share("S04", "formation-besoins", "developpement") > 2 * Share("S07", "formation-besoins", "developpement"));
        Assert.True(Share("S09", "formation-besoins", "marketing") > 2 * Share("S05", "formation-besoins", "marketing"));
        Assert.True(Share("S05", "technologies-usage", "cybersecurite") > 2 * Share("S10", "technologies-usage", "cybersecurite"));

        var all = Many(2000).Select(p => Synthetic.For(p, 2025)).ToList();
        var optional = Questionnaire.Questions.Where(q => !q.Required && q.ShowWhen is null && q.Type != QuestionType.ShortText).ToList();
        Assert.All(optional, q => Assert.InRange((double)all.Count(a => !a.ContainsKey(q.Id)) / all.Count, 0.05, 0.25));
        Assert.All(all, a => Assert.All(a.Values, answer => Assert.Null(answer.Text)));
    }

    [Fact]
    public void Only_a_company_founded_in_the_year_says_it_was_created_in_the_year()
    {
        var founded = Many(300, change: (_, p) => p with { FoundingYear = 2025 }).Select(p => Synthetic.For(p, 2025)["ca-evolution"].Choice);
        var older = Many(300, change: (_, p) => p with { FoundingYear = 2010 }).Select(p => Synthetic.For(p, 2025)["ca-evolution"].Choice);

        Assert.All(founded, choice => Assert.Equal("creation", choice));
        Assert.DoesNotContain("creation", older);
    }

    [Fact]
    public void Another_version_of_the_questionnaire_is_answered_from_its_types_options_and_conditions()
    {
        // A later version could rename, add or change questions: unknown ones are answered from their type.
        LocalText Words(string text) => new(text, text);
        var sections = Questionnaire.Sections.ToList();
        var added = new SurveySection
        {
            Id = "nouveau",
            Title = Words("Nouveau"),
            Questions =
            [
                new Question { Id = "outils", Type = QuestionType.MultipleChoice, Text = Words("Outils"), Required = true,
                    Options = [new("a", Words("A")), new("b", Words("B")), new("aucun", Words("Aucun")) { Exclusive = true }] },
                new Question { Id = "outils-detail", Type = QuestionType.PercentageSplit, Text = Words("Détail"), Required = true,
                    Options = [new("x", Words("X")), new("y", Words("Y")), new("z", Words("Z")), new("w", Words("W"))], ShowWhen = new("outils", ["a", "b"]) },
                new Question { Id = "note", Type = QuestionType.Scale, Text = Words("Note"), Required = true, Min = 0, Max = 10, ScaleEnds = [Words("0"), Words("10")] },
                new Question { Id = "nombre", Type = QuestionType.WholeNumber, Text = Words("Nombre"), Required = true, Min = 5, Max = 7 },
                new Question { Id = "tranche", Type = QuestionType.AmountBand, Text = Words("Tranche"), Required = true, Options = [new("p", Words("P")), new("g", Words("G"))] },
                new Question { Id = "mot", Type = QuestionType.ShortText, Text = Words("Mot"), Required = true, MaxLength = 10 },
                // The headcount asked as a band now: answered generically, not as a number.
                new Question { Id = "effectif", Type = QuestionType.SingleChoice, Text = Words("Effectif"), Required = true, Options = [new("petit", Words("Petit")), new("grand", Words("Grand"))] },
            ],
        };
        var emplois = sections.FindIndex(s => s.Id == "emplois");
        sections[emplois] = sections[emplois] with { Questions = [.. sections[emplois].Questions.Where(q => q.Id != "effectif")] };
        var v2 = Questionnaire with { Version = Questionnaire.Version + 1, Sections = [.. sections, added] };
        Assert.Empty(QuestionnaireCheck.Problems(v2));
        var synthetic = new SyntheticAnswers(v2, Taxonomy);

        Profiles.Sample(profile =>
        {
            var answers = synthetic.For(profile, 2026);
            Assert.Empty(SurveyRules.Check(v2, answers, complete: true));
            Assert.Equal(answers.Count, SurveyRules.Kept(v2, answers).Count);
        }, iter: 1000);
    }

    [Fact]
    public void A_hundred_thousand_answer_sets_take_well_under_a_second()
    {
        var profiles = Many(10_000);
        for (var i = 0; i < 10_000; i++)
        {
            _ = Synthetic.For(profiles[i], 2000); // warm up
        }
        var answered = 0;

        // Processor time (this test runs alone in its process): what other processes of the machine do is left out.
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        for (var i = 0; i < 100_000; i++)
        {
            answered += Synthetic.For(profiles[i % profiles.Count], 2015 + i / profiles.Count).Count;
        }
        process.Refresh();
        var spent = process.TotalProcessorTime - before;

        Assert.True(answered > 1_000_000);
        // A Debug build (no JIT optimisation) takes about twice as long as a Release one.
        var optimised = typeof(SyntheticAnswers).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
        Assert.True(spent < TimeSpan.FromSeconds(optimised ? 1 : 2), $"{spent.TotalMilliseconds:N0} ms of processor time");
    }
}

/// <summary>The speed test measures processor time: nothing else runs in the process meanwhile.</summary>
[CollectionDefinition(nameof(SyntheticAnswersTests), DisableParallelization = true)]
public sealed class SyntheticAnswersRunAlone;
