using AnnuaireFiliere.Core.Survey;

namespace AnnuaireFiliere.Core.Tests.Survey;

/// <summary>How answers are stored: only the fields an answer uses, and answers stored the older way still read.</summary>
public sealed class SurveyAnswerJsonTests
{
    private static Questionnaire Questionnaire => QuestionnaireCatalog.Default.Latest("enquete-annuelle")!;

    private static SurveyResponse Stored(string json) => new() { Answers = json };

    [Fact]
    public void An_answer_is_stored_with_only_the_fields_it_uses()
    {
        var answers = new Dictionary<string, SurveyAnswer>(StringComparer.Ordinal)
        {
            ["effectif"] = new() { Number = 3 },
            ["ca-tranche"] = new() { Choice = "10-50m" },
            ["technologies-usage"] = new() { Choices = ["cloud", "ia"] },
            ["clients-types"] = new() { Split = new Dictionary<string, int> { ["entreprises"] = 100 } },
        };

        var json = SurveyWaves.Write(Questionnaire, answers);

        Assert.Equal("""{"clients-types":{"split":{"entreprises":100}},"effectif":{"number":3},"ca-tranche":{"choice":"10-50m"},"technologies-usage":{"choices":["cloud","ia"]}}""", json);
    }

    [Fact]
    public void Answers_stored_with_their_computed_and_empty_fields_read_the_same()
    {
        // As SurveyWaves wrote them before empty fields were left out.
        const string older = """
            {"effectif":{"choice":null,"choices":[],"number":3,"split":{},"text":null,"isEmpty":false,"options":[]},
             "technologies-usage":{"choice":null,"choices":["cloud","ia"],"number":null,"split":{},"text":null,"isEmpty":false,"options":["cloud","ia"]},
             "clients-types":{"choice":null,"choices":[],"number":null,"split":{"entreprises":60,"public":40},"text":null,"isEmpty":false,"options":[]}}
            """;

        var read = SurveyWaves.Read(Stored(older));
        var again = SurveyWaves.Read(Stored(SurveyWaves.Write(Questionnaire, read)));

        Assert.Equal(3, read["effectif"].Number);
        Assert.Empty(read["effectif"].Choices);
        Assert.Equal(["cloud", "ia"], read["technologies-usage"].Choices);
        Assert.Equal(40, read["clients-types"].Split["public"]);
        foreach (var (question, answer) in read)
        {
            Assert.Equal((answer.Choice, answer.Number, answer.Text), (again[question].Choice, again[question].Number, again[question].Text));
            Assert.Equal(answer.Choices, again[question].Choices);
            Assert.Equal(answer.Split.OrderBy(p => p.Key), again[question].Split.OrderBy(p => p.Key));
            Assert.Empty(SurveyRules.Check(Questionnaire, again, complete: false));
        }
    }

    [Fact]
    public void A_synthetic_answer_set_is_stored_without_computed_or_empty_fields_and_reads_back_the_same()
    {
        var synthetic = new SyntheticAnswers(Questionnaire, Taxonomy.TaxonomyCatalog.Default);
        var profile = new SyntheticProfile(Guid.Parse("0190a3c2-8e1f-7b3d-9a4e-5f6a7b8c9d0e"), "S06", "02", OwnShop: true, Marketplaces: true);
        var answers = synthetic.For(profile, 2025);

        var json = SurveyWaves.Write(Questionnaire, answers);
        var back = SurveyWaves.Read(Stored(json));

        foreach (var field in new[] { "isEmpty", "options", "[]", "{}", "null" })
        {
            Assert.DoesNotContain(field, json, StringComparison.Ordinal);
        }
        Assert.Equal(answers.Keys.Order(StringComparer.Ordinal), back.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(json, SurveyWaves.Write(Questionnaire, back));
        Assert.InRange(json.Length, 200, 1000); // each answer holds its own field only
    }
}
