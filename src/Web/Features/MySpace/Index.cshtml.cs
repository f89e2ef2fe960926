using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.MySpace;

/// <summary>Where a company of the dashboard stands, in the member's words: each has a label and what happens next.</summary>
public enum DashboardState
{
    Draft,
    PendingReview,
    Published,

    /// <summary>Published, with a member's RIDET change waiting for the moderators.</summary>
    ChangePending,

    Rejected,

    /// <summary>Taken off the directory by the moderators (unpublished), with a reason.</summary>
    Archived,
}

/// <summary>
/// <c>/mon-espace</c>: the signed-in account's companies (where each stands and what comes next, how complete it is for
/// buyers, its audience over the last days, its tools), its claims and join requests, its unfinished registration,
/// and a one-click "my profile is up to date" for a published profile.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class MySpaceModel(AppDbContext db, CompanyRegistration registration, IAuthorizationService authorization, CompanyLifecycle lifecycle,
    ProfileAudience audience, TimeProvider clock, Core.Buyers.ContactRequests contactRequests) : PageModel
{
    public sealed record MyCompany(Guid Id, string Name, string Slug, DashboardState State, MemberRole Role, DateTime? LastConfirmedAt,
        string? Reason, ProfileCompleteness Completeness, ProfileAudienceTotal Audience);

    public sealed record MyRequest(Guid Id, string CompanyName, AccessRequestKind Kind, RequestStatus Status, DateTime CreatedAt, string? Reason);

    public sealed record MyDraft(string Step, string? Name, DateTime UpdatedAt);

    public IReadOnlyList<MyCompany> Companies { get; private set; } = [];

    public IReadOnlyList<MyRequest> Requests { get; private set; } = [];

    public MyDraft? Draft { get; private set; }

    /// <summary>An open census wave a company owned by the user is asked (its owners answer it).</summary>
    public sealed record MySurvey(Guid WaveId, string Title, DateTime ClosesAt, bool Sent);

    /// <summary>Open census waves, by company (owners only).</summary>
    public IReadOnlyDictionary<Guid, IReadOnlyList<MySurvey>> Surveys { get; private set; } = new Dictionary<Guid, IReadOnlyList<MySurvey>>();

    /// <summary>New buyers' requests ("Demandes reçues"), by company.</summary>
    public IReadOnlyDictionary<Guid, int> NewRequests { get; private set; } = new Dictionary<Guid, int>();

    /// <summary>What the last action did (<c>soumise</c>, <c>confirmee</c>, <c>demande-created</c> …), for the notice.</summary>
    [FromQuery(Name = "resultat")]
    public string? Outcome { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = UserId;
        Companies = await MyCompaniesAsync(userId, cancellationToken);
        NewRequests = await contactRequests.CountNewAsync([.. Companies.Select(c => c.Id)], cancellationToken);
        Surveys = await SurveysAsync([.. Companies.Where(c => c.Role == MemberRole.Owner).Select(c => c.Id)], cancellationToken);
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

    private async Task<IReadOnlyDictionary<Guid, IReadOnlyList<MySurvey>>> SurveysAsync(List<Guid> owned, CancellationToken cancellationToken)
    {
        if (owned.Count == 0)
        {
            return new Dictionary<Guid, IReadOnlyList<MySurvey>>();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.SurveyWaveMembers.AsNoTracking()
            .Where(m => owned.Contains(m.CompanyId))
            .Join(db.SurveyWaves.Where(w => w.OpensAt <= now && w.ClosesAt > now), m => m.WaveId, w => w.Id, (m, w) => new { m.CompanyId, w.Id, w.Title, w.ClosesAt })
            .ToListAsync(cancellationToken);
        var sent = (await db.SurveyResponses.AsNoTracking()
            .Where(r => owned.Contains(r.CompanyId) && r.Status == Core.Survey.SurveyResponseStatus.Submitted)
            .Select(r => new { r.CompanyId, r.WaveId }).ToListAsync(cancellationToken)).Select(r => (r.CompanyId, r.WaveId)).ToHashSet();
        return rows.GroupBy(r => r.CompanyId).ToDictionary(g => g.Key,
            g => (IReadOnlyList<MySurvey>)[.. g.OrderBy(r => r.ClosesAt).Select(r => new MySurvey(r.Id, r.Title, r.ClosesAt, sent.Contains((r.CompanyId, r.Id))))]);
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

    /// <summary>
    /// The account's companies with where each stands: the moderators' reason for a refused or unpublished one (the
    /// last such decision's), a pending RIDET change, the completeness, and the last days' audience.
    /// </summary>
    private async Task<IReadOnlyList<MyCompany>> MyCompaniesAsync(Guid userId, CancellationToken cancellationToken)
    {
        var roles = await db.CompanyMembers.AsNoTracking().Where(m => m.UserId == userId).ToDictionaryAsync(m => m.CompanyId, m => m.Role, cancellationToken);
        var ids = roles.Keys.ToList();
        var companies = await db.Companies.AsNoTracking().Include(c => c.SecondaryActivities).Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        var decided = companies.Where(c => c.Status is PublicationStatus.Rejected or PublicationStatus.Archived).Select(c => c.Id).ToList();
        var reasons = (await db.CompanyChanges.AsNoTracking()
                .Where(c => decided.Contains(c.CompanyId) && (c.Kind == ChangeKind.Rejected || c.Kind == ChangeKind.Unpublished))
                .Select(c => new { c.CompanyId, c.At, c.Reason })
                .ToListAsync(cancellationToken))
            .GroupBy(c => c.CompanyId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.At)!.Reason);
        var ridetAsked = await db.AccessRequests.AsNoTracking()
            .Where(r => ids.Contains(r.CompanyId) && r.Kind == AccessRequestKind.Ridet && r.Status == RequestStatus.Pending)
            .Select(r => r.CompanyId).Distinct().ToListAsync(cancellationToken);
        var audiences = await audience.LastDaysAsync(ids, ProfileAudience.DashboardDays, cancellationToken);
        return [.. companies
            .Select(c => new MyCompany(c.Id, c.DisplayName, c.Slug, StateOf(c.Status, ridetAsked.Contains(c.Id)), roles[c.Id], c.LastConfirmedAt,
                reasons.GetValueOrDefault(c.Id), ProfileCompleteness.Of(c), audiences.GetValueOrDefault(c.Id, ProfileAudienceTotal.None)))
            .OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    private static DashboardState StateOf(PublicationStatus status, bool ridetAsked) => status switch
    {
        PublicationStatus.PendingReview => DashboardState.PendingReview,
        PublicationStatus.Published => ridetAsked ? DashboardState.ChangePending : DashboardState.Published,
        PublicationStatus.Rejected => DashboardState.Rejected,
        PublicationStatus.Archived => DashboardState.Archived,
        _ => DashboardState.Draft,
    };

    private Guid UserId => User.DirectoryUserId() ?? throw new InvalidOperationException("A member page without a signed-in account.");
}
