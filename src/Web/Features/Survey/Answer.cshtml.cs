using System.Globalization;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.Survey;

/// <summary>
/// <c>/mon-espace/entreprises/{id}/enquete/{vague}</c>: a company's owners answer a census wave — saved as a draft,
/// resumed, sent, changed until the wave closes. Form fields are <c>r.{question}</c> (and <c>r.{question}.{option}</c>
/// for a percentage split); what was typed is shown again with the messages when something is refused.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class AnswerModel(AppDbContext db, SurveyWaves waves, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    public const string Prefix = "r.";

    public Company Company { get; private set; } = null!;
    public SurveyWave Wave { get; private set; } = null!;
    public Questionnaire Questionnaire { get; private set; } = null!;
    public SurveyResponse? Stored { get; private set; }

    /// <summary>The values shown in the form: what is stored, or what was just posted.</summary>
    public IReadOnlyDictionary<string, SurveyAnswer> Answers { get; private set; } = new Dictionary<string, SurveyAnswer>();

    /// <summary>Typed text that is not a number, shown again as typed (question id → text).</summary>
    public Dictionary<string, string> Raw { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<SurveyIssue> Issues { get; private set; } = [];

    /// <summary>A refusal that is not about one answer: closed, stale, another questionnaire version.</summary>
    public SaveOutcome? Refused { get; private set; }

    public bool IsOpen => Wave.IsOpen(clock.GetUtcNow().UtcDateTime);

    /// <summary>The wave is not open yet (by the site's clock, as <see cref="IsOpen"/>).</summary>
    public bool NotYetOpen => clock.GetUtcNow().UtcDateTime < Wave.OpensAt;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid vague, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, vague, cancellationToken) is { } refused)
        {
            return refused;
        }
        Answers = SurveyWaves.Read(Stored);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid vague, string? action, int? version, string? questionnaire, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, vague, cancellationToken) is { } refused)
        {
            return refused;
        }
        Answers = ReadForm();
        var submit = action == "envoyer";
        var outcome = await waves.SaveAsync(Wave.Id, Company.Id, questionnaire ?? string.Empty, Answers, submit, version, User.DirectoryUserId(), cancellationToken);
        switch (outcome.Result)
        {
            case SaveResult.Saved or SaveResult.Submitted:
                return RedirectToPage(new { id, vague, fait = outcome.Result == SaveResult.Submitted ? "envoye" : "enregistre" });
            case SaveResult.Invalid:
                Issues = outcome.Issues!;
                break;
            case SaveResult.NotFound or SaveResult.NotInPopulation:
                return NotFound();
            default:
                Refused = outcome;
                Stored = await waves.ResponseAsync(Wave.Id, Company.Id, cancellationToken);
                break;
        }
        Stored ??= await waves.ResponseAsync(Wave.Id, Company.Id, cancellationToken);
        return Page();
    }

    /// <summary>The message of a question's problem, in the reader's language, or null.</summary>
    public string? MessageOf(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return Issues.FirstOrDefault(i => i.Question == question.Id) is { } issue
            ? SurveyRules.Message(issue.Problem, question, CultureInfo.CurrentUICulture)
            : null;
    }

    private Dictionary<string, SurveyAnswer> ReadForm()
    {
        var form = Request.Form;
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
                QuestionType.PercentageSplit => Split(question),
                _ => new() { Text = values.FirstOrDefault() },
            };
            if (!answer.IsEmpty || Raw.ContainsKey(question.Id))
            {
                answers[question.Id] = answer;
            }
        }
        return answers;
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

    private SurveyAnswer Split(Question question)
    {
        var parts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var option in question.Options)
        {
            var text = Request.Form[$"{Prefix}{question.Id}.{option.Code}"].ToString().Trim();
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

    private async Task<IActionResult?> LoadAsync(Guid id, Guid waveId, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, id, CompanyOperation.AnswerSurvey)).Succeeded)
        {
            return Forbid();
        }
        var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        var wave = await db.SurveyWaves.AsNoTracking().SingleOrDefaultAsync(w => w.Id == waveId, cancellationToken);
        if (company is null || wave is null || !await db.SurveyWaveMembers.AnyAsync(m => m.WaveId == waveId && m.CompanyId == id, cancellationToken))
        {
            return NotFound();
        }
        (Company, Wave, Questionnaire) = (company, wave, waves.QuestionnaireOf(wave));
        Stored = await waves.ResponseAsync(wave.Id, company.Id, cancellationToken);
        return null;
    }
}
