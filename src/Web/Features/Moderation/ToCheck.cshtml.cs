using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Features.Moderation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.Moderation;

/// <summary>
/// <c>/moderation/a-verifier</c>: published profiles nobody confirmed for 24 months. A moderator who checked one
/// marks it verified (its confirmation date becomes today, in its history) or unpublishes it from its page.
/// </summary>
[Authorize(Policy = Policies.Moderator)]
public sealed class ToCheckModel(ModerationQueues queues, AppDbContext db, TimeProvider clock) : QueuePage
{
    public IReadOnlyList<ModerationQueues.StaleProfile> Profiles { get; private set; } = [];

    public int Count { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Count = await queues.CountStaleAsync(cancellationToken);
        Profiles = await queues.StaleAsync(ValidPage, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var company = await db.Companies.Include(c => c.SecondaryActivities).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (company is null)
        {
            return After(DecisionOutcome.NotFound, "/moderation/a-verifier");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        company.LastConfirmedAt = now;
        db.CompanyChanges.Add(CompanyFields.Change(company, ChangeKind.Confirmed, now, User.DirectoryUserId(), ModerationDecisions.Actor(User), CompanyFields.Of(company), "vérifiée par la modération"));
        await db.SaveChangesAsync(cancellationToken);
        return After(DecisionOutcome.Done, "/moderation/a-verifier");
    }
}
