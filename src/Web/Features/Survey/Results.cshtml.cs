using System.Globalization;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Statistics;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Core.Survey.Results;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Features.KeyFigures;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Survey;

/// <summary>
/// <c>/observatoire/vagues/{id}/resultats</c>: a wave's results for analysts — every figure, the respondents' counts,
/// the weights (calibrated on sector × size band, or on province with <c>?calage=province</c>) and how they came
/// out; the workbook of these figures and the pseudonymised answers (<c>?handler=Microdonnees</c>) for statistical
/// software. Under each heading, the analysts write the indicator's commentary (<see cref="SurveyCommentaries"/>),
/// public once a moderator approves it.
/// </summary>
[Authorize(Policy = Policies.SurveyAnalyst)]
public sealed class ResultsModel(AppDbContext db, SurveyResultsService service, SurveyPublication publication, SurveyCommentaries commentaries,
    IStringLocalizer<SharedResource> text, TimeProvider clock) : PageModel
{
    public const string ProvinceCalibration = "province";

    public PublishedWave Published { get; private set; } = null!;
    public SurveyPublication Publication => publication;
    public Calibration Calibration => CalibrationCode == ProvinceCalibration ? Calibration.Province : Calibration.SectorAndSize;

    [FromQuery(Name = "calage")]
    public string? CalibrationCode { get; set; }

    /// <summary>The wave's commentaries by question id, whatever their state.</summary>
    public IReadOnlyDictionary<string, SurveyCommentary> Commentaries { get; private set; } = new Dictionary<string, SurveyCommentary>();

    /// <summary>The commentary form posted (its text kept when refused).</summary>
    [BindProperty]
    public CommentaryInput Input { get; set; } = new();

    /// <summary>Why <see cref="Input"/>, posted, was refused (its form shows it and why), or <c>null</c>.</summary>
    public CommentarySave? Problem { get; private set; }

    /// <summary>After a save (PRG): how it went (<c>enregistre</c>, <c>supprime</c>, <c>inchange</c>) and for which question.</summary>
    [FromQuery(Name = "commentaire")]
    public string? CommentaryOutcome { get; set; }

    [FromQuery(Name = "question")]
    public string? CommentaryQuestion { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await ReadAsync(id, cancellationToken) is not { } published)
        {
            return NotFound();
        }
        Published = published;
        Commentaries = await commentaries.OfWaveAsync(id, cancellationToken);
        return Page();
    }

    /// <summary>Saves a question's commentary for review; a refused one comes back with the typed text and why.</summary>
    public async Task<IActionResult> OnPostCommentaireAsync(Guid id, CancellationToken cancellationToken)
    {
        var outcome = await commentaries.SaveAsync(id, Input.QuestionId ?? string.Empty, Input.Text, Input.Version, User.ToActor(), cancellationToken);
        if (outcome is CommentarySave.Saved or CommentarySave.Deleted or CommentarySave.Unchanged)
        {
            var code = outcome switch { CommentarySave.Saved => "enregistre", CommentarySave.Deleted => "supprime", _ => "inchange" };
            return RedirectToPage(null, null, new { id, calage = CalibrationCode, commentaire = code, question = Input.QuestionId }, "question-" + Input.QuestionId);
        }
        if (outcome == CommentarySave.NotFound || await OnGetAsync(id, cancellationToken) is not PageResult page)
        {
            return NotFound();
        }
        Problem = outcome;
        ModelState.AddModelError(string.Empty, text[$"Commentary.Error.{outcome}", SurveyCommentary.MarkdownMaxLength]);
        if (outcome == CommentarySave.Stale)
        {
            // The next save is made knowing the text saved meanwhile (shown with the message): it may replace it.
            Input.Version = Commentaries.GetValueOrDefault(Input.QuestionId!)?.Version ?? 0;
        }
        return page;
    }

    public async Task<IActionResult> OnGetXlsxAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await ReadAsync(id, cancellationToken) is not { Current.State: ResultsState.Ready } published)
        {
            return NotFound();
        }
        var file = KeyFiguresModel.Workbook(publication, published.Current, text, CultureInfo.CurrentUICulture);
        return File(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"resultats-{KeyFiguresModel.Slug(published.Current.Wave)}.xlsx");
    }

    /// <summary>
    /// The submitted answers, a line per company under a key drawn at random for this file (not the company's id: two
    /// downloads cannot be matched), its groups and weight, a column per question or option; no names, no free text.
    /// </summary>
    public async Task<IActionResult> OnGetMicrodonneesAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.SurveyWaves.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken) is not { } wave)
        {
            return NotFound();
        }
        var file = await Microdata.WriteAsync(db, service, wave, Calibration, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return file is null ? NotFound() : File(file, "text/csv; charset=utf-8", $"microdonnees-{KeyFiguresModel.Slug(wave)}.csv");
    }

    private async Task<PublishedWave?> ReadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.SurveyWaves.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken) is not { } wave)
        {
            return null;
        }
        // Not cached: the wave may still be open, and analysts want what is there now.
        return await publication.WithPreviousAsync(wave, w => service.ComputeAsync(w, StatisticsAudience.Analyst, Calibration, cancellationToken), cancellationToken);
    }
}

/// <summary>What the commentary form of a question posts.</summary>
public sealed class CommentaryInput
{
    public string? QuestionId { get; set; }

    public string? Text { get; set; }

    /// <summary>The version read (0: there was no commentary).</summary>
    public int Version { get; set; }
}
