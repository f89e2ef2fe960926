using System.Globalization;
using System.Security.Cryptography;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Core.Survey.Results;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.Survey;

/// <summary>
/// A closed wave's submitted answers for statistical software (docs/adr/0030): a line per company under a key drawn
/// at random for this file, the groups its weight was calibrated on and that weight, then a column per question (a
/// column per option for multiple choices and splits). No name, no identifier, no free text; the companies withdrawn
/// from the directory (archived) count in the aggregates but are not written here.
/// </summary>
public static class Microdata
{
    public static async Task<byte[]?> WriteAsync(AppDbContext db, SurveyResultsService service, SurveyWave wave, Calibration calibration, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(wave);
        var questionnaire = QuestionnaireCatalog.Default.Find(wave.QuestionnaireId, wave.QuestionnaireVersion);
        if (questionnaire is null || now < wave.ClosesAt)
        {
            return null;
        }
        var population = await service.PopulationAsync(wave.Id, cancellationToken);
        var responses = await db.SurveyResponses.AsNoTracking()
            .Where(r => r.WaveId == wave.Id && r.Status == SurveyResponseStatus.Submitted)
            .Join(db.Companies, r => r.CompanyId, c => c.Id, (r, c) => new { r.CompanyId, r.Answers, Withdrawn = c.Status == PublicationStatus.Archived })
            .ToListAsync(cancellationToken);
        var units = population.ToDictionary(u => u.CompanyId);
        var respondents = responses.Where(r => units.ContainsKey(r.CompanyId)).ToList();
        var (weights, _) = Raking.Weigh(population, [.. respondents.Select(r => units[r.CompanyId])], calibration);
        var questions = questionnaire.Questions.Where(q => q.Type != QuestionType.ShortText).ToList();
        var header = new List<string> { "cle", "secteur", "taille", "province", "poids" };
        foreach (var question in questions)
        {
            header.AddRange(question.Type is QuestionType.MultipleChoice or QuestionType.PercentageSplit
                ? question.Options.Select(o => $"{question.Id}.{o.Code}")
                : [question.Id]);
        }
        var lines = new List<(string Key, string?[] Fields)>();
        for (var i = 0; i < respondents.Count; i++)
        {
            if (respondents[i].Withdrawn)
            {
                continue;
            }
            var unit = units[respondents[i].CompanyId];
            var answers = SurveyWaves.Read(new SurveyResponse { Answers = respondents[i].Answers });
            var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
            var fields = new List<string?> { key, unit.Sector, unit.SizeBand, unit.Province, weights[i].ToString("0.######", CultureInfo.InvariantCulture) };
            foreach (var question in questions)
            {
                var answer = answers.GetValueOrDefault(question.Id);
                fields.AddRange(question.Type switch
                {
                    QuestionType.MultipleChoice => question.Options.Select(o => answer is null ? null : answer.Choices.Contains(o.Code) ? "1" : "0"),
                    QuestionType.PercentageSplit => question.Options.Select(o => answer is null ? null : answer.Split.GetValueOrDefault(o.Code).ToString(CultureInfo.InvariantCulture)),
                    QuestionType.WholeNumber or QuestionType.Scale => [answer?.Number?.ToString(CultureInfo.InvariantCulture)],
                    _ => [answer?.Choice],
                });
            }
            lines.Add((key, [.. fields]));
        }
        // In the order of the random keys: the order of the lines says nothing either.
        return CsvFile.Write([header, .. lines.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => (IEnumerable<string?>)l.Fields)], excel: false);
    }
}
