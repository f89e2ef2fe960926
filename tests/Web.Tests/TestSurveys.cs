using AnnuaireFiliere.Core.Survey;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>The census waves tests need, each made by the test that needs it.</summary>
internal static class TestSurveys
{
    /// <summary>A wave of the annual questionnaire, open since yesterday for 10 days more, asking one company.</summary>
    public static async Task<SurveyWave> OpenWaveAsync(DirectoryWebFactory factory, Guid company, string title, int daysLeft = 10)
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
            db.SurveyWaveMembers.Add(new SurveyWaveMember { WaveId = wave.Id, CompanyId = company });
            return db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        return wave;
    }
}
