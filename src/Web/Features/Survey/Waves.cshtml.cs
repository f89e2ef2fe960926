using System.Globalization;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.Survey;

/// <summary>
/// <c>/observatoire/vagues</c>: the census waves (analysts and administrators only): each with its response rate, and
/// a form to open a new one (title, questionnaire version, dates in Nouméa time, sectors, provinces, reminder days).
/// </summary>
[Authorize(Policy = Policies.SurveyAnalyst)]
public sealed class WavesModel(AppDbContext db, SurveyWaves waves, QuestionnaireCatalog questionnaires, TaxonomyCatalog taxonomy) : PageModel
{
    /// <summary>New Caledonia has no daylight saving time: UTC+11 all year.</summary>
    public static readonly TimeSpan Noumea = TimeSpan.FromHours(11);

    public sealed record WaveRow(SurveyWave Wave, long Population, long Submitted);

    public IReadOnlyList<WaveRow> Waves { get; private set; } = [];

    public IReadOnlyList<Questionnaire> Questionnaires => questionnaires.All;

    public TaxonomyCatalog Taxonomy => taxonomy;

    [BindProperty]
    public WaveInput Input { get; set; } = new();

    public WaveProblem? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (id, version) = Split(Input.Questionnaire);
        var opens = ParseDay(Input.Opens);
        var closes = ParseDay(Input.Closes);
        if (opens is null || closes is null)
        {
            Problem = WaveProblem.DatesInWrongOrder;
            await LoadAsync(cancellationToken);
            return Page();
        }
        var reminders = (Input.Reminders ?? string.Empty).Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Select(d => int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var day) ? day : 0).ToList();
        var (wave, problem) = await waves.CreateAsync(new WaveDraft(Input.Title, id, version, opens.Value, closes.Value.AddDays(1),
            [.. Input.Sectors.Where(s => !string.IsNullOrEmpty(s))], [.. Input.Provinces.Where(p => !string.IsNullOrEmpty(p))], reminders), User.DirectoryUserId(), cancellationToken);
        if (wave is null)
        {
            Problem = problem;
            await LoadAsync(cancellationToken);
            return Page();
        }
        return RedirectToPage("/Survey/Wave", new { id = wave.Id });
    }

    /// <summary>A day typed as yyyy-MM-dd, taken at midnight in Nouméa, as UTC.</summary>
    private static DateTime? ParseDay(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - Noumea
            : null;

    private static (string Id, int? Version) Split(string? key)
    {
        var parts = (key ?? string.Empty).Split('@');
        return (parts[0], parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var all = await db.SurveyWaves.AsNoTracking().OrderByDescending(w => w.OpensAt).ToListAsync(cancellationToken);
        var population = await db.SurveyWaveMembers.AsNoTracking().GroupBy(m => m.WaveId).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var submitted = await db.SurveyResponses.AsNoTracking().Where(r => r.Status == SurveyResponseStatus.Submitted)
            .GroupBy(r => r.WaveId).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Waves = [.. all.Select(w => new WaveRow(w, population.GetValueOrDefault(w.Id), submitted.GetValueOrDefault(w.Id)))];
        Input.Questionnaire ??= questionnaires.All.Count == 0 ? null : questionnaires.All[^1].Key;
    }
}

public sealed class WaveInput
{
    public string? Title { get; set; }
    public string? Questionnaire { get; set; }

    /// <summary>First and last day of answers (yyyy-MM-dd, Nouméa): the wave closes at the end of the last day.</summary>
    public string? Opens { get; set; }
    public string? Closes { get; set; }
    public List<string> Sectors { get; set; } = [];
    public List<string> Provinces { get; set; } = [];

    /// <summary>Days after opening, separated by spaces or commas ("7 21").</summary>
    public string? Reminders { get; set; } = "7 21";
}
