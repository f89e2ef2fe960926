using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.MySpace;

/// <summary>
/// <c>/mon-espace</c>: the signed-in account's companies (with their tools), its claims and join requests, its
/// unfinished registration, and a one-click "my profile is up to date".
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class MySpaceModel(AppDbContext db, CompanyRegistration registration, IAuthorizationService authorization, CompanyLifecycle lifecycle) : PageModel
{
    public sealed record MyCompany(Guid Id, string Name, string Slug, PublicationStatus Status, MemberRole Role, DateTime? LastConfirmedAt);

    public sealed record MyRequest(Guid Id, string CompanyName, AccessRequestKind Kind, RequestStatus Status, DateTime CreatedAt, string? Reason);

    public sealed record MyDraft(string Step, string? Name, DateTime UpdatedAt);

    public IReadOnlyList<MyCompany> Companies { get; private set; } = [];

    public IReadOnlyList<MyRequest> Requests { get; private set; } = [];

    public MyDraft? Draft { get; private set; }

    /// <summary>What the last action did (<c>soumise</c>, <c>confirmee</c>, <c>demande-created</c> …), for the notice.</summary>
    [FromQuery(Name = "resultat")]
    public string? Outcome { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = UserId;
        Companies = await db.CompanyMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Join(db.Companies, m => m.CompanyId, c => c.Id, (m, c) => new { m.Role, Company = c })
            .OrderBy(x => x.Company.TradeName ?? x.Company.LegalName)
            .Select(x => new MyCompany(x.Company.Id, x.Company.TradeName ?? x.Company.LegalName, x.Company.Slug, x.Company.Status, x.Role, x.Company.LastConfirmedAt))
            .ToListAsync(cancellationToken);
        Requests = await db.AccessRequests.AsNoTracking()
            .Where(r => r.UserId == userId)
            .Join(db.Companies, r => r.CompanyId, c => c.Id, (r, c) => new { Request = r, Name = c.TradeName ?? c.LegalName })
            .OrderByDescending(x => x.Request.CreatedAt)
            .Select(x => new MyRequest(x.Request.Id, x.Name, x.Request.Kind, x.Request.Status, x.Request.CreatedAt, x.Request.Reason))
            .ToListAsync(cancellationToken);
        if (await registration.OpenDraftAsync(userId, cancellationToken) is { } draft)
        {
            var input = CompanyRegistration.Read(draft);
            Draft = new MyDraft(draft.Step, input.Identity.TradeName ?? input.Identity.LegalName, draft.UpdatedAt);
        }
    }

    /// <summary>"Mon profil est à jour": stamps the confirmation date (editors, owners and moderators).</summary>
    public async Task<IActionResult> OnPostConfirmerAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, id, CompanyOperation.Edit)).Succeeded)
        {
            return Forbid();
        }
        return await lifecycle.ConfirmAsync(id, User.ToActor(), cancellationToken) == LifecycleOutcome.NotFound ? NotFound()
            : RedirectToPage(new { resultat = "confirmee" });
    }

    private Guid UserId => User.DirectoryUserId() ?? throw new InvalidOperationException("A member page without a signed-in account.");
}
