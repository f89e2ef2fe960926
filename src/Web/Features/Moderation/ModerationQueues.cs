using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Moderation;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Core.Survey.Results;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.Moderation;

/// <summary>
/// What waits for the moderators: new profiles, claims, join requests, error reports, profiles to check, réalisations,
/// the analysts' commentaries of census indicators.
/// </summary>
public sealed class ModerationQueues(AppDbContext db, TimeProvider clock, SurveyWaves waves)
{
    public const int PageSize = 50;

    /// <summary>A published profile not confirmed for this long is listed for checking.</summary>
    public const int StaleMonths = 24;

    public sealed record Counts(int Profiles, int Claims, int Joins, int Reports, int Stale, int Realisations, int Commentaries);

    /// <summary>A réalisation waiting for review, with its company's name and address (docs/adr/0026).</summary>
    public sealed record PendingRealisation(Realisation Realisation, string CompanyName, string CompanySlug);

    /// <summary>An analyst's commentary waiting for review, with its wave's title and its question (docs/adr/0030).</summary>
    public sealed record PendingCommentary(SurveyCommentary Commentary, SurveyWave Wave, Question? Question);

    public sealed record PendingProfile(Guid Id, string Name, string CommuneCode, DateTime SubmittedAt, string? SubmittedBy);

    public sealed record PendingRequest(Guid Id, Guid CompanyId, string CompanyName, string? RequesterEmail, string? Message,
        bool DomainMatches, DateTime CreatedAt, bool CompanyHasOwner, int OtherPendingClaims, AccessRequestKind Kind, Ridet? CurrentRidet, Ridet? RequestedRidet);

    public sealed record StaleProfile(Guid Id, string Name, string Slug, DateTime LastConfirmed);

    public async Task<Counts> CountAsync(CancellationToken cancellationToken) => new(
        await CountProfilesAsync(cancellationToken),
        await CountRequestsAsync(AccessRequestKind.Claim, cancellationToken),
        await CountRequestsAsync(AccessRequestKind.Join, cancellationToken),
        await db.ErrorReports.CountAsync(r => r.Status == ErrorReportStatus.Open, cancellationToken),
        await CountStaleAsync(cancellationToken),
        await CountRealisationsAsync(cancellationToken),
        await CountCommentariesAsync(cancellationToken));

    public Task<int> CountProfilesAsync(CancellationToken cancellationToken) =>
        db.Companies.CountAsync(c => c.Status == PublicationStatus.PendingReview, cancellationToken);

    public Task<int> CountRequestsAsync(AccessRequestKind kind, CancellationToken cancellationToken) =>
        Pending(kind).CountAsync(cancellationToken);

    public Task<int> CountStaleAsync(CancellationToken cancellationToken) => Stale().CountAsync(cancellationToken);

    public Task<int> CountRealisationsAsync(CancellationToken cancellationToken) =>
        db.Realisations.CountAsync(r => r.Status == RealisationStatus.PendingReview, cancellationToken);

    public Task<int> CountCommentariesAsync(CancellationToken cancellationToken) =>
        db.SurveyCommentaries.CountAsync(c => c.Status == CommentaryStatus.Pending, cancellationToken);

    /// <summary>Commentaries waiting for review, the longest waiting first, with the question they comment.</summary>
    public async Task<List<PendingCommentary>> CommentariesAsync(int page, CancellationToken cancellationToken)
    {
        var pending = await db.SurveyCommentaries.AsNoTracking()
            .Where(c => c.Status == CommentaryStatus.Pending)
            .OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Join(db.SurveyWaves, c => c.WaveId, w => w.Id, (c, w) => new { c, w })
            .ToListAsync(cancellationToken);
        return pending.Select(x => new PendingCommentary(x.c, x.w, waves.QuestionnaireOf(x.w).Find(x.c.QuestionId))).ToList();
    }

    /// <summary>Réalisations waiting for review, the longest waiting first.</summary>
    public Task<List<PendingRealisation>> RealisationsAsync(int page, CancellationToken cancellationToken) =>
        db.Realisations.AsNoTracking()
            .Where(r => r.Status == RealisationStatus.PendingReview)
            .OrderBy(r => r.UpdatedAt).ThenBy(r => r.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Join(db.Companies, r => r.CompanyId, c => c.Id, (r, c) => new PendingRealisation(r, c.TradeName ?? c.LegalName, c.Slug))
            .ToListAsync(cancellationToken);

    /// <summary>Profiles waiting for review, oldest first, with the address of whoever submitted them.</summary>
    public Task<List<PendingProfile>> ProfilesAsync(int page, CancellationToken cancellationToken) =>
        db.Companies.AsNoTracking()
            .Where(c => c.Status == PublicationStatus.PendingReview)
            .OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(c => new PendingProfile(c.Id, c.TradeName ?? c.LegalName, c.CommuneCode, c.UpdatedAt,
                db.CompanyMembers.Where(m => m.CompanyId == c.Id && m.Role == MemberRole.Owner)
                    .Join(db.Users, m => m.UserId, u => u.Id, (_, u) => u.Email).FirstOrDefault()))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Claims (those whose email domain is the website's first) with the members' RIDET changes (docs/adr/0020), or
    /// join requests, oldest first.
    /// </summary>
    public Task<List<PendingRequest>> RequestsAsync(AccessRequestKind kind, int page, CancellationToken cancellationToken)
    {
        var pending = Pending(kind);
        var ordered = kind == AccessRequestKind.Claim
            ? pending.OrderByDescending(r => r.EmailDomainMatchesWebsite).ThenBy(r => r.CreatedAt)
            : pending.OrderBy(r => r.CreatedAt);
        return ordered.ThenBy(r => r.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Join(db.Companies, r => r.CompanyId, c => c.Id, (r, c) => new { r, c })
            .Select(x => new PendingRequest(x.r.Id, x.c.Id, x.c.TradeName ?? x.c.LegalName,
                db.Users.Where(u => u.Id == x.r.UserId).Select(u => u.Email).FirstOrDefault(),
                x.r.Message, x.r.EmailDomainMatchesWebsite, x.r.CreatedAt,
                db.CompanyMembers.Any(m => m.CompanyId == x.c.Id && m.Role == MemberRole.Owner),
                db.AccessRequests.Count(o => o.CompanyId == x.c.Id && o.Id != x.r.Id && o.Kind == AccessRequestKind.Claim && o.Status == RequestStatus.Pending),
                x.r.Kind, x.c.Ridet, x.r.Ridet))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Published profiles not confirmed by their owners (or published) for <see cref="StaleMonths"/> months, oldest first.</summary>
    public Task<List<StaleProfile>> StaleAsync(int page, CancellationToken cancellationToken) =>
        Stale()
            .Select(c => new { c.Id, Name = c.TradeName ?? c.LegalName, c.Slug, Last = c.LastConfirmedAt ?? c.PublishedAt ?? c.CreatedAt })
            .OrderBy(c => c.Last).ThenBy(c => c.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(c => new StaleProfile(c.Id, c.Name, c.Slug, c.Last))
            .ToListAsync(cancellationToken);

    /// <summary>A queue's pending requests: the claims' queue also has the RIDET changes, decided by moderators the same way.</summary>
    private IQueryable<AccessRequest> Pending(AccessRequestKind kind) =>
        db.AccessRequests.AsNoTracking().Where(r => (r.Kind == kind || (kind == AccessRequestKind.Claim && r.Kind == AccessRequestKind.Ridet))
            && r.Status == RequestStatus.Pending);

    private IQueryable<Company> Stale()
    {
        var limit = clock.GetUtcNow().UtcDateTime.AddMonths(-StaleMonths);
        return db.Companies.AsNoTracking()
            .Where(c => c.Status == PublicationStatus.Published && (c.LastConfirmedAt ?? c.PublishedAt ?? c.CreatedAt) < limit);
    }
}
