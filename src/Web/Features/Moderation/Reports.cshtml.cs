using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Moderation;
using AnnuaireFiliere.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.Moderation;

/// <summary>
/// <c>/moderation/signalements</c>: the error reports visitors sent from profile pages ("Signaler une erreur"),
/// oldest open first, for moderators to mark as fixed or dismissed.
/// </summary>
[Authorize(Policy = Policies.Moderator)]
public sealed class ReportsModel(AppDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>Reports shown at once (the oldest open ones first).</summary>
    public const int PageSize = 50;

    public sealed record OpenReport(Guid Id, string CompanyName, string CompanySlug, string Message, string? ReporterEmail, string Language, DateTime CreatedAt);

    public IReadOnlyList<OpenReport> Reports { get; private set; } = [];

    public int OpenCount { get; private set; }

    /// <summary>What the last action did (<c>traite</c>, <c>deja-traite</c>), for the notice.</summary>
    [FromQuery(Name = "resultat")]
    public string? Outcome { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var open = db.ErrorReports.AsNoTracking().Where(r => r.Status == ErrorReportStatus.Open);
        OpenCount = await open.CountAsync(cancellationToken);
        Reports = await open
            .OrderBy(r => r.CreatedAt)
            .Take(PageSize)
            .Join(db.Companies, r => r.CompanyId, c => c.Id, (r, c) => new OpenReport(
                r.Id, c.TradeName ?? c.LegalName, c.Slug, r.Message, r.ReporterEmail, r.Language, r.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Marks a report fixed (<c>corrige</c>) or dismissed (<c>sans-suite</c>); one already handled stays as it was.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, string? decision, CancellationToken cancellationToken)
    {
        var status = decision switch
        {
            "corrige" => ErrorReportStatus.Resolved,
            "sans-suite" => ErrorReportStatus.Dismissed,
            _ => (ErrorReportStatus?)null,
        };
        if (status is null)
        {
            return BadRequest();
        }
        var updated = await db.ErrorReports
            .Where(r => r.Id == id && r.Status == ErrorReportStatus.Open)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, status.Value).SetProperty(r => r.HandledAt, clock.GetUtcNow().UtcDateTime), cancellationToken);
        return RedirectToPage(new { resultat = updated == 1 ? "traite" : "deja-traite" });
    }
}
