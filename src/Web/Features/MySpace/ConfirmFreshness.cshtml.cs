using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Web.Features.Moderation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.MySpace;

/// <summary>
/// <c>/mon-espace/confirmer?jeton=…</c>: the yearly mail's link. The page names the company and asks for one click
/// (mail scanners follow links: a GET changes nothing); the POST dates the confirmation and writes it to the history.
/// </summary>
public sealed class ConfirmFreshnessModel(AppDbContext db, FreshnessLinks links, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "jeton")]
    public string? Token { get; set; }

    public string? CompanyName { get; private set; }

    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (links.Read(Token) is { } target)
        {
            CompanyName = await db.Companies.Where(c => c.Id == target.CompanyId).Select(c => c.TradeName ?? c.LegalName).SingleOrDefaultAsync(cancellationToken);
        }
        Confirmed = Request.Query.ContainsKey("fait");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var target = links.Read(Token);
        var company = target is null ? null
            : await db.Companies.Include(c => c.SecondaryActivities).SingleOrDefaultAsync(c => c.Id == target.Value.CompanyId, cancellationToken);
        // Still an owner: a link mailed before someone left confirms nothing.
        var owner = target is null ? null
            : await db.CompanyMembers.Where(m => m.CompanyId == target.Value.CompanyId && m.UserId == target.Value.UserId && m.Role == MemberRole.Owner)
                .Join(db.Users, m => m.UserId, u => u.Id, (_, u) => u.Email).SingleOrDefaultAsync(cancellationToken);
        if (company is null || owner is null)
        {
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        company.LastConfirmedAt = now;
        db.CompanyChanges.Add(CompanyFields.Change(company, ChangeKind.Confirmed, now, target!.Value.UserId, owner, CompanyFields.Of(company), "confirmée depuis le courriel annuel"));
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/mon-espace/confirmer?jeton={Uri.EscapeDataString(Token!)}&fait=1");
    }
}
