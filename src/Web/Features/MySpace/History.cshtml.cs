using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.MySpace;

/// <summary>
/// <c>/mon-espace/entreprises/{id}/historique</c>: every change of a company, newest first (who, when, what, why,
/// each field before and after), for its members and the moderators. The site's notes are codes, shown in the reader's language.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class HistoryModel(AppDbContext db, IAuthorizationService authorization, IStringLocalizer<SharedResource> text) : PageModel
{
    public const int PageSize = 100;

    public string CompanyName { get; private set; } = string.Empty;

    public IReadOnlyList<CompanyChange> Changes { get; private set; } = [];

    public int Total { get; private set; }

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

    /// <summary>Who made the change, as it was then (their email, or the import); a deleted account in the reader's language.</summary>
    public string Who(CompanyChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change is { UserId: null, Actor: CompanyChange.DeletedAccountActor } ? text["History.DeletedAccount"].Value : change.Actor;
    }

    /// <summary>What an entry says, in the reader's language: the site's note (<c>History.Note.{code}</c>), then what a person typed.</summary>
    public string? Why(CompanyChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var note = change.Note is { } coded
            ? text["History.Note." + coded.Code, coded.Email ?? "", coded.Role is { } role ? text["Moderation.Company.Role." + role].Value : "", coded.File ?? "", coded.Ridet ?? text["History.NoRidet"].Value, coded.Title ?? ""].Value
            : null;
        return note is null ? change.Reason
            : string.IsNullOrWhiteSpace(change.Reason) ? note
            : text["History.NoteAndReason", note, change.Reason].Value;
    }
}
