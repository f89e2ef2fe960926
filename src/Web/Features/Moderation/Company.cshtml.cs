using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Features.Moderation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.Moderation;

/// <summary>
/// <c>/moderation/entreprises/{id}</c>: any company as moderators see it, whatever its status: its fields, members and
/// pending requests, and the actions on its publication (unpublish with a reason, publish again).
/// </summary>
[Authorize(Policy = Policies.Moderator)]
public sealed class ModeratedCompanyModel(AppDbContext db, CompanyLifecycle lifecycle) : QueuePage
{
    public sealed record Member(string? Email, MemberRole Role, DateTime Since);

    public Company Company { get; private set; } = null!;

    public IReadOnlyDictionary<string, string?> Fields { get; private set; } = new Dictionary<string, string?>();

    public IReadOnlyList<Member> Members { get; private set; } = [];

    public int PendingRequests { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var company = await db.Companies.AsNoTracking().Include(c => c.SecondaryActivities).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (company is null)
        {
            return NotFound();
        }
        Company = company;
        Fields = CompanyFields.Of(company);
        Members = await db.CompanyMembers.AsNoTracking().Where(m => m.CompanyId == id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new Member(u.Email, m.Role, m.Since))
            .ToListAsync(cancellationToken);
        PendingRequests = await db.AccessRequests.CountAsync(r => r.CompanyId == id && r.Status == RequestStatus.Pending, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDepublierAsync(Guid id, string? motif, CancellationToken cancellationToken) =>
        After(await lifecycle.UnpublishAsync(id, motif, User.ToActor(), cancellationToken));

    public async Task<IActionResult> OnPostRepublierAsync(Guid id, CancellationToken cancellationToken) =>
        After(await lifecycle.RepublishAsync(id, User.ToActor(), cancellationToken));
}
