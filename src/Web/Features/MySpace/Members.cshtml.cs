using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.MySpace;

/// <summary>
/// <c>/mon-espace/entreprises/{id}/membres</c>: who manages the company. Members see the list and can leave; owners
/// (and moderators) invite, change roles, remove, transfer ownership and decide join requests.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class MembersModel(AppDbContext db, IAuthorizationService authorization, MemberManagement members, CompanyLifecycle lifecycle) : PageModel
{
    public sealed record JoinRequest(Guid Id, string? Email, string? Message, DateTime CreatedAt);

    [FromRoute]
    public Guid Id { get; set; }

    public string CompanyName { get; private set; } = string.Empty;

    public bool MayManage { get; private set; }

    public IReadOnlyList<MemberManagement.Member> Members { get; private set; } = [];

    public IReadOnlyList<MemberManagement.Invitation> Invitations { get; private set; } = [];

    public IReadOnlyList<JoinRequest> Requests { get; private set; } = [];

    [FromQuery(Name = "resultat")]
    public string? Outcome { get; set; }

    /// <summary>The invitation form's values, kept when refused.</summary>
    public string? InviteEmail { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await MayAsync(CompanyOperation.Edit))
        {
            return Forbid();
        }
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostInviterAsync(string? courriel, MemberRole role, CancellationToken cancellationToken) =>
        ManageAsync(async () =>
        {
            var outcome = await lifecycle.InviteAsync(Id, courriel, role, User.ToActor(), cancellationToken);
            if (outcome is LifecycleOutcome.Done)
            {
                return Done(outcome, "Invited");
            }
            InviteEmail = courriel;
            ModelState.AddModelError("courriel", outcome.ToString());
            await LoadAsync(cancellationToken);
            return Page();
        });

    public Task<IActionResult> OnPostRevoquerAsync(Guid invitation, CancellationToken cancellationToken) =>
        ManageAsync(async () => Done(await lifecycle.RevokeInvitationAsync(Id, invitation, cancellationToken), "Revoked"));

    public Task<IActionResult> OnPostRoleAsync(Guid membre, MemberRole role, CancellationToken cancellationToken) =>
        ManageAsync(async () => Done(await lifecycle.ChangeRoleAsync(Id, membre, role, User.ToActor(), cancellationToken), "RoleChanged"));

    public Task<IActionResult> OnPostRetirerAsync(Guid membre, CancellationToken cancellationToken) =>
        ManageAsync(async () => Done(await lifecycle.RemoveMemberAsync(Id, membre, User.ToActor(), cancellationToken), "Removed"));

    public Task<IActionResult> OnPostTransfererAsync(Guid membre, CancellationToken cancellationToken) =>
        ManageAsync(async () => Done(await lifecycle.TransferOwnershipAsync(Id, membre, User.ToActor(), cancellationToken), "Transferred"));

    public Task<IActionResult> OnPostDemandeAsync(Guid demande, string? decision, string? motif, CancellationToken cancellationToken) =>
        ManageAsync(async () =>
        {
            // Only this company's join requests: another company's id in the form is not taken.
            var ours = await db.AccessRequests.AnyAsync(r => r.Id == demande && r.CompanyId == Id && r.Kind == AccessRequestKind.Join, cancellationToken);
            if (!ours || decision is not ("accepter" or "refuser"))
            {
                return Done(LifecycleOutcome.NotFound, "NotFound");
            }
            var outcome = await lifecycle.DecideRequestAsync(demande, decision == "accepter", motif, User.ToActor(), cancellationToken);
            return RedirectToPage(new { id = Id, resultat = "demande-" + outcome.ToString().ToLowerInvariant() });
        });

    public async Task<IActionResult> OnPostQuitterAsync(CancellationToken cancellationToken)
    {
        if (!await MayAsync(CompanyOperation.Edit))
        {
            return Forbid();
        }
        var outcome = await lifecycle.LeaveAsync(Id, User.ToActor(), cancellationToken);
        return outcome == LifecycleOutcome.Done ? RedirectToPage("/MySpace/Index", new { resultat = "quittee" }) : Done(outcome, "Left");
    }

    private async Task<IActionResult> ManageAsync(Func<Task<IActionResult>> change) =>
        !await MayAsync(CompanyOperation.ManageMembers) ? Forbid()
            : await db.Companies.AnyAsync(c => c.Id == Id) ? await change() : NotFound();

    /// <summary>Back to the members page (PRG) with the notice of what happened: <paramref name="done"/> when it was done.</summary>
    private RedirectToPageResult Done(LifecycleOutcome outcome, string done) =>
        RedirectToPage(new { id = Id, resultat = outcome == LifecycleOutcome.Done ? done : outcome.ToString() });

    private async Task<bool> MayAsync(CompanyOperation operation) => (await authorization.AuthorizeAsync(User, Id, operation)).Succeeded;

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var name = await db.Companies.AsNoTracking().Where(c => c.Id == Id).Select(c => c.TradeName ?? c.LegalName).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return false;
        }
        CompanyName = name;
        MayManage = await MayAsync(CompanyOperation.ManageMembers);
        Members = await members.MembersAsync(Id, cancellationToken);
        Invitations = await members.InvitationsAsync(Id, cancellationToken);
        Requests = await db.AccessRequests.AsNoTracking()
            .Where(r => r.CompanyId == Id && r.Kind == AccessRequestKind.Join && r.Status == RequestStatus.Pending)
            .OrderBy(r => r.CreatedAt)
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new JoinRequest(r.Id, u.Email, r.Message, r.CreatedAt))
            .ToListAsync(cancellationToken);
        return true;
    }
}
