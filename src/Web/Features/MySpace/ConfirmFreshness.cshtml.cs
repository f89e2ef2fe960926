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
public sealed class ConfirmFreshnessModel(AppDbContext db, FreshnessLinks links, CompanyLifecycle lifecycle) : PageModel
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
        // Only while the link's account is still an owner: a link mailed before someone left confirms nothing.
        if (links.Read(Token) is not { } target
            || await lifecycle.ConfirmFromMailAsync(target.CompanyId, target.UserId, cancellationToken) != LifecycleOutcome.Done)
        {
            return Page();
        }
        return RedirectToPage(new { jeton = Token, fait = 1 });
    }
}
