using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Companies;

/// <summary>
/// A company's réalisations (docs/adr/0026): added, edited and deleted by its members, each new or changed one waiting
/// for a moderator (<see cref="RealisationStatus.PendingReview"/>, not shown) who approves it or refuses it with a
/// reason; a moderator's own edit is published at once. Each change is an <see cref="ChangeKind.Edited"/> entry of the
/// company's history with a note naming the réalisation. Callers check who may do it first.
/// </summary>
public sealed partial class CompanyLifecycle
{
    /// <summary>Adds a réalisation at the end of the list; <see cref="LifecycleOutcome.NotAllowed"/> when it breaks a rule or the list is full.</summary>
    public async Task<LifecycleOutcome> AddRealisationAsync(Guid companyId, RealisationDraft draft, Actor editor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(editor);
        if (RealisationRules.Check(draft, Now.Year).Count > 0)
        {
            return LifecycleOutcome.NotAllowed;
        }
        if (!await db.Companies.AnyAsync(c => c.Id == companyId, cancellationToken))
        {
            return LifecycleOutcome.NotFound;
        }
        var positions = await db.Realisations.Where(r => r.CompanyId == companyId).Select(r => r.Position).ToListAsync(cancellationToken);
        if (positions.Count >= Realisation.MaxPerCompany)
        {
            return LifecycleOutcome.NotAllowed;
        }
        var realisation = new Realisation { CompanyId = companyId, Position = positions.Count == 0 ? 1 : positions.Max() + 1, CreatedAt = Now, Version = 1 };
        Apply(realisation, draft, editor);
        db.Realisations.Add(realisation);
        Record(companyId, ChangeKind.Edited, editor, [], ChangeNote.RealisationNote("realisation-added", realisation.Title));
        await db.SaveChangesAsync(cancellationToken);
        return LifecycleOutcome.Done;
    }

    /// <summary>
    /// Saves an edit of a réalisation read at <paramref name="readVersion"/> (<see cref="LifecycleOutcome.Stale"/> when
    /// saved since); the same values again change nothing (<see cref="LifecycleOutcome.AlreadyHandled"/>).
    /// </summary>
    public async Task<LifecycleOutcome> EditRealisationAsync(Guid companyId, Guid realisationId, RealisationDraft draft, int readVersion, Actor editor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(editor);
        if (RealisationRules.Check(draft, Now.Year).Count > 0)
        {
            return LifecycleOutcome.NotAllowed;
        }
        var realisation = await db.Realisations.SingleOrDefaultAsync(r => r.Id == realisationId && r.CompanyId == companyId, cancellationToken);
        if (realisation is null)
        {
            return LifecycleOutcome.NotFound;
        }
        if (realisation.Version != readVersion)
        {
            return LifecycleOutcome.Stale;
        }
        // The same values again (a second click, a form saved unchanged) leave its state as it is.
        var before = Snapshot(realisation);
        Apply(realisation, draft, editor);
        if (Snapshot(realisation) == before)
        {
            db.ChangeTracker.Clear();
            return LifecycleOutcome.AlreadyHandled;
        }
        db.Entry(realisation).Property(r => r.Version).OriginalValue = readVersion;
        realisation.Version = readVersion + 1;
        Record(companyId, ChangeKind.Edited, editor, [], ChangeNote.RealisationNote("realisation-edited", realisation.Title));
        return await TrySaveAsync(cancellationToken) ? LifecycleOutcome.Done : LifecycleOutcome.Stale;
    }

    /// <summary>Deletes a réalisation (the caller deletes its image file once this is done).</summary>
    public async Task<LifecycleOutcome> RemoveRealisationAsync(Guid companyId, Guid realisationId, Actor editor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(editor);
        var realisation = await db.Realisations.SingleOrDefaultAsync(r => r.Id == realisationId && r.CompanyId == companyId, cancellationToken);
        if (realisation is null)
        {
            return LifecycleOutcome.NotFound;
        }
        db.Realisations.Remove(realisation);
        Record(companyId, ChangeKind.Edited, editor, [], ChangeNote.RealisationNote("realisation-removed", realisation.Title));
        return await TrySaveAsync(cancellationToken) ? LifecycleOutcome.Done : LifecycleOutcome.NotFound;
    }

    /// <summary>
    /// Moves a réalisation one place up (or down) the profile's list, swapping with its neighbour; its state does not
    /// change (nothing new to check). At the end of the list already: <see cref="LifecycleOutcome.AlreadyHandled"/>.
    /// </summary>
    public async Task<LifecycleOutcome> MoveRealisationAsync(Guid companyId, Guid realisationId, bool up, Actor editor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(editor);
        var list = await db.Realisations.Where(r => r.CompanyId == companyId).OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var index = list.FindIndex(r => r.Id == realisationId);
        if (index < 0)
        {
            return LifecycleOutcome.NotFound;
        }
        var other = up ? index - 1 : index + 1;
        if (other < 0 || other >= list.Count)
        {
            return LifecycleOutcome.AlreadyHandled;
        }
        (list[index], list[other]) = (list[other], list[index]);
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Position != i + 1)
            {
                list[i].Position = i + 1;
                list[i].Version++;
            }
        }
        Record(companyId, ChangeKind.Edited, editor, [], ChangeNote.RealisationNote("realisation-moved", list[other].Title));
        return await TrySaveAsync(cancellationToken) ? LifecycleOutcome.Done : LifecycleOutcome.Stale;
    }

    /// <summary>
    /// A moderator publishes a réalisation waiting for review, or refuses it with a reason its company's members see.
    /// Decided once: the second decision (or a decision on a version edited meanwhile) is <see cref="LifecycleOutcome.AlreadyHandled"/>.
    /// </summary>
    public async Task<LifecycleOutcome> DecideRealisationAsync(Guid realisationId, bool approve, string? reason, Actor moderator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        reason = Clean(reason);
        if (!approve && reason is null)
        {
            return LifecycleOutcome.ReasonRequired;
        }
        var realisation = await db.Realisations.SingleOrDefaultAsync(r => r.Id == realisationId, cancellationToken);
        if (realisation is null)
        {
            return LifecycleOutcome.NotFound;
        }
        if (realisation.Status != RealisationStatus.PendingReview)
        {
            return LifecycleOutcome.AlreadyHandled;
        }
        realisation.Status = approve ? RealisationStatus.Published : RealisationStatus.Refused;
        realisation.RefusalReason = approve ? null : reason;
        realisation.Version++;
        Record(realisation.CompanyId, ChangeKind.Edited, moderator, [],
            ChangeNote.RealisationNote(approve ? "realisation-approved" : "realisation-refused", realisation.Title), approve ? null : reason);
        return await TrySaveAsync(cancellationToken) ? LifecycleOutcome.Done : LifecycleOutcome.AlreadyHandled;
    }

    /// <summary>Copies the typed values (trimmed, empty as none); a member's change waits for review, a moderator's is published.</summary>
    private void Apply(Realisation realisation, RealisationDraft draft, Actor editor)
    {
        static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        realisation.Title = Clean(draft.Title) ?? string.Empty;
        realisation.ClientType = draft.ClientType ?? string.Empty;
        realisation.Year = draft.Year ?? 0;
        realisation.Text = Clean(draft.Text);
        realisation.Link = Clean(draft.Link);
        realisation.ImageFile = draft.ImageFile;
        realisation.ImageWidth = draft.ImageFile is null ? null : draft.ImageWidth;
        realisation.ImageHeight = draft.ImageFile is null ? null : draft.ImageHeight;
        realisation.ImageAlt = draft.ImageFile is null ? null : Clean(draft.ImageAlt);
        realisation.Status = editor.IsModerator ? RealisationStatus.Published : RealisationStatus.PendingReview;
        realisation.RefusalReason = null;
        realisation.UpdatedAt = Now;
    }

    private static RealisationDraft Snapshot(Realisation r) =>
        new(r.Title, r.ClientType, r.Year, r.Text, r.Link, r.ImageFile, r.ImageWidth, r.ImageHeight, r.ImageAlt);
}
