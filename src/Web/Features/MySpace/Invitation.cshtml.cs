using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AnnuaireFiliere.Web.Features.MySpace;

/// <summary>
/// <c>/mon-espace/invitation?jeton=…</c>: the link of an invitation to manage a company. Anyone holding it sees the
/// company and whom it was sent to; only the account of the invited address (confirmed) accepts it, once.
/// </summary>
public sealed class InvitationModel(MemberManagement members, CompanyLifecycle lifecycle) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "jeton")]
    public string? Token { get; set; }

    public string? CompanyName { get; private set; }

    public string? InvitedEmail { get; private set; }

    public Guid CompanyId { get; private set; }

    /// <summary>The signed-in account is not the invited address's: told so, nothing granted.</summary>
    public bool WrongAccount { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (await members.FindAsync(Token, cancellationToken) is { } found)
        {
            (CompanyName, InvitedEmail, CompanyId) = (found.CompanyName, found.Invitation.NormalizedEmail.ToLowerInvariant(), found.Invitation.CompanyId);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }
        var found = await members.FindAsync(Token, cancellationToken);
        var outcome = found is null ? LifecycleOutcome.NotFound : await lifecycle.AcceptInvitationAsync(Token, User.ToActor(), cancellationToken);
        if (outcome == LifecycleOutcome.Done)
        {
            return RedirectToPage("/MySpace/Members", new { id = found!.Value.Invitation.CompanyId, resultat = "Joined" });
        }
        await OnGetAsync(cancellationToken);
        WrongAccount = outcome == LifecycleOutcome.WrongAccount;
        return Page();
    }
}
