using System.Globalization;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.Survey;

/// <summary>
/// <c>/observatoire/vagues/{id}</c>: a wave's response rate, live, overall and by sector, province and size band; the
/// invitations and reminders mailed, and the companies no mail can reach; and
/// the contacts of the companies that have not sent their answers, for phone follow-up (<c>?handler=SansReponse</c>, CSV).
/// </summary>
[Authorize(Policy = Policies.SurveyAnalyst)]
public sealed class WaveModel(AppDbContext db, SurveyWaves waves, SurveyInvitations invitations, TaxonomyCatalog taxonomy) : PageModel
{
    public SurveyWave Wave { get; private set; } = null!;
    public Questionnaire Questionnaire { get; private set; } = null!;
    public ResponseRate Rate { get; private set; } = null!;
    public InvitationCounts Mails { get; private set; } = null!;
    public TaxonomyCatalog Taxonomy => taxonomy;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.SurveyWaves.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken) is not { } wave)
        {
            return NotFound();
        }
        (Wave, Questionnaire) = (wave, waves.QuestionnaireOf(wave));
        Rate = await waves.RateAsync(id, cancellationToken);
        Mails = await invitations.CountsAsync(id, cancellationToken);
        return Page();
    }

    /// <summary>The companies of the population without sent answers: name, commune, public contact, owners' emails.</summary>
    public async Task<IActionResult> OnGetSansReponseAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await db.SurveyWaves.AnyAsync(w => w.Id == id, cancellationToken))
        {
            return NotFound();
        }
        var submitted = db.SurveyResponses.Where(r => r.WaveId == id && r.Status == SurveyResponseStatus.Submitted).Select(r => r.CompanyId);
        var companies = await db.SurveyWaveMembers.AsNoTracking().Where(m => m.WaveId == id && !submitted.Contains(m.CompanyId))
            .Join(db.Companies, m => m.CompanyId, c => c.Id, (_, c) => new { c.Id, c.Slug, c.LegalName, c.TradeName, c.CommuneCode, c.Email, c.Phones })
            .OrderBy(c => c.LegalName).ToListAsync(cancellationToken);
        var ids = companies.Select(c => c.Id).ToList();
        var owners = (await db.CompanyMembers.AsNoTracking().Where(m => ids.Contains(m.CompanyId) && m.Role == MemberRole.Owner)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.CompanyId, u.Email }).ToListAsync(cancellationToken))
            .ToLookup(o => o.CompanyId, o => o.Email);
        var drafts = (await db.SurveyResponses.AsNoTracking().Where(r => r.WaveId == id && r.Status == SurveyResponseStatus.Draft).Select(r => r.CompanyId).ToListAsync(cancellationToken)).ToHashSet();
        IEnumerable<IEnumerable<string?>> Lines()
        {
            yield return ["entreprise", "raison_sociale", "commune", "brouillon", "courriel", "telephones", "proprietaires"];
            foreach (var c in companies)
            {
                yield return [c.TradeName ?? c.LegalName, c.LegalName, taxonomy.FindCommune(c.CommuneCode)?.Name ?? c.CommuneCode, drafts.Contains(c.Id) ? "oui" : "non",
                    c.Email, string.Join(" | ", c.Phones.Select(p => PhoneNumber.TryParse(p, out var phone) ? phone.ToString() : p)), string.Join(" | ", owners[c.Id])];
            }
        }
        return File(CsvFile.Write(Lines(), excel: true), "text/csv; charset=utf-8", $"sans-reponse-{id.ToString("N")[..8]}.csv");
    }

    public static string Percent(RateRow row) => row.Rate.ToString("P0", CultureInfo.CurrentCulture);
}
