using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AnnuaireFiliere.Core.Survey;

namespace AnnuaireFiliere.Core.Tests.Survey;

/// <summary>The census questionnaires as versioned data: what ships, what a definition must hold, and how answers are checked.</summary>
public sealed class QuestionnaireTests
{
    private static Questionnaire Annual => QuestionnaireCatalog.Default.Latest("enquete-annuelle")!;

    private static Dictionary<string, SurveyAnswer> Answers(params (string Question, SurveyAnswer Answer)[] answers) =>
        answers.ToDictionary(a => a.Question, a => a.Answer, StringComparer.Ordinal);

    [Fact]
    public void The_annual_survey_has_the_modules_the_observatory_asked_for_in_french_and_english()
    {
        var questionnaire = QuestionnaireCatalog.Default.Find("enquete-annuelle", 1)!;

        Assert.Equal(["activite", "emplois", "chiffre-affaires", "formation", "technologies", "ecommerce", "commentaire"], questionnaire.Sections.Select(s => s.Id));
        Assert.Equal(Enum.GetValues<QuestionType>().Order(), questionnaire.Questions.Select(q => q.Type).Distinct().Order());
        Assert.Contains(questionnaire.Questions, q => q.ShowWhen is not null);
        Assert.Equal("Annual survey of the digital sector", questionnaire.Title.In(CultureInfo.GetCultureInfo("en")));
        Assert.Empty(QuestionnaireCheck.Problems(questionnaire));
    }

    [Fact]
    public void A_published_version_is_never_changed_a_change_is_a_new_version()
    {
        // published.sha256 lists every version that waves may use; editing one of those files would change what earlier
        // waves asked. Add a file with the next version instead, and its line here.
        var files = QuestionnaireCatalog.EmbeddedFiles().ToDictionary(f => f.File, f => f.Content, StringComparer.Ordinal);
        var published = Encoding.UTF8.GetString(files["published.sha256"]).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split("  ")).ToDictionary(p => p[1].Trim(), p => p[0], StringComparer.Ordinal);

        foreach (var (file, content) in files.Where(f => f.Key.EndsWith(".json", StringComparison.Ordinal)))
        {
            Assert.True(published.TryGetValue(file, out var hash), $"{file} is not in published.sha256: add its line when it is final");
            Assert.True(hash == Convert.ToHexStringLower(SHA256.HashData(content)), $"{file} changed after it was published: make a new version instead");
        }
        Assert.Equal(published.Keys.Order(StringComparer.Ordinal), files.Keys.Where(f => f.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{"id":"q","version":1,"title":{"fr":"T","en":"T"},"sections":[{"id":"s","title":{"fr":"S","en":"S"},"questions":[{"id":"a","type":"SingleChoice","text":{"fr":"A","en":"A"},"options":[{"code":"x","label":{"fr":"X","en":"X"}}]}]}]}""", "needs two options")]
    [InlineData("""{"id":"q","version":1,"title":{"fr":"T","en":"T"},"sections":[{"id":"s","title":{"fr":"S","en":"S"},"questions":[{"id":"a","type":"WholeNumber","text":{"fr":"A","en":"A"},"min":5,"max":5}]}]}""", "minimum below its maximum")]
    [InlineData("""{"id":"q","version":1,"title":{"fr":"T","en":""},"sections":[{"id":"s","title":{"fr":"S","en":"S"},"questions":[{"id":"a","type":"ShortText","text":{"fr":"A","en":"A"}}]}]}""", "French and English")]
    [InlineData("""{"id":"q","version":1,"title":{"fr":"T","en":"T"},"sections":[{"id":"s","title":{"fr":"S","en":"S"},"questions":[{"id":"b","type":"ShortText","text":{"fr":"B","en":"B"},"showWhen":{"question":"a","anyOf":["x"]}},{"id":"a","type":"ShortText","text":{"fr":"A","en":"A"}}]}]}""", "not an earlier question")]
    [InlineData("""{"id":"q","version":1,"title":{"fr":"T","en":"T"},"sections":[{"id":"s","title":{"fr":"S","en":"S"},"questions":[{"id":"a","type":"ShortText","text":{"fr":"A","en":"A"}},{"id":"a","type":"ShortText","text":{"fr":"A","en":"A"}}]}]}""", "repeated id")]
    public void A_questionnaire_that_cannot_be_answered_is_refused_when_read(string json, string problem)
    {
        var questionnaire = QuestionnaireCatalog.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        var refused = Assert.Throws<InvalidDataException>(() => new QuestionnaireCatalog([questionnaire]));
        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_question_shown_after_an_answer_is_asked_only_then_and_its_answer_dropped_when_that_answer_changes()
    {
        var channels = Annual.Find("canaux")!;
        var selling = Answers(("vente-en-ligne", new SurveyAnswer { Choice = "oui" }), ("canaux", new SurveyAnswer { Choices = ["site-propre"] }));
        Assert.True(SurveyRules.IsShown(Annual, channels, selling));
        Assert.Contains("canaux", SurveyRules.Kept(Annual, selling).Keys);

        var notSelling = Answers(("vente-en-ligne", new SurveyAnswer { Choice = "non" }), ("canaux", new SurveyAnswer { Choices = ["site-propre"] }));
        Assert.False(SurveyRules.IsShown(Annual, channels, notSelling));
        Assert.DoesNotContain("canaux", SurveyRules.Kept(Annual, notSelling).Keys);
        // Hidden, a required question is not required.
        Assert.DoesNotContain(SurveyRules.Check(Annual, notSelling, complete: true), i => i.Question == "canaux");
        Assert.Contains(SurveyRules.Check(Annual, Answers(("vente-en-ligne", new SurveyAnswer { Choice = "oui" })), complete: true),
            i => i.Question == "canaux" && i.Problem == SurveyProblem.Required);
    }

    [Theory]
    [InlineData("effectif", SurveyProblem.OutOfRange)]
    [InlineData("clients-types", SurveyProblem.SplitNotHundred)]
    [InlineData("ca-tranche", SurveyProblem.UnknownOption)]
    [InlineData("obstacles", SurveyProblem.ExclusiveWithOthers)]
    [InlineData("commentaire", SurveyProblem.TooLong)]
    [InlineData("perspectives", SurveyProblem.OutOfRange)]
    public void Each_type_refuses_what_does_not_fit_it_with_a_french_message(string question, SurveyProblem expected)
    {
        SurveyAnswer wrong = question switch
        {
            "effectif" => new() { Number = -1 },
            "clients-types" => new() { Split = new Dictionary<string, int> { ["public"] = 50, ["entreprises"] = 30 } },
            "ca-tranche" => new() { Choice = "un-milliard" },
            "obstacles" => new() { Choices = ["aucun", "temps"] },
            "commentaire" => new() { Text = new string('a', 301) },
            _ => new() { Number = 6 },
        };

        var issue = Assert.Single(SurveyRules.Check(Annual, Answers((question, wrong)), complete: false));

        Assert.Equal((question, expected), (issue.Question, issue.Problem));
        var message = SurveyRules.Message(issue.Problem, Annual.Find(question)!, CultureInfo.GetCultureInfo("fr"));
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.DoesNotContain(nameof(SurveyProblem), message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_draft_may_be_incomplete_a_complete_response_answers_every_required_question_shown()
    {
        Assert.Empty(SurveyRules.Check(Annual, Answers(("effectif", new SurveyAnswer { Number = 4 })), complete: false));

        var complete = Answers(
            ("clients-types", new SurveyAnswer { Split = new Dictionary<string, int> { ["entreprises"] = 70, ["particuliers"] = 30 } }),
            ("clients-hors-nc", new SurveyAnswer { Choice = "non" }),
            ("effectif", new SurveyAnswer { Number = 4 }),
            ("embauches", new SurveyAnswer { Number = 1 }),
            ("recrutement-difficultes", new SurveyAnswer { Choice = "non" }),
            ("ca-tranche", new SurveyAnswer { Choice = "10-50m" }),
            ("ca-evolution", new SurveyAnswer { Choice = "hausse" }),
            ("perspectives", new SurveyAnswer { Number = 4 }),
            ("connexion-qualite", new SurveyAnswer { Number = 3 }),
            ("vente-en-ligne", new SurveyAnswer { Choice = "non" }));
        Assert.Empty(SurveyRules.Check(Annual, complete, complete: true));
        complete.Remove("effectif");
        Assert.Equal([new SurveyIssue("effectif", SurveyProblem.Required)], SurveyRules.Check(Annual, complete, complete: true));
    }
}
