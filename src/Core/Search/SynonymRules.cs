using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Search;

public enum SynonymOutcomeKind
{
    Done,

    /// <summary>The line is not a rule (<see cref="SynonymOutcome.Errors"/> say why); nothing saved.</summary>
    Invalid,

    NotFound,

    /// <summary>Someone saved the rule since it was read; nothing saved (<see cref="SynonymOutcome.Current"/> is theirs).</summary>
    Stale,
}

/// <summary>
/// What a change did: the rule's id, and whether the index must be rebuilt for it to reach the companies already
/// indexed (the change touched rules of several words).
/// </summary>
public sealed record SynonymOutcome(SynonymOutcomeKind Kind, int RuleId = 0, bool NeedsRebuild = false)
{
    public IReadOnlyList<SynonymLineError> Errors { get; init; } = [];

    public SynonymRuleView? Current { get; init; }
}

/// <summary>
/// A rule as the moderation page shows it: its line, how search reads it, and its last change (who: an email, or
/// null for the file import or a deleted account, told apart by <see cref="LastChange"/>).
/// </summary>
public sealed record SynonymRuleView(int Id, string Line, bool Enabled, int Version, DateTime UpdatedAt, SynonymChangeKind LastChange, string? UpdatedBy)
{
    /// <summary>The rule as search reads it (variants analysed: "création de sites" is "creation site").</summary>
    public SynonymRule? Rule { get; } = SynonymCatalog.Parse(Line);
}

/// <summary>One change in the history, with the email of whoever made it (null: the file import, or a deleted account).</summary>
public sealed record SynonymChangeView(long Id, int RuleId, SynonymChangeKind Kind, string? Before, string? After, string? Reason, DateTime At, string? By);

/// <summary>
/// The only writer of the synonym rules: checks a line (<see cref="SynonymLines"/>, and no other rule saying the same),
/// saves it with optimistic concurrency, appends the change to the history in the same transaction, and reloads
/// <see cref="SynonymStore"/> so that the next search applies it.
/// </summary>
public sealed class SynonymRules(AppDbContext db, SynonymStore store, TimeProvider clock)
{
    /// <summary>Rules whose line or analysed variants hold <paramref name="filter"/> (all when empty), by number.</summary>
    public async Task<IReadOnlyList<SynonymRuleView>> ListAsync(string? filter, CancellationToken cancellationToken = default)
    {
        var rules = await ViewsAsync(db.SynonymRules, cancellationToken);
        var folded = FrenchTextAnalyzer.Fold(filter ?? string.Empty);
        if (folded.Length == 0)
        {
            return rules;
        }
        var stems = string.Join(' ', FrenchTextAnalyzer.Stemming.Terms(filter!));
        return [.. rules.Where(r => FrenchTextAnalyzer.Fold(r.Line).Contains(folded, StringComparison.Ordinal)
            || (stems.Length > 0 && r.Rule is { } rule && rule.Found.Any(v => v.Key.Contains(stems, StringComparison.Ordinal))))];
    }

    public async Task<SynonymRuleView?> FindAsync(int id, CancellationToken cancellationToken = default) =>
        (await ViewsAsync(db.SynonymRules.Where(r => r.Id == id), cancellationToken)).SingleOrDefault();

    /// <summary>The latest changes (of one rule, or of all), newest first.</summary>
    public async Task<IReadOnlyList<SynonymChangeView>> HistoryAsync(int? ruleId, int take, CancellationToken cancellationToken = default)
    {
        var changes = db.SynonymRuleChanges.AsNoTracking();
        if (ruleId is { } id)
        {
            changes = changes.Where(c => c.RuleId == id);
        }
        return await changes
            .GroupJoin(db.Users, c => c.UserId, u => u.Id, (c, users) => new { c, users })
            .SelectMany(x => x.users.DefaultIfEmpty(), (x, u) => new { x.c, Email = u == null ? null : u.Email })
            .OrderByDescending(x => x.c.Id)
            .Take(take)
            .Select(x => new SynonymChangeView(x.c.Id, x.c.RuleId, x.c.Kind, x.c.Before, x.c.After, x.c.Reason, x.c.At, x.Email))
            .ToListAsync(cancellationToken);
    }

    public async Task<SynonymOutcome> AddAsync(string? line, string? reason, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var text = SynonymLines.Normalize(line);
        if (await ErrorsAsync(text, exceptId: null, cancellationToken) is { Count: > 0 } errors)
        {
            return new SynonymOutcome(SynonymOutcomeKind.Invalid) { Errors = errors };
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var record = new SynonymRuleRecord { Line = text, CreatedAt = now, CreatedBy = actor.UserId, UpdatedAt = now, UpdatedBy = actor.UserId };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.SynonymRules.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        db.SynonymRuleChanges.Add(Change(record.Id, SynonymChangeKind.Added, null, text, reason, actor, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await AppliedAsync(record.Id, cancellationToken);
    }

    /// <summary>Replaces a rule's line, unless someone saved it since <paramref name="version"/> was read.</summary>
    public async Task<SynonymOutcome> EditAsync(int id, int version, string? line, string? reason, Actor actor, CancellationToken cancellationToken = default)
    {
        var text = SynonymLines.Normalize(line);
        if (await ErrorsAsync(text, exceptId: id, cancellationToken) is { Count: > 0 } errors)
        {
            return new SynonymOutcome(SynonymOutcomeKind.Invalid, id) { Errors = errors };
        }
        return await ChangeAsync(id, version, reason, actor, record =>
        {
            var before = record.Line;
            record.Line = text;
            return (SynonymChangeKind.Edited, before, text);
        }, cancellationToken);
    }

    /// <summary>Turns a rule off (kept, with its history, and can be turned on again) or on.</summary>
    public Task<SynonymOutcome> SetEnabledAsync(int id, int version, bool enabled, string? reason, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, reason, actor, record =>
        {
            record.Enabled = enabled;
            return (enabled ? SynonymChangeKind.Enabled : SynonymChangeKind.Disabled, record.Line, record.Line);
        }, cancellationToken);

    /// <summary>Removes a rule; its history stays (with its last line).</summary>
    public async Task<SynonymOutcome> RemoveAsync(int id, int version, string? reason, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var record = await db.SynonymRules.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (record is null)
        {
            return new SynonymOutcome(SynonymOutcomeKind.NotFound, id);
        }
        if (record.Version != version)
        {
            return await StaleAsync(id, cancellationToken);
        }
        var wasIndexed = record.Enabled && SynonymCatalog.Parse(record.Line)?.IsIndexed == true;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.SynonymRules.Remove(record);
        db.SynonymRuleChanges.Add(Change(id, SynonymChangeKind.Removed, record.Line, null, reason, actor, clock.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await StaleAsync(id, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        await store.ReloadAsync(cancellationToken);
        return new SynonymOutcome(SynonymOutcomeKind.Done, id, NeedsRebuild: wasIndexed);
    }

    /// <summary>
    /// Copies the rules of <c>Search/synonyms.txt</c> into a database that never had any (no rule and no history):
    /// once, so that rules the moderators removed do not come back.
    /// </summary>
    public static async Task<int> ImportDefaultsAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.SynonymRules.AnyAsync(cancellationToken) || await db.SynonymRuleChanges.AnyAsync(cancellationToken))
        {
            return 0;
        }
        var records = SynonymCatalog.DefaultLines.Where(l => SynonymCatalog.Parse(l) is not null)
            .Select(l => new SynonymRuleRecord { Line = SynonymLines.Normalize(l), CreatedAt = now, UpdatedAt = now }).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.SynonymRules.AddRange(records);
        await db.SaveChangesAsync(cancellationToken);
        db.SynonymRuleChanges.AddRange(records.Select(r => new SynonymRuleChange { RuleId = r.Id, Kind = SynonymChangeKind.Imported, After = r.Line, At = now }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return records.Count;
    }

    private async Task<SynonymOutcome> ChangeAsync(int id, int version, string? reason, Actor actor,
        Func<SynonymRuleRecord, (SynonymChangeKind Kind, string? Before, string? After)> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var record = await db.SynonymRules.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (record is null)
        {
            return new SynonymOutcome(SynonymOutcomeKind.NotFound, id);
        }
        if (record.Version != version)
        {
            return await StaleAsync(id, cancellationToken);
        }
        var stampBefore = store.Current.IndexStamp;
        var now = clock.GetUtcNow().UtcDateTime;
        var (kind, before, after) = change(record);
        record.UpdatedAt = now;
        record.UpdatedBy = actor.UserId;
        record.Version = version + 1;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.SynonymRuleChanges.Add(Change(id, kind, before, after, reason, actor, now));
        try
        {
            // The update's WHERE holds the version read: a save in between makes it change nothing, and fail here.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await StaleAsync(id, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return await AppliedAsync(id, cancellationToken, stampBefore);
    }

    private async Task<SynonymOutcome> AppliedAsync(int id, CancellationToken cancellationToken, string? stampBefore = null)
    {
        stampBefore ??= store.Current.IndexStamp;
        await store.ReloadAsync(cancellationToken);
        return new SynonymOutcome(SynonymOutcomeKind.Done, id, NeedsRebuild: store.Current.IndexStamp != stampBefore);
    }

    private async Task<SynonymOutcome> StaleAsync(int id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var current = await FindAsync(id, cancellationToken);
        return current is null ? new SynonymOutcome(SynonymOutcomeKind.NotFound, id) : new SynonymOutcome(SynonymOutcomeKind.Stale, id) { Current = current };
    }

    private async Task<List<SynonymLineError>> ErrorsAsync(string text, int? exceptId, CancellationToken cancellationToken)
    {
        var errors = SynonymLines.Check(text).ToList();
        if (errors.Count > 0 || SynonymCatalog.Parse(text) is not { } rule)
        {
            return errors;
        }
        var meaning = SynonymLines.Meaning(rule);
        var others = await db.SynonymRules.AsNoTracking().Where(r => r.Id != exceptId).Select(r => new { r.Id, r.Line }).ToListAsync(cancellationToken);
        if (others.FirstOrDefault(o => SynonymCatalog.Parse(o.Line) is { } other && SynonymLines.Meaning(other) == meaning) is { } same)
        {
            errors.Add(new SynonymLineError(SynonymProblem.Duplicate, same.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return errors;
    }

    private static SynonymRuleChange Change(int ruleId, SynonymChangeKind kind, string? before, string? after, string? reason, Actor actor, DateTime at) => new()
    {
        RuleId = ruleId,
        Kind = kind,
        Before = before,
        After = after,
        Reason = reason?.Trim() is { Length: > 0 } typed ? typed[..Math.Min(typed.Length, SynonymLines.ReasonMaxLength)] : null,
        At = at,
        UserId = actor.UserId,
    };

    /// <summary>The rules with their last change (its kind and author's email), in two reads.</summary>
    private async Task<List<SynonymRuleView>> ViewsAsync(IQueryable<SynonymRuleRecord> rules, CancellationToken cancellationToken)
    {
        var records = await rules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var ids = records.Select(r => r.Id).ToList();
        var last = await db.SynonymRuleChanges.AsNoTracking()
            .Where(c => ids.Contains(c.RuleId) && c.Id == db.SynonymRuleChanges.Where(o => o.RuleId == c.RuleId).Max(o => o.Id))
            .GroupJoin(db.Users, c => c.UserId, u => u.Id, (c, users) => new { c, users })
            .SelectMany(x => x.users.DefaultIfEmpty(), (x, u) => new { x.c.RuleId, x.c.Kind, Email = u == null ? null : u.Email })
            .ToDictionaryAsync(c => c.RuleId, cancellationToken);
        return [.. records.Select(r => new SynonymRuleView(r.Id, r.Line, r.Enabled, r.Version, r.UpdatedAt,
            last.TryGetValue(r.Id, out var change) ? change.Kind : SynonymChangeKind.Added, change?.Email))];
    }
}
