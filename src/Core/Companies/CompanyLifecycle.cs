using System.Text.Json;
using AnnuaireFiliere.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Companies;

/// <summary>What a life-cycle operation did.</summary>
public enum LifecycleOutcome
{
    Done,

    /// <summary>The edit is saved, and the refused profile it corrected went back to the moderators.</summary>
    Resubmitted,

    /// <summary>Someone decided first (or the same click came twice): nothing changed.</summary>
    AlreadyHandled,

    NotFound,

    /// <summary>Refusing a profile or a claim, and unpublishing, need a reason (it is mailed): nothing changed.</summary>
    ReasonRequired,

    /// <summary>The company is in a state this operation does not start from (publishing an archived profile…): nothing changed.</summary>
    NotAllowed,

    /// <summary>Someone saved the company since the form was read: nothing changed (the form shows both versions).</summary>
    Stale,

    /// <summary>A company that has owners keeps at least one: nothing changed.</summary>
    LastOwner,

    AlreadyMember,

    AlreadyInvited,

    InvalidEmail,

    /// <summary>An invitation opened by an account whose confirmed email is not the invited address: nothing granted.</summary>
    WrongAccount,

    /// <summary>The RIDET is another company's (one company per RIDET, docs/adr/0020): nothing changed.</summary>
    RidetTaken,

    /// <summary>The edit is saved but its RIDET change, asked by a member of a published profile, waits for the moderators.</summary>
    RidetRequested,
}

/// <summary>
/// The life cycle of a company: the only code that changes its status, its members or its history. Each operation
/// checks that it may start from the company's state, writes one coded history entry (<see cref="CompanyChange"/>:
/// the kind, the fields before and after, a <see cref="ChangeNote"/>, a person's reason), saves, and then raises
/// what must be told through <see cref="ICompanyNotifications"/>. Pages, the API, the import and the Indexer call it
/// with an <see cref="Actor"/>. The transitions (docs/adr/0016):
/// submitted → <c>PendingReview</c>; <c>PendingReview</c> → <c>Published</c> (approve) or <c>Rejected</c> (refuse,
/// with a reason); <c>Published</c> → <c>Archived</c> (unpublish, with a reason) → <c>Published</c> (republish);
/// <c>Rejected</c> → <c>PendingReview</c> when its members correct it; imported → <c>Published</c>.
/// A decision is taken once: the state it starts from is part of its update (the company's version, a request's
/// or an invitation's pending state), so the second moderator or the second click gets <see cref="LifecycleOutcome.AlreadyHandled"/>.
/// </summary>
public sealed partial class CompanyLifecycle(AppDbContext db, ICompanyNotifications notifications, ILookupNormalizer normalizer, TimeProvider clock)
{
    public const int ReasonMaxLength = CompanyChange.ReasonMaxLength;

    /// <summary>Tries of a change that does not depend on what others changed meanwhile (a date, the logo).</summary>
    private const int StampAttempts = 3;

    private static readonly IReadOnlyDictionary<string, string?> Nothing = new Dictionary<string, string?>();

    /// <summary>A moderator's decision on a profile: the state it starts from, the state it leads to, and the states
    /// in which a concurrent decision of the same kind leaves the company (then the second one was already handled).</summary>
    private sealed record Decision(PublicationStatus From, PublicationStatus To, ChangeKind Kind, bool NeedsReason, PublicationStatus[] DecidedAs);

    private static readonly Decision Approval = new(PublicationStatus.PendingReview, PublicationStatus.Published, ChangeKind.Approved, false,
        [PublicationStatus.Published, PublicationStatus.Rejected]);

    private static readonly Decision Refusal = Approval with { To = PublicationStatus.Rejected, Kind = ChangeKind.Rejected, NeedsReason = true };

    private static readonly Decision Unpublication = new(PublicationStatus.Published, PublicationStatus.Archived, ChangeKind.Unpublished, true,
        [PublicationStatus.Archived]);

    private static readonly Decision Republication = new(PublicationStatus.Archived, PublicationStatus.Published, ChangeKind.Republished, false,
        [PublicationStatus.Published]);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Creates a registered company, waiting for review, with <paramref name="owner"/> as its owner, from the wizard's
    /// <paramref name="draft"/> (which then points to it; a draft is submitted once).
    /// </summary>
    public async Task<LifecycleOutcome> SubmitAsync(Company company, RegistrationDraft draft, Actor owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(owner);
        var ownerId = owner.UserId ?? throw new ArgumentException("A registration is submitted by an account.", nameof(owner));
        if (draft.CompanyId is not null || await SubmittedAsync(draft, cancellationToken))
        {
            return LifecycleOutcome.AlreadyHandled;
        }
        if (company.Ridet is { } ridet && await db.RidetHolderAsync(ridet, company.Id, cancellationToken) is not null)
        {
            return LifecycleOutcome.RidetTaken;
        }
        var now = Now;
        company.Status = PublicationStatus.PendingReview;
        company.Slug = await Slugs.UniqueAsync(company.DisplayName, candidate => db.Companies.AnyAsync(c => c.Slug == candidate, cancellationToken));
        db.Companies.Add(company);
        db.CompanyMembers.Add(new CompanyMember { CompanyId = company.Id, UserId = ownerId, Role = MemberRole.Owner, Since = now });
        Record(company, ChangeKind.Submitted, owner, Nothing);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException conflict) when (RidetHolders.IsRidetConflict(conflict))
        {
            // Its RIDET was taken meanwhile (or this draft was submitted with it from another tab).
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return await SubmittedAsync(draft, cancellationToken) ? LifecycleOutcome.AlreadyHandled : LifecycleOutcome.RidetTaken;
        }
        var taken = await db.RegistrationDrafts.Where(d => d.Id == draft.Id && d.CompanyId == null)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.CompanyId, company.Id).SetProperty(d => d.UpdatedAt, now), cancellationToken);
        if (taken == 0)
        {
            // Submitted meanwhile (another tab): this company is not created.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return LifecycleOutcome.AlreadyHandled;
        }
        await transaction.CommitAsync(cancellationToken);
        return LifecycleOutcome.Done;
    }

    private Task<bool> SubmittedAsync(RegistrationDraft draft, CancellationToken cancellationToken) =>
        db.RegistrationDrafts.AnyAsync(d => d.Id == draft.Id && d.CompanyId != null, cancellationToken);

    /// <summary>Publishes a profile waiting for review; its owners are told (with the moderator's words, if any).</summary>
    public Task<LifecycleOutcome> ApproveAsync(Guid companyId, string? reason, Actor moderator, CancellationToken cancellationToken) =>
        DecideAsync(companyId, Approval, reason, moderator, cancellationToken);

    /// <summary>Refuses a profile waiting for review, with a reason its owners are told; they may correct it.</summary>
    public Task<LifecycleOutcome> RefuseAsync(Guid companyId, string? reason, Actor moderator, CancellationToken cancellationToken) =>
        DecideAsync(companyId, Refusal, reason, moderator, cancellationToken);

    /// <summary>Takes a published profile off the directory (search, statistics, open data), with a reason its owners are told.</summary>
    public Task<LifecycleOutcome> UnpublishAsync(Guid companyId, string? reason, Actor moderator, CancellationToken cancellationToken) =>
        DecideAsync(companyId, Unpublication, reason, moderator, cancellationToken);

    public Task<LifecycleOutcome> RepublishAsync(Guid companyId, Actor moderator, CancellationToken cancellationToken) =>
        DecideAsync(companyId, Republication, null, moderator, cancellationToken);

    /// <summary>
    /// Saves an edit of the profile's fields: the caller read <paramref name="before"/> at <paramref name="readVersion"/>
    /// and mapped its form onto the tracked <paramref name="company"/>. A refused profile corrected by its members goes
    /// back to the moderators (<see cref="LifecycleOutcome.Resubmitted"/>); a save over a newer version is
    /// <see cref="LifecycleOutcome.Stale"/> and changes nothing (the caller reloads the company to show both).
    /// A RIDET another company holds changes nothing (<see cref="LifecycleOutcome.RidetTaken"/>); a member's change of
    /// the RIDET of a profile once published is not applied but asked of the moderators, the other fields being saved
    /// (<see cref="LifecycleOutcome.RidetRequested"/>; docs/adr/0020).
    /// </summary>
    public async Task<LifecycleOutcome> SaveEditAsync(Company company, IReadOnlyDictionary<string, string?> before, int readVersion, Actor editor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(editor);
        ChangeNote? requested = null;
        var ridetBefore = before.GetValueOrDefault("ridet");
        if (company.Ridet?.ToString() != ridetBefore)
        {
            if (company.Ridet is { } ridet && await db.RidetHolderAsync(ridet, company.Id, cancellationToken) is not null)
            {
                return LifecycleOutcome.RidetTaken;
            }
            if (!editor.IsModerator && company.Status is PublicationStatus.Published or PublicationStatus.Archived)
            {
                requested = await AskRidetChangeAsync(company, editor, cancellationToken);
                company.Ridet = ridetBefore is null ? null : Ridet.Parse(ridetBefore);
            }
        }
        var resubmitted = company.Status == PublicationStatus.Rejected && !editor.IsModerator;
        if (resubmitted)
        {
            company.Status = PublicationStatus.PendingReview;
        }
        db.Entry(company).Property(c => c.Version).OriginalValue = readVersion;
        Record(company, resubmitted ? ChangeKind.Submitted : ChangeKind.Edited, editor, before, requested);
        bool saved;
        try
        {
            saved = await TrySaveAsync(cancellationToken);
        }
        catch (DbUpdateException conflict) when (RidetHolders.IsRidetConflict(conflict))
        {
            db.ChangeTracker.Clear();
            return LifecycleOutcome.RidetTaken;
        }
        return !saved ? LifecycleOutcome.Stale
            : resubmitted ? LifecycleOutcome.Resubmitted
            : requested is not null ? LifecycleOutcome.RidetRequested : LifecycleOutcome.Done;
    }

    /// <summary>
    /// Asks the moderators for the RIDET <paramref name="company"/> now has (a member's earlier request for it is
    /// withdrawn); saved with the edit.
    /// </summary>
    private async Task<ChangeNote> AskRidetChangeAsync(Company company, Actor member, CancellationToken cancellationToken)
    {
        var userId = member.UserId ?? throw new ArgumentException("A RIDET change is asked by an account.", nameof(member));
        var earlier = await db.AccessRequests
            .Where(r => r.CompanyId == company.Id && r.UserId == userId && r.Kind == AccessRequestKind.Ridet && r.Status == RequestStatus.Pending)
            .ToListAsync(cancellationToken);
        foreach (var request in earlier)
        {
            request.Status = RequestStatus.Withdrawn;
        }
        db.AccessRequests.Add(new AccessRequest
        {
            CompanyId = company.Id,
            UserId = userId,
            Kind = AccessRequestKind.Ridet,
            Ridet = company.Ridet,
            CreatedAt = Now,
        });
        return ChangeNote.RidetRequested(company.Ridet);
    }

    /// <summary>Sets (or, with <c>null</c>, removes) the logo file; the same file again is <see cref="LifecycleOutcome.AlreadyHandled"/>.</summary>
    public Task<LifecycleOutcome> ChangeLogoAsync(Guid companyId, string? file, Actor editor, CancellationToken cancellationToken) =>
        StampAsync(companyId, ChangeKind.Edited, editor, null, company =>
        {
            if (company.LogoFile == file)
            {
                return false;
            }
            company.LogoFile = file;
            return true;
        }, cancellationToken);

    /// <summary>"My profile is up to date", from the dashboard (editors, owners and moderators: the caller checks).</summary>
    public Task<LifecycleOutcome> ConfirmAsync(Guid companyId, Actor member, CancellationToken cancellationToken) =>
        StampConfirmationAsync(companyId, member, null, cancellationToken);

    /// <summary>
    /// "My profile is up to date" from the yearly mail's link, for <paramref name="ownerId"/>: only while they are still
    /// an owner (a link mailed before someone left confirms nothing: <see cref="LifecycleOutcome.NotAllowed"/>).
    /// </summary>
    public async Task<LifecycleOutcome> ConfirmFromMailAsync(Guid companyId, Guid ownerId, CancellationToken cancellationToken)
    {
        var email = await db.CompanyMembers.Where(m => m.CompanyId == companyId && m.UserId == ownerId && m.Role == MemberRole.Owner)
            .Join(db.Users, m => m.UserId, u => u.Id, (_, u) => u.Email).SingleOrDefaultAsync(cancellationToken);
        return email is null ? LifecycleOutcome.NotAllowed
            : await StampConfirmationAsync(companyId, new Actor(ownerId, email), ChangeNote.ConfirmedFromMail, cancellationToken);
    }

    /// <summary>A moderator checked a profile nobody confirmed for long (<c>/moderation/a-verifier</c>).</summary>
    public Task<LifecycleOutcome> MarkCheckedAsync(Guid companyId, Actor moderator, CancellationToken cancellationToken) =>
        StampConfirmationAsync(companyId, moderator, ChangeNote.CheckedByModeration, cancellationToken);

    /// <summary>
    /// Saves a batch of an import (docs/IMPORT.md): the tracked companies it changed since their <c>Before</c>, and the
    /// new ones, published at once and unclaimed. Each gets an <see cref="ChangeKind.Imported"/> entry naming the file.
    /// </summary>
    public async Task ImportAsync(IReadOnlyList<(Company Company, IReadOnlyDictionary<string, string?> Before)> updated, IReadOnlyList<Company> created,
        string? fileName, Actor importer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(created);
        var note = string.IsNullOrEmpty(fileName) ? null : ChangeNote.ImportedFile(Path.GetFileName(fileName));
        if (updated.Count > 0)
        {
            foreach (var (company, before) in updated)
            {
                Record(company, ChangeKind.Imported, importer, before, note);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        if (created.Count > 0)
        {
            foreach (var company in created)
            {
                company.Status = PublicationStatus.Published;
            }
            await new CompanyBulkWriter(db, clock).InsertAsync(created, cancellationToken);
            foreach (var company in created)
            {
                Record(company, ChangeKind.Imported, importer, Nothing, note);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task<LifecycleOutcome> DecideAsync(Guid companyId, Decision decision, string? reason, Actor moderator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        reason = Clean(reason);
        if (decision.NeedsReason && reason is null)
        {
            return LifecycleOutcome.ReasonRequired;
        }
        var company = await LoadAsync(companyId, cancellationToken);
        if (company is null)
        {
            return LifecycleOutcome.NotFound;
        }
        if (company.Status != decision.From)
        {
            return decision.DecidedAs.Contains(company.Status) ? LifecycleOutcome.AlreadyHandled : LifecycleOutcome.NotAllowed;
        }
        var before = CompanyFields.Of(company);
        company.Status = decision.To;
        Record(company, decision.Kind, moderator, before, reason: reason);
        // The version is the concurrency token: a decision taken meanwhile makes this one fail, not overwrite it.
        if (!await TrySaveAsync(cancellationToken))
        {
            return LifecycleOutcome.AlreadyHandled;
        }
        var owners = await db.Owners(companyId).AsNoTracking().ToListAsync(cancellationToken);
        await notifications.PublicationChangedAsync(company, decision.Kind, reason, owners, cancellationToken);
        return LifecycleOutcome.Done;
    }

    private Task<LifecycleOutcome> StampConfirmationAsync(Guid companyId, Actor actor, ChangeNote? note, CancellationToken cancellationToken) =>
        StampAsync(companyId, ChangeKind.Confirmed, actor, note, company =>
        {
            company.LastConfirmedAt = Now;
            return true;
        }, cancellationToken);

    /// <summary>
    /// A change that does not depend on what others change meanwhile: on a concurrent save it starts again from the
    /// saved version. <paramref name="change"/> says whether it changed anything (if not: <see cref="LifecycleOutcome.AlreadyHandled"/>).
    /// </summary>
    private async Task<LifecycleOutcome> StampAsync(Guid companyId, ChangeKind kind, Actor actor, ChangeNote? note, Func<Company, bool> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        for (var attempt = 1; ; attempt++)
        {
            var company = await LoadAsync(companyId, cancellationToken);
            if (company is null)
            {
                return LifecycleOutcome.NotFound;
            }
            var before = CompanyFields.Of(company);
            if (!change(company))
            {
                return LifecycleOutcome.AlreadyHandled;
            }
            Record(company, kind, actor, before, note);
            if (await TrySaveAsync(cancellationToken))
            {
                return LifecycleOutcome.Done;
            }
            if (attempt == StampAttempts)
            {
                return LifecycleOutcome.Stale;
            }
        }
    }

    private Task<Company?> LoadAsync(Guid companyId, CancellationToken cancellationToken) =>
        db.Companies.Include(c => c.SecondaryActivities).SingleOrDefaultAsync(c => c.Id == companyId, cancellationToken);

    /// <summary>Saves; <c>false</c> when the company was saved by someone else meanwhile (then nothing is kept tracked).</summary>
    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Appends the history entry of a change of <paramref name="company"/> from <paramref name="before"/>.</summary>
    private void Record(Company company, ChangeKind kind, Actor actor, IReadOnlyDictionary<string, string?> before, ChangeNote? note = null, string? reason = null) =>
        Record(company.Id, kind, actor, CompanyFields.Diff(before, CompanyFields.Of(company)), note, reason);

    /// <summary>The one place a history entry is made.</summary>
    private void Record(Guid companyId, ChangeKind kind, Actor actor, IReadOnlyList<FieldChange> fields, ChangeNote? note = null, string? reason = null) =>
        db.CompanyChanges.Add(new CompanyChange
        {
            CompanyId = companyId,
            At = Now,
            UserId = actor.UserId,
            Actor = actor.Name.Length > CompanyChange.ActorMaxLength ? actor.Name[..CompanyChange.ActorMaxLength] : actor.Name,
            Kind = kind,
            Reason = reason,
            Details = note?.ToJson(),
            Fields = JsonSerializer.Serialize(fields, CompanyFields.Json),
        });

    private static string? Clean(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? null : reason.Trim() is { Length: > ReasonMaxLength } long_ ? long_[..ReasonMaxLength] : reason.Trim();
}
