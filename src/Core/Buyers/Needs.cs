using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Buyers;

/// <summary>A need as typed in the form (<c>/besoins/nouveau</c>), before it is checked.</summary>
public sealed record NeedDraft
{
    public string? Title { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> ActivityCodes { get; init; } = [];
    public IReadOnlyList<string> ServiceCodes { get; init; } = [];

    /// <summary>A commune code, or null (or empty) for the whole territory.</summary>
    public string? CommuneCode { get; init; }

    public DateOnly? Deadline { get; init; }
    public string? BudgetBand { get; init; }
    public BuyerKind BuyerKind { get; init; }
    public ContactPreference ContactPreference { get; init; }
    public string? Name { get; init; }
    public string? Organisation { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string Language { get; init; } = "fr";
}

/// <summary>
/// What posting a need gave: the need (stored), or the errors by field of <see cref="NeedDraft"/> (an empty field name
/// for the whole form), each a resource key of the site's texts. Nothing is stored when there are errors.
/// </summary>
public sealed record NeedPosting(Need? Need, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Need is not null;
}

public enum NeedAnswerOutcome
{
    Done,

    /// <summary>The need is not (or no longer) published, or its deadline passed.</summary>
    Closed,

    /// <summary>The company answered already.</summary>
    AlreadyAnswered,

    /// <summary>The message is too short, too long, or holds a link.</summary>
    InvalidMessage,

    /// <summary>The account is not a member of the company.</summary>
    NotMember,

    NotFound,
}

/// <summary>
/// The needs board (issue #19, point 2): a buyer posts a need (checked here: no link, no blocked sender, known codes,
/// a place, a deadline within <see cref="MaxDeadlineMonths"/> months, at most <see cref="PerEmailPerDay"/> a day per
/// address); one posted without an account waits for its address to be confirmed; moderators publish or refuse it;
/// publication chooses the companies to tell (<see cref="NeedMatching"/>); companies answer once while it is open; the
/// buyer closes it with an outcome; past its deadline it expires. Every change is a line of <see cref="NeedChange"/>.
/// </summary>
public sealed class Needs(AppDbContext db, BuyerGuard guard, TaxonomyCatalog taxonomy, NeedMatching matching, TimeProvider clock)
{
    /// <summary>Needs one address may post in 24 hours.</summary>
    public const int PerEmailPerDay = 3;

    /// <summary>How far the deadline may be.</summary>
    public const int MaxDeadlineMonths = 6;

    /// <summary>The actor of the history lines written by the buyer without an account.</summary>
    public const string BuyerActor = "acheteur";

    public const string SiteActor = "site";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Today in Nouméa: a deadline is the last day of its need there.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Statistics.MonthlySnapshotService.Noumea).DateTime);

    /// <summary>
    /// Checks and stores a need: published after moderation (<see cref="NeedStatus.PendingReview"/>) when posted by an
    /// account (<paramref name="userId"/>, whose address is known), else waiting for the mailed link
    /// (<see cref="NeedStatus.AwaitingConfirmation"/>).
    /// </summary>
    public async Task<NeedPosting> PostAsync(NeedDraft draft, Guid? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var title = draft.Title?.Trim() ?? string.Empty;
        var description = draft.Description?.Trim() ?? string.Empty;
        if (title.Length is < Need.TitleMinLength or > Need.TitleMaxLength)
        {
            errors[nameof(NeedDraft.Title)] = "Needs.Error.TitleLength";
        }
        else if (BuyerGuard.HasLink(title))
        {
            errors[nameof(NeedDraft.Title)] = "Needs.Error.Link";
        }
        if (description.Length is < Need.DescriptionMinLength or > Need.DescriptionMaxLength)
        {
            errors[nameof(NeedDraft.Description)] = "Needs.Error.DescriptionLength";
        }
        else if (BuyerGuard.HasLink(description))
        {
            errors[nameof(NeedDraft.Description)] = "Needs.Error.Link";
        }
        var activities = draft.ActivityCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var services = draft.ServiceCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (activities.Any(c => taxonomy.FindActivity(c) is null or { IsRetired: true }) || services.Any(c => taxonomy.FindService(c) is null))
        {
            errors[nameof(NeedDraft.ActivityCodes)] = "Needs.Error.UnknownCode";
        }
        else if (activities.Count + services.Count == 0)
        {
            errors[nameof(NeedDraft.ActivityCodes)] = "Needs.Error.NoCode";
        }
        else if (activities.Count + services.Count > Need.MaxCodes)
        {
            errors[nameof(NeedDraft.ActivityCodes)] = "Needs.Error.TooManyCodes";
        }
        var commune = string.IsNullOrWhiteSpace(draft.CommuneCode) ? null : draft.CommuneCode.Trim();
        if (commune is not null && taxonomy.FindCommune(commune) is null)
        {
            errors[nameof(NeedDraft.CommuneCode)] = "Needs.Error.UnknownCommune";
        }
        var today = Today;
        if (draft.Deadline is not { } deadline)
        {
            errors[nameof(NeedDraft.Deadline)] = "Needs.Error.DeadlineRequired";
        }
        else if (deadline <= today || deadline > today.AddMonths(MaxDeadlineMonths))
        {
            errors[nameof(NeedDraft.Deadline)] = "Needs.Error.DeadlineRange";
        }
        var budget = string.IsNullOrWhiteSpace(draft.BudgetBand) ? null : draft.BudgetBand.Trim();
        if (budget is not null && !BudgetBands.IsKnown(budget))
        {
            errors[nameof(NeedDraft.BudgetBand)] = "Needs.Error.UnknownBudget";
        }
        if (!Enum.IsDefined(draft.BuyerKind) || !Enum.IsDefined(draft.ContactPreference))
        {
            errors[nameof(NeedDraft.BuyerKind)] = "Needs.Error.Choice";
        }
        var name = draft.Name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > BuyerContact.NameMaxLength)
        {
            errors[nameof(NeedDraft.Name)] = "Needs.Error.NameRequired";
        }
        var organisation = string.IsNullOrWhiteSpace(draft.Organisation) ? null : draft.Organisation.Trim();
        if (organisation is { Length: > BuyerContact.OrganisationMaxLength } || BuyerGuard.HasLink(organisation))
        {
            errors[nameof(NeedDraft.Organisation)] = "Needs.Error.Organisation";
        }
        var email = BuyerGuard.Fold(draft.Email ?? string.Empty);
        if (email.Length is 0 or > BuyerContact.EmailMaxLength || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            errors[nameof(NeedDraft.Email)] = "Needs.Error.Email";
        }
        var phone = string.IsNullOrWhiteSpace(draft.Phone) ? null : draft.Phone.Trim();
        if (phone is { Length: > BuyerContact.PhoneMaxLength } || (phone is not null && !phone.All(c => char.IsDigit(c) || c is ' ' or '+' or '.' or '-')))
        {
            errors[nameof(NeedDraft.Phone)] = "Needs.Error.Phone";
        }
        else if (phone is null && draft.ContactPreference == ContactPreference.Phone)
        {
            errors[nameof(NeedDraft.Phone)] = "Needs.Error.PhoneRequired";
        }
        if (errors.Count > 0)
        {
            return new NeedPosting(null, errors);
        }
        // The same words for a blocked sender and for too many needs: a blocked sender learns nothing.
        var since = Now.AddDays(-1);
        if (await guard.IsBlockedAsync(email, cancellationToken))
        {
            return new NeedPosting(null, new Dictionary<string, string> { [string.Empty] = "Needs.Error.Refused" });
        }
        if (await db.Needs.CountAsync(n => n.Buyer.Email == email && n.CreatedAt > since, cancellationToken) >= PerEmailPerDay)
        {
            return new NeedPosting(null, new Dictionary<string, string> { [string.Empty] = "Needs.Error.PerEmail" });
        }
        var id = Guid.CreateVersion7();
        var stem = Slugs.From(title);
        var need = new Need
        {
            Id = id,
            Slug = $"{(stem.Length > 100 ? stem[..100].TrimEnd('-') : stem)}-{id.ToString("N")[^8..]}",
            Title = title,
            Description = description,
            ActivityCodes = activities,
            ServiceCodes = services,
            CommuneCode = commune,
            Deadline = draft.Deadline!.Value,
            BudgetBand = budget,
            BuyerKind = draft.BuyerKind,
            ContactPreference = draft.ContactPreference,
            Buyer = new BuyerContact { Name = name, Organisation = organisation, Email = email, Phone = phone },
            UserId = userId,
            Language = draft.Language == "en" ? "en" : "fr",
            Status = userId is null ? NeedStatus.AwaitingConfirmation : NeedStatus.PendingReview,
            CreatedAt = Now,
        };
        db.Needs.Add(need);
        Record(need, userId is null ? BuyerActor : email, null);
        await db.SaveChangesAsync(cancellationToken);
        return new NeedPosting(need, new Dictionary<string, string>());
    }

    /// <summary>The buyer followed the mailed link: the need goes to the moderators. True when it did now or before.</summary>
    public async Task<bool> ConfirmAsync(Guid id, CancellationToken cancellationToken)
    {
        var need = await db.Needs.SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (need is null)
        {
            return false;
        }
        if (need.Status != NeedStatus.AwaitingConfirmation)
        {
            return true;
        }
        need.Status = NeedStatus.PendingReview;
        need.Version++;
        Record(need, BuyerActor, null);
        // A concurrent save can only be the same confirmation (the link clicked twice): confirmed either way.
        await TrySaveAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// A moderator publishes a pending need (and the companies to tell are chosen) or refuses it with a reason (shown
    /// to the buyer). <paramref name="readVersion"/>, when given, must be the version the moderator saw.
    /// </summary>
    public async Task<LifecycleOutcome> DecideAsync(Guid id, bool approve, string? reason, int? readVersion, Actor moderator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (!approve && reason is null)
        {
            return LifecycleOutcome.ReasonRequired;
        }
        var need = await db.Needs.SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (need is null)
        {
            return LifecycleOutcome.NotFound;
        }
        if (need.Status != NeedStatus.PendingReview || (readVersion is { } read && read != need.Version))
        {
            return LifecycleOutcome.AlreadyHandled;
        }
        need.Status = approve ? NeedStatus.Published : NeedStatus.Rejected;
        need.RefusalReason = approve ? null : reason![..Math.Min(reason!.Length, Need.ReasonMaxLength)];
        if (approve)
        {
            need.PublishedAt = Now;
        }
        need.Version++;
        Record(need, moderator.Name, need.RefusalReason);
        if (!await TrySaveAsync(cancellationToken))
        {
            return LifecycleOutcome.AlreadyHandled;
        }
        if (approve)
        {
            try
            {
                await matching.MatchAsync(need, cancellationToken);
            }
            catch (Search.SearchUnavailableException)
            {
                // Published all the same: the next digest pass matches the needs left without companies (MatchPendingAsync).
            }
        }
        return LifecycleOutcome.Done;
    }

    /// <summary>"Je suis intéressé": a member of <paramref name="companyId"/> answers an open need, once per company.</summary>
    public async Task<NeedAnswerOutcome> AnswerAsync(Guid needId, Guid companyId, Guid userId, string actor, string? message, CancellationToken cancellationToken)
    {
        var need = await db.Needs.SingleOrDefaultAsync(n => n.Id == needId, cancellationToken);
        if (need is null)
        {
            return NeedAnswerOutcome.NotFound;
        }
        if (!IsOpen(need))
        {
            return NeedAnswerOutcome.Closed;
        }
        if (!await db.CompanyMembers.AnyAsync(m => m.CompanyId == companyId && m.UserId == userId, cancellationToken)
            || !await db.Companies.AnyAsync(c => c.Id == companyId && c.Status == PublicationStatus.Published, cancellationToken))
        {
            return NeedAnswerOutcome.NotMember;
        }
        var text = message?.Trim() ?? string.Empty;
        if (text.Length is < NeedAnswer.MessageMinLength or > NeedAnswer.MessageMaxLength || BuyerGuard.HasLink(text))
        {
            return NeedAnswerOutcome.InvalidMessage;
        }
        if (await db.NeedAnswers.AnyAsync(a => a.NeedId == needId && a.CompanyId == companyId, cancellationToken))
        {
            return NeedAnswerOutcome.AlreadyAnswered;
        }
        db.NeedAnswers.Add(new NeedAnswer { NeedId = needId, CompanyId = companyId, UserId = userId, Message = text, CreatedAt = Now });
        var companyName = await db.Companies.Where(c => c.Id == companyId).Select(c => c.TradeName ?? c.LegalName).SingleAsync(cancellationToken);
        Record(need, actor, companyName);
        return await TrySaveAsync(cancellationToken) ? NeedAnswerOutcome.Done : NeedAnswerOutcome.AlreadyAnswered;
    }

    /// <summary>The buyer closes a published (or expired) need: filled or cancelled, with what came of it.</summary>
    public async Task<LifecycleOutcome> CloseAsync(Guid id, bool filled, string? outcome, int? readVersion, string actor, CancellationToken cancellationToken)
    {
        outcome = string.IsNullOrWhiteSpace(outcome) ? null : outcome.Trim();
        if (outcome is null || outcome.Length > Need.OutcomeMaxLength || BuyerGuard.HasLink(outcome))
        {
            return LifecycleOutcome.ReasonRequired;
        }
        var need = await db.Needs.SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (need is null)
        {
            return LifecycleOutcome.NotFound;
        }
        if (need.Status is not (NeedStatus.Published or NeedStatus.Expired) || (readVersion is { } read && read != need.Version))
        {
            return LifecycleOutcome.AlreadyHandled;
        }
        need.Status = filled ? NeedStatus.Filled : NeedStatus.Cancelled;
        need.Outcome = outcome;
        need.ClosedAt = Now;
        need.Version++;
        Record(need, actor, outcome);
        return await TrySaveAsync(cancellationToken) ? LifecycleOutcome.Done : LifecycleOutcome.AlreadyHandled;
    }

    /// <summary>Published needs whose deadline passed become <see cref="NeedStatus.Expired"/>; returns how many.</summary>
    public async Task<int> ExpireAsync(CancellationToken cancellationToken)
    {
        var today = Today;
        var due = await db.Needs.Where(n => n.Status == NeedStatus.Published && n.Deadline < today).ToListAsync(cancellationToken);
        foreach (var need in due)
        {
            need.Status = NeedStatus.Expired;
            need.ClosedAt = Now;
            need.Version++;
            Record(need, SiteActor, null);
        }
        return await TrySaveAsync(cancellationToken) ? due.Count : 0;
    }

    /// <summary>
    /// Chooses the companies of the open needs published while the search engine could not answer; returns how many
    /// needs were matched now.
    /// </summary>
    public async Task<int> MatchPendingAsync(CancellationToken cancellationToken)
    {
        var today = Today;
        var pending = await db.Needs.AsNoTracking().Where(n => n.Status == NeedStatus.Published && n.MatchedAt == null && n.Deadline >= today)
            .ToListAsync(cancellationToken);
        foreach (var need in pending)
        {
            await matching.MatchAsync(need, cancellationToken);
        }
        return pending.Count;
    }

    /// <summary>Published and not past its deadline: on the board, open to answers.</summary>
    public bool IsOpen(Need need)
    {
        ArgumentNullException.ThrowIfNull(need);
        return need.Status == NeedStatus.Published && need.Deadline >= Today;
    }

    /// <summary>The board: open needs, newest first, those asking for any of the codes and in the province when given.</summary>
    public async Task<(IReadOnlyList<Need> Needs, int Total)> BoardAsync(string? activity, string? service, string? sector, string? province,
        int page, int pageSize, CancellationToken cancellationToken)
    {
        var today = Today;
        var open = await db.Needs.AsNoTracking().Where(n => n.Status == NeedStatus.Published && n.Deadline >= today)
            .OrderByDescending(n => n.PublishedAt).ToListAsync(cancellationToken);
        IEnumerable<Need> chosen = open;
        if (!string.IsNullOrEmpty(activity))
        {
            chosen = chosen.Where(n => n.ActivityCodes.Contains(activity, StringComparer.Ordinal));
        }
        if (!string.IsNullOrEmpty(service))
        {
            chosen = chosen.Where(n => n.ServiceCodes.Contains(service, StringComparer.Ordinal));
        }
        if (!string.IsNullOrEmpty(sector))
        {
            chosen = chosen.Where(n => n.ActivityCodes.Any(a => taxonomy.FindActivity(a)?.SectorCode == sector));
        }
        if (!string.IsNullOrEmpty(province))
        {
            // A need of the whole territory is in every province.
            chosen = chosen.Where(n => n.CommuneCode is null || taxonomy.FindCommune(n.CommuneCode)?.ProvinceCode == province);
        }
        var list = chosen.ToList();
        return ([.. list.Skip((Math.Max(1, page) - 1) * pageSize).Take(pageSize)], list.Count);
    }

    public Task<Need?> FindAsync(string slug, CancellationToken cancellationToken) =>
        db.Needs.AsNoTracking().SingleOrDefaultAsync(n => n.Slug == slug, cancellationToken);

    public Task<Need?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Needs.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken);

    /// <summary>An account's needs, newest first.</summary>
    public async Task<IReadOnlyList<Need>> OfUserAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Needs.AsNoTracking().Where(n => n.UserId == userId).OrderByDescending(n => n.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>Needs waiting for a moderator, oldest first.</summary>
    public async Task<(IReadOnlyList<Need> Needs, int Total)> PendingAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        var pending = db.Needs.AsNoTracking().Where(n => n.Status == NeedStatus.PendingReview);
        return (await pending.OrderBy(n => n.CreatedAt).Skip((Math.Max(1, page) - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken),
            await pending.CountAsync(cancellationToken));
    }

    /// <summary>An answer with its company's name and profile address.</summary>
    public sealed record AnswerView(NeedAnswer Answer, string CompanyName, string CompanySlug);

    public async Task<IReadOnlyList<AnswerView>> AnswersAsync(Guid needId, CancellationToken cancellationToken) =>
        await (from a in db.NeedAnswers.AsNoTracking()
               join c in db.Companies on a.CompanyId equals c.Id
               where a.NeedId == needId
               orderby a.CreatedAt
               select new AnswerView(a, c.TradeName ?? c.LegalName, c.Slug)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<NeedChange>> HistoryAsync(Guid needId, CancellationToken cancellationToken) =>
        (await db.NeedChanges.AsNoTracking().Where(c => c.NeedId == needId).ToListAsync(cancellationToken)).OrderBy(c => c.At).ThenBy(c => c.Id).ToList();

    /// <summary>The companies of an account that answered this need.</summary>
    public async Task<IReadOnlyList<Guid>> AnsweredByMemberAsync(Guid needId, Guid userId, CancellationToken cancellationToken) =>
        await (from a in db.NeedAnswers
               join m in db.CompanyMembers on a.CompanyId equals m.CompanyId
               where a.NeedId == needId && m.UserId == userId
               select a.CompanyId).ToListAsync(cancellationToken);

    private void Record(Need need, string actor, string? note) => db.NeedChanges.Add(new NeedChange
    {
        NeedId = need.Id,
        At = Now,
        Actor = actor.Length > NeedChange.ActorMaxLength ? actor[..NeedChange.ActorMaxLength] : actor,
        Status = need.Status,
        Note = note is { Length: > Need.ReasonMaxLength } ? note[..Need.ReasonMaxLength] : note,
    });

    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
