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
/// software.
/// </summary>
[Authorize(Policy = Policies.SurveyAnalyst)]
public sealed class ResultsModel(AppDbContext db, SurveyResultsService service, SurveyPublication publication, IStringLocalizer<SharedResource> text, TimeProvider clock) : PageModel
{
    public const string ProvinceCalibration = "province";

    public PublishedWave Published { get; private set; } = null!;
    public SurveyPublication Publication => publication;
    public Calibration Calibration => CalibrationCode == ProvinceCalibration ? Calibration.Province : Calibration.SectorAndSize;

    [FromQuery(Name = "calage")]
    public string? CalibrationCode { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await ReadAsync(id, cancellationToken) is not { } published)
        {
            return NotFound();
        }
        Published = published;
        return Page();
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
        var current = await service.ComputeAsync(wave, StatisticsAudience.Analyst, Calibration, cancellationToken);
        var previousWave = await service.PreviousAsync(wave, cancellationToken);
        var previous = previousWave is null ? null : await service.ComputeAsync(previousWave, StatisticsAudience.Analyst, Calibration, cancellationToken);
        return new PublishedWave(current, previous?.State == ResultsState.Ready ? previous : null);
    }
}
