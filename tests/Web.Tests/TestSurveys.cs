using AnnuaireFiliere.Core.Survey;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>The census waves tests need, each made by the test that needs it.</summary>
internal static class TestSurveys
{
    /// <summary>A wave of the annual questionnaire, open since yesterday for 10 days more, asking one company.</summary>
    public static Task<SurveyWave> OpenWaveAsync(DirectoryWebFactory factory, Guid company, string title, int daysLeft = 10) =>
        OpenWaveAsync(factory, [company], title, daysLeft);

    /// <summary>A wave of the annual questionnaire, open since yesterday for 10 days more, asking these companies.</summary>
    public static async Task<SurveyWave> OpenWaveAsync(DirectoryWebFactory factory, IReadOnlyList<Guid> companies, string title, int daysLeft = 10)
    {
        var now = DateTime.UtcNow;
        var wave = new SurveyWave
        {
            Id = Guid.CreateVersion7(), Title = title, QuestionnaireId = "enquete-annuelle", QuestionnaireVersion = 1,
            OpensAt = now.AddDays(-1), ClosesAt = now.AddDays(daysLeft), CreatedAt = now,
        };
        await factory.WithDatabaseAsync(db =>
        {
            db.SurveyWaves.Add(wave);
            db.SurveyWaveMembers.AddRange(companies.Select(company => new SurveyWaveMember { WaveId = wave.Id, CompanyId = company }));
            return db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        return wave;
    }

    /// <summary>Complete answers to the annual questionnaire as the form posts them (selling online, so its follow-up questions too).</summary>
    public static readonly (string, string)[] CompleteAnswers =
    [
        ("r.clients-types.entreprises", "60"), ("r.clients-types.particuliers", "40"), ("r.clients-hors-nc", "non"), ("r.effectif", "4"), ("r.embauches", "1"),
        ("r.recrutement-difficultes", "non"), ("r.ca-tranche", "10-50m"), ("r.ca-evolution", "hausse"), ("r.perspectives", "4"), ("r.connexion-qualite", "3"),
        ("r.vente-en-ligne", "oui"), ("r.canaux", "site-propre"), ("r.canaux", "reseaux-sociaux"), ("r.paiement", "carte"), ("r.livraison-iles", "oui"), ("r.part-en-ligne", "15"),
    ];
}
