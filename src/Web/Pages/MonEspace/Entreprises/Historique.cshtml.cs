using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Pages.MonEspace.Entreprises;

/// <summary>
/// <c>/mon-espace/entreprises/{id}/historique</c>: every change of a company, newest first (who, when, what, why,
/// each field before and after), for its members and the moderators.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class HistoriqueModel(AppDbContext db, IAuthorizationService authorization, TaxonomyCatalog taxonomy) : PageModel
{
    public const int PageSize = 100;

    public string CompanyName { get; private set; } = string.Empty;

    public IReadOnlyList<CompanyChange> Changes { get; private set; } = [];

    public int Total { get; private set; }

    /// <summary>A field's value as stored in the history, with the labels of reference codes (the code when unknown).</summary>
    public string? Shown(string field, string? value)
    {
        if (value is null)
        {
            return null;
        }
        Func<string, TaxonomyEntry?>? find = field switch
        {
            "primaryActivity" or "secondaryActivities" => taxonomy.FindActivity,
            "commune" => taxonomy.FindCommune,
            "legalForm" => taxonomy.FindLegalForm,
            "sizeBand" => taxonomy.FindSizeBand,
            _ => null,
        };
        return find is null ? value
            : string.Join(", ", value.Split(", ").Select(code => find(code) is { } entry ? $"{entry.Label} ({code})" : code));
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, id, CompanyOperation.Edit)).Succeeded)
        {
            return Forbid();
        }
        var name = await db.Companies.AsNoTracking().Where(c => c.Id == id).Select(c => c.TradeName ?? c.LegalName).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return NotFound();
        }
        CompanyName = name;
        var changes = db.CompanyChanges.AsNoTracking().Where(c => c.CompanyId == id);
        Total = await changes.CountAsync(cancellationToken);
        Changes = await changes.OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Take(PageSize).ToListAsync(cancellationToken);
        return Page();
    }
}
