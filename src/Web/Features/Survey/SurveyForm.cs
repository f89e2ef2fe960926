using System.Globalization;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Survey;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.Survey;

/// <summary>
/// A census questionnaire as a form, shared by the owners' page in Mon espace and the signed link's page
/// (<c>_SurveyForm.cshtml</c>): what it shows (the stored answers, or what was just posted with its messages), and
/// the reading and saving of a post. Form fields are <c>r.{question}</c> (and <c>r.{question}.{option}</c> for a
/// percentage split); what was typed is shown again with the messages when something is refused.
/// </summary>
public sealed class SurveyForm(Company company, SurveyWave wave, Questionnaire questionnaire, SurveyResponse? stored, DateTime now, string action)
{
    public const string Prefix = "r.";

    public Company Company { get; } = company;
    public SurveyWave Wave { get; } = wave;
    public Questionnaire Questionnaire { get; } = questionnaire;
    public SurveyResponse? Stored { get; private set; } = stored;

    /// <summary>Where the form posts.</summary>
    public string Action { get; } = action;

    /// <summary>The values shown in the form: what is stored, or what was just posted.</summary>
    public IReadOnlyDictionary<string, SurveyAnswer> Answers { get; private set; } = SurveyWaves.Read(stored);

    /// <summary>Typed text that is not a number, shown again as typed (question id → text).</summary>
    public Dictionary<string, string> Raw { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<SurveyIssue> Issues { get; private set; } = [];

    /// <summary>A refusal that is not about one answer: closed, stale, another questionnaire version.</summary>
    public SaveOutcome? Refused { get; private set; }

    /// <summary>A message above the form that is not about the answers (too many posts).</summary>
    public string? Notice { get; set; }

    public bool IsOpen => Wave.IsOpen(now);

    /// <summary>The wave is not open yet (by the site's clock, as <see cref="IsOpen"/>).</summary>
    public bool NotYetOpen => now < Wave.OpensAt;

    /// <summary>The form of a company for a wave, posting to <paramref name="action"/>; null when either is unknown or the company is not in the wave's population.</summary>
    public static async Task<SurveyForm?> OpenAsync(AppDbContext db, SurveyWaves waves, Guid companyId, Guid waveId, DateTime now, string action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(waves);
        var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == companyId, cancellationToken);
        var wave = await db.SurveyWaves.AsNoTracking().SingleOrDefaultAsync(w => w.Id == waveId, cancellationToken);
        if (company is null || wave is null || !await db.SurveyWaveMembers.AnyAsync(m => m.WaveId == waveId && m.CompanyId == companyId, cancellationToken))
        {
            return null;
        }
        return new SurveyForm(company, wave, waves.QuestionnaireOf(wave), await waves.ResponseAsync(wave.Id, company.Id, cancellationToken), now, action);
    }

    /// <summary>The message of a question's problem, in the reader's language, or null.</summary>
    public string? MessageOf(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return Issues.FirstOrDefault(i => i.Question == question.Id) is { } issue
            ? SurveyRules.Message(issue.Problem, question, CultureInfo.CurrentUICulture)
            : null;
    }

    /// <summary>Reads the posted answers (shown again whatever happens next).</summary>
    public void Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var answers = new Dictionary<string, SurveyAnswer>(StringComparer.Ordinal);
        foreach (var question in Questionnaire.Questions)
        {
            var name = Prefix + question.Id;
            var values = form[name].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
            SurveyAnswer answer = question.Type switch
            {
                QuestionType.SingleChoice or QuestionType.AmountBand => new() { Choice = values.FirstOrDefault() },
                QuestionType.MultipleChoice => new() { Choices = [.. values.Distinct(StringComparer.Ordinal)] },
                QuestionType.WholeNumber or QuestionType.Scale => Number(question.Id, values.FirstOrDefault()),
                QuestionType.PercentageSplit => Split(question, form),
                _ => new() { Text = values.FirstOrDefault() },
            };
            if (!answer.IsEmpty || Raw.ContainsKey(question.Id))
            {
                answers[question.Id] = answer;
            }
        }
        Answers = answers;
    }

    /// <summary>
    /// Reads and saves a post (<c>action=envoyer</c> sends, else a draft) as <paramref name="actor"/> (null: the
    /// signed link). On a refusal the form shows why, with what was typed.
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(SurveyWaves waves, IFormCollection form, Guid? actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(waves);
        ArgumentNullException.ThrowIfNull(form);
        Read(form);
        var version = int.TryParse(form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var read) ? read : (int?)null;
        var outcome = await waves.SaveAsync(Wave.Id, Company.Id, form["questionnaire"].ToString(), Answers, form["action"] == "envoyer", version, actor, cancellationToken);
        switch (outcome.Result)
        {
            case SaveResult.Saved or SaveResult.Submitted or SaveResult.NotFound or SaveResult.NotInPopulation:
                return outcome;
            case SaveResult.Invalid:
                Issues = outcome.Issues!;
                break;
            default:
                Refused = outcome;
                Stored = await waves.ResponseAsync(Wave.Id, Company.Id, cancellationToken);
                break;
        }
        return outcome;
    }

    private SurveyAnswer Number(string question, string? text)
    {
        if (text is null)
        {
            return new();
        }
        if (int.TryParse(text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u202f", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return new() { Number = number };
        }
        // Not a number: kept as typed, refused with the range (an out-of-range number gets the same message).
        Raw[question] = text;
        return new() { Number = int.MinValue };
    }

    private SurveyAnswer Split(Question question, IFormCollection form)
    {
        var parts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var option in question.Options)
        {
            var text = form[$"{Prefix}{question.Id}.{option.Code}"].ToString().Trim();
            if (text.Length == 0)
            {
                continue;
            }
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var part))
            {
                parts[option.Code] = part;
            }
            else
            {
                Raw[$"{question.Id}.{option.Code}"] = text;
                parts[option.Code] = -1;
            }
        }
        return new() { Split = parts };
    }
}
