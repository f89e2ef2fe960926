using System.ComponentModel.DataAnnotations;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Buyers;

/// <summary>What a buyer typed in the contact or quote form, and the companies chosen.</summary>
public sealed class ContactRequestInput
{
    public ContactRequestKind Kind { get; init; }
    public string? Name { get; init; }
    public string? Organisation { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Subject { get; init; }
    public string? Message { get; init; }
    public DateOnly? DesiredDate { get; init; }
    public string? BudgetBand { get; init; }
    public bool Consent { get; init; }
    public string Language { get; init; } = "fr";
    public IReadOnlyList<Guid> CompanyIds { get; init; } = [];
}

/// <summary>A problem with the input: the field (<c>Name</c>, <c>Message</c> …, empty for the whole form) and a code the site words.</summary>
public sealed record ContactRequestProblem(string Field, string Code);

/// <summary>Why a company can or cannot be contacted through the site.</summary>
public enum Reachability
{
    Reachable = 0,
    NoEmail = 1,
    RequestsOff = 2,
    NotPublished = 3,
}

/// <summary>A company a request may go to, and whether it can.</summary>
public sealed record RequestTarget(Guid Id, string Name, string Slug, Reachability Reach);

public enum ContactRequestOutcome
{
    Created = 0,

    /// <summary>Field problems (see <see cref="CreatedRequest.Problems"/>): nothing stored.</summary>
    Invalid = 1,

    /// <summary>Refused without saying why (a blocked sender): nothing stored.</summary>
    Refused = 2,

    /// <summary>Too many requests from this address lately (429): nothing stored.</summary>
    TooMany = 3,
}

public sealed record CreatedRequest(ContactRequestOutcome Outcome, ContactRequest? Request, IReadOnlyList<ContactRequestProblem> Problems)
{
    public static CreatedRequest Fail(ContactRequestOutcome outcome, params ContactRequestProblem[] problems) => new(outcome, null, problems);
}

public enum ConfirmOutcome
{
    /// <summary>Confirmed now: the mails in <see cref="ConfirmedRequest.Mails"/> are recorded and to be sent.</summary>
    Confirmed = 0,

    /// <summary>Confirmed before (a second click): nothing to send.</summary>
    AlreadyConfirmed = 1,

    NotFound = 2,
    Expired = 3,
    Refused = 4,
    TooMany = 5,
}

/// <summary>A mail to one company, recorded before it is sent.</summary>
public sealed record RecipientMail(Guid RequestId, Guid CompanyId, string CompanyName, string Address);

public sealed record ConfirmedRequest(ConfirmOutcome Outcome, ContactRequest? Request, IReadOnlyList<RecipientMail> Mails);

/// <summary>A line of a company's "Demandes reçues".</summary>
public sealed record ReceivedRequest(Guid RequestId, ContactRequestKind Kind, string Subject, string BuyerName, string? BuyerOrganisation,
    DateTime SentAt, RecipientStatus Status, int Version);

/// <summary>One received request, opened by a member.</summary>
public sealed record ReceivedRequestDetail(ContactRequest Request, ContactRecipient Recipient);

/// <summary>Per company, what the buyer's follow-up page shows.</summary>
public sealed record FollowUpLine(Guid CompanyId, string CompanyName, string Slug, DateTime? SentAt, DateTime? OpenedAt, RecipientStatus Status, bool Failed);

public enum StatusChange
{
    Changed = 0,
    NotFound = 1,

    /// <summary>Someone else changed it first (the version read is not the current one).</summary>
    Conflict = 2,
}

/// <summary>The per-email limits; the site may read them from its configuration.</summary>
public sealed class ContactRequestLimits
{
    /// <summary>Requests confirmed (sent) per address over the last 24 hours.</summary>
    [Range(1, 1000)]
    public int ConfirmedPerDay { get; set; } = 5;

    /// <summary>Requests waiting for confirmation created per address over the last hour.</summary>
    [Range(1, 1000)]
    public int UnconfirmedPerHour { get; set; } = 3;

    /// <summary>How long the mailed confirmation link works.</summary>
    public TimeSpan ConfirmWithin { get; set; } = TimeSpan.FromHours(48);

    /// <summary>How long a request is kept (the consent text says "supprimée après un an").</summary>
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How long a request never confirmed is kept after its link expired (someone may have typed another's address).</summary>
    public TimeSpan KeepUnconfirmedFor { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>
/// Buyers' contact and quote requests (issue #19, part 1). <see cref="CreateAsync"/> checks and stores a request
/// (nothing is mailed); <see cref="ConfirmAsync"/>, when the buyer follows the mailed link, records each company's mail
/// before it is sent and hands the mails out once (a second click sends nothing). Then the companies' members list and
/// file them (<see cref="ReceivedAsync"/>, <see cref="OpenAsync"/>, <see cref="SetStatusAsync"/>) and the buyer sees
/// which companies opened it (<see cref="FollowUpAsync"/>).
/// </summary>
public sealed class ContactRequests(AppDbContext db, BuyerGuard guard, TimeProvider clock, ContactRequestLimits limits)
{
    /// <summary>The companies given, in order, with whether a request can reach each.</summary>
    public async Task<IReadOnlyList<RequestTarget>> TargetsAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var rows = await db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.TradeName, c.LegalName, c.Slug, c.Email, c.Status, c.RequestsOff })
            .ToListAsync(cancellationToken);
        return [.. ids.Distinct().Select(id => rows.FirstOrDefault(r => r.Id == id)).Where(r => r is not null)
            .Select(r => new RequestTarget(r!.Id, r.TradeName ?? r.LegalName, r.Slug, ReachOf(r.Status, r.Email, r.RequestsOff)))];
    }

    /// <summary>The published companies with these slugs, in order, with whether a request can reach each.</summary>
    public async Task<IReadOnlyList<RequestTarget>> TargetsBySlugAsync(IReadOnlyList<string> slugs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slugs);
        var rows = await db.Companies.AsNoTracking().Where(c => slugs.Contains(c.Slug) && c.Status == PublicationStatus.Published)
            .Select(c => new { c.Id, c.TradeName, c.LegalName, c.Slug, c.Email, c.Status, c.RequestsOff })
            .ToListAsync(cancellationToken);
        return [.. slugs.Distinct(StringComparer.Ordinal).Select(s => rows.FirstOrDefault(r => r.Slug == s)).Where(r => r is not null)
            .Select(r => new RequestTarget(r!.Id, r.TradeName ?? r.LegalName, r.Slug, ReachOf(r.Status, r.Email, r.RequestsOff)))];
    }

    public static Reachability ReachOf(Company company)
    {
        ArgumentNullException.ThrowIfNull(company);
        return ReachOf(company.Status, company.Email, company.RequestsOff);
    }

    private static Reachability ReachOf(PublicationStatus status, string? email, bool requestsOff) =>
        status != PublicationStatus.Published ? Reachability.NotPublished
        : string.IsNullOrWhiteSpace(email) ? Reachability.NoEmail
        : requestsOff ? Reachability.RequestsOff
        : Reachability.Reachable;

    /// <summary>Checks and stores a request, waiting for its confirmation. Nothing is mailed to any company.</summary>
    public async Task<CreatedRequest> CreateAsync(ContactRequestInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var problems = Validate(input, DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, Noumea)));
        var ids = input.CompanyIds.Distinct().ToList();
        var targets = await TargetsAsync(ids, cancellationToken);
        var reachable = targets.Where(t => t.Reach == Reachability.Reachable).ToList();
        if (reachable.Count == 0)
        {
            problems.Add(new(string.Empty, "NoRecipient"));
        }
        else if (reachable.Count > ContactRequest.MaxRecipients)
        {
            problems.Add(new(string.Empty, "TooManyRecipients"));
        }
        if (problems.Count > 0)
        {
            return new(ContactRequestOutcome.Invalid, null, problems);
        }
        var email = BuyerGuard.Fold(input.Email!);
        if (await guard.IsBlockedAsync(email, cancellationToken))
        {
            return CreatedRequest.Fail(ContactRequestOutcome.Refused, new ContactRequestProblem(string.Empty, "Refused"));
        }
        if (await TooManyAsync(email, now, unconfirmedToo: true, cancellationToken))
        {
            return CreatedRequest.Fail(ContactRequestOutcome.TooMany, new ContactRequestProblem(string.Empty, "TooMany"));
        }
        var request = new ContactRequest
        {
            Kind = input.Kind,
            Status = ContactRequestStatus.AwaitingConfirmation,
            Buyer = new BuyerContact { Name = input.Name!.Trim(), Organisation = Text(input.Organisation), Email = email, Phone = Text(input.Phone) },
            Subject = input.Subject!.Trim(),
            Message = input.Message!.Trim(),
            DesiredDate = input.DesiredDate,
            BudgetBand = Text(input.BudgetBand),
            Language = input.Language == "en" ? "en" : "fr",
            ConsentedAt = now,
            CreatedAt = now,
        };
        request.Recipients.AddRange(reachable.Select(t => new ContactRecipient { RequestId = request.Id, CompanyId = t.Id }));
        db.ContactRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        return new(ContactRequestOutcome.Created, request, []);
    }

    /// <summary>The field problems of a request's text (the recipients and the limits are checked by <see cref="CreateAsync"/>).</summary>
    public static List<ContactRequestProblem> Validate(ContactRequestInput input, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<ContactRequestProblem>();
        void Check(string field, string? value, bool required, int max)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                if (required)
                {
                    problems.Add(new(field, "Required"));
                }
            }
            else if (value.Trim().Length > max)
            {
                problems.Add(new(field, "TooLong"));
            }
        }
        Check(nameof(input.Name), input.Name, required: true, BuyerContact.NameMaxLength);
        Check(nameof(input.Organisation), input.Organisation, required: false, BuyerContact.OrganisationMaxLength);
        Check(nameof(input.Email), input.Email, required: true, BuyerContact.EmailMaxLength);
        if (!string.IsNullOrWhiteSpace(input.Email) && input.Email.Trim().Length <= BuyerContact.EmailMaxLength && !IsEmail(input.Email.Trim()))
        {
            problems.Add(new(nameof(input.Email), "Invalid"));
        }
        Check(nameof(input.Phone), input.Phone, required: false, BuyerContact.PhoneMaxLength);
        if (!string.IsNullOrWhiteSpace(input.Phone) && !input.Phone.Trim().All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '.' or '-' or '(' or ')'))
        {
            problems.Add(new(nameof(input.Phone), "Invalid"));
        }
        Check(nameof(input.Subject), input.Subject, required: true, ContactRequest.SubjectMaxLength);
        Check(nameof(input.Message), input.Message, required: true, ContactRequest.MessageMaxLength);
        if (!string.IsNullOrWhiteSpace(input.Message) && input.Message.Trim().Length < ContactRequest.MessageMinLength)
        {
            problems.Add(new(nameof(input.Message), "TooShort"));
        }
        // Names and organisations are text too: a link anywhere would be relayed to the companies.
        foreach (var (field, value) in new[] { (nameof(input.Subject), input.Subject), (nameof(input.Message), input.Message), (nameof(input.Name), input.Name), (nameof(input.Organisation), input.Organisation) })
        {
            if (BuyerGuard.HasLink(value) && problems.All(p => p.Field != field))
            {
                problems.Add(new(field, "Link"));
            }
        }
        if (input.DesiredDate is { } date && (date < today || date > today.AddYears(2)))
        {
            problems.Add(new(nameof(input.DesiredDate), date < today ? "DatePast" : "DateFar"));
        }
        if (!string.IsNullOrEmpty(input.BudgetBand) && !BudgetBands.IsKnown(input.BudgetBand))
        {
            problems.Add(new(nameof(input.BudgetBand), "Invalid"));
        }
        if (!input.Consent)
        {
            problems.Add(new(nameof(input.Consent), "Required"));
        }
        return problems;
    }

    private static bool IsEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == value.LastIndexOf('@') && value.IndexOf('.', at) > at + 1 && !value.EndsWith('.') && !value.Any(char.IsWhiteSpace)
            && new EmailAddressAttribute().IsValid(value);
    }

    private async Task<bool> TooManyAsync(string email, DateTime now, bool unconfirmedToo, CancellationToken cancellationToken)
    {
        var dayAgo = now.AddDays(-1);
        var recent = await db.ContactRequests.AsNoTracking()
            .Where(r => r.CreatedAt > dayAgo.AddDays(-3) && r.Buyer.Email == email)
            .Select(r => new { r.Status, r.CreatedAt, r.ConfirmedAt })
            .ToListAsync(cancellationToken);
        var hourAgo = now.AddHours(-1);
        return recent.Count(r => r.Status == ContactRequestStatus.Sent && r.ConfirmedAt > dayAgo) >= limits.ConfirmedPerDay
            || (unconfirmedToo && recent.Count(r => r.Status == ContactRequestStatus.AwaitingConfirmation && r.CreatedAt > hourAgo) >= limits.UnconfirmedPerHour);
    }

    /// <summary>
    /// The buyer followed the link: marks the request sent (once, even for two clicks at the same time), records each
    /// company's mail (its current contact address; a company that turned requests off or lost its address since is
    /// left out, with why) and returns the mails to send.
    /// </summary>
    public async Task<ConfirmedRequest> ConfirmAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var request = await db.ContactRequests.Include(r => r.Recipients).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return new(ConfirmOutcome.NotFound, null, []);
        }
        if (request.Status == ContactRequestStatus.Sent)
        {
            return new(ConfirmOutcome.AlreadyConfirmed, request, []);
        }
        if (request.Status == ContactRequestStatus.Expired || request.CreatedAt + limits.ConfirmWithin < now)
        {
            return new(ConfirmOutcome.Expired, request, []);
        }
        if (await guard.IsBlockedAsync(request.Buyer.Email, cancellationToken))
        {
            return new(ConfirmOutcome.Refused, request, []);
        }
        if (await TooManyAsync(request.Buyer.Email, now, unconfirmedToo: false, cancellationToken))
        {
            return new(ConfirmOutcome.TooMany, request, []);
        }
        // The claim: of two clicks at once, only one changes the row.
        var claimed = await db.ContactRequests.Where(r => r.Id == id && r.Status == ContactRequestStatus.AwaitingConfirmation)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, ContactRequestStatus.Sent).SetProperty(r => r.ConfirmedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return new(ConfirmOutcome.AlreadyConfirmed, request, []);
        }
        request.Status = ContactRequestStatus.Sent;
        request.ConfirmedAt = now;
        db.Entry(request).State = EntityState.Unchanged;
        var ids = request.Recipients.Select(r => r.CompanyId).ToList();
        var companies = await db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, Name = c.TradeName ?? c.LegalName, c.Email, c.Status, c.RequestsOff })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var mails = new List<RecipientMail>();
        foreach (var recipient in request.Recipients)
        {
            var company = companies.GetValueOrDefault(recipient.CompanyId);
            var reach = company is null ? Reachability.NotPublished : ReachOf(company.Status, company.Email, company.RequestsOff);
            if (reach != Reachability.Reachable)
            {
                recipient.Failure = reach.ToString();
                continue;
            }
            recipient.SentTo = company!.Email!.Trim();
            recipient.SentAt = now;
            mails.Add(new(request.Id, recipient.CompanyId, company.Name, recipient.SentTo));
        }
        await db.SaveChangesAsync(cancellationToken);
        return new(ConfirmOutcome.Confirmed, request, mails);
    }

    /// <summary>
    /// Deletes what is no longer kept: requests older than <see cref="ContactRequestLimits.KeepFor"/> (with their
    /// recipients, so the companies' lists lose them too), and requests never confirmed, a week after their link
    /// expired. Returns how many requests went.
    /// </summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var old = now - limits.KeepFor;
        var unconfirmed = now - limits.ConfirmWithin - limits.KeepUnconfirmedFor;
        var ids = await db.ContactRequests
            .Where(r => r.CreatedAt < old || (r.Status != ContactRequestStatus.Sent && r.CreatedAt < unconfirmed))
            .Select(r => r.Id).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }
        await db.ContactRecipients.Where(r => ids.Contains(r.RequestId)).ExecuteDeleteAsync(cancellationToken);
        return await db.ContactRequests.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Notes why a recorded mail could not be sent (it is not sent again; the company does not list it).</summary>
    public Task FailedAsync(Guid requestId, Guid companyId, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var failure = reason.Length > ContactRecipient.FailureMaxLength ? reason[..ContactRecipient.FailureMaxLength] : reason;
        return db.ContactRecipients.Where(r => r.RequestId == requestId && r.CompanyId == companyId)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Failure, failure), cancellationToken);
    }

    /// <summary>A company's received requests (sent to it), newest first.</summary>
    public async Task<IReadOnlyList<ReceivedRequest>> ReceivedAsync(Guid companyId, CancellationToken cancellationToken)
    {
        var rows = await db.ContactRecipients.AsNoTracking()
            .Where(r => r.CompanyId == companyId && r.SentAt != null && r.Failure == null)
            .Join(db.ContactRequests, r => r.RequestId, q => q.Id, (r, q) => new { r, q })
            .Select(x => new ReceivedRequest(x.q.Id, x.q.Kind, x.q.Subject, x.q.Buyer.Name, x.q.Buyer.Organisation, x.r.SentAt!.Value, x.r.Status, x.r.Version))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.SentAt)];
    }

    /// <summary>How many new (unopened) requests each of these companies has.</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> CountNewAsync(IReadOnlyList<Guid> companyIds, CancellationToken cancellationToken) =>
        await db.ContactRecipients.AsNoTracking()
            .Where(r => companyIds.Contains(r.CompanyId) && r.SentAt != null && r.Failure == null && r.Status == RecipientStatus.New)
            .GroupBy(r => r.CompanyId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>
    /// One received request with the buyer's details. A member's opening (<paramref name="byMember"/>) marks a new one
    /// read and, the first time, the date the buyer's follow-up shows; a moderator's does not.
    /// </summary>
    public async Task<ReceivedRequestDetail?> OpenAsync(Guid companyId, Guid requestId, bool byMember, CancellationToken cancellationToken)
    {
        var recipient = await db.ContactRecipients
            .SingleOrDefaultAsync(r => r.CompanyId == companyId && r.RequestId == requestId && r.SentAt != null && r.Failure == null, cancellationToken);
        if (recipient is null)
        {
            return null;
        }
        var request = await db.ContactRequests.AsNoTracking().SingleAsync(r => r.Id == requestId, cancellationToken);
        if (byMember && (recipient.OpenedAt is null || recipient.Status == RecipientStatus.New))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            recipient.OpenedAt ??= now;
            if (recipient.Status == RecipientStatus.New)
            {
                recipient.Status = RecipientStatus.Read;
                recipient.StatusChangedAt = now;
            }
            recipient.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another member opened or filed it at the same moment: theirs stands.
                await db.Entry(recipient).ReloadAsync(cancellationToken);
            }
        }
        return new(request, recipient);
    }

    /// <summary>Files a received request (read, answered, archived, or back to new) if nobody changed it since <paramref name="version"/>.</summary>
    public async Task<StatusChange> SetStatusAsync(Guid companyId, Guid requestId, RecipientStatus status, int version, CancellationToken cancellationToken)
    {
        var recipient = await db.ContactRecipients
            .SingleOrDefaultAsync(r => r.CompanyId == companyId && r.RequestId == requestId && r.SentAt != null && r.Failure == null, cancellationToken);
        if (recipient is null)
        {
            return StatusChange.NotFound;
        }
        if (recipient.Version != version)
        {
            return StatusChange.Conflict;
        }
        db.Entry(recipient).Property(r => r.Version).OriginalValue = version;
        recipient.Status = status;
        recipient.StatusChangedAt = clock.GetUtcNow().UtcDateTime;
        recipient.Version = version + 1;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return StatusChange.Changed;
        }
        catch (DbUpdateConcurrencyException)
        {
            return StatusChange.Conflict;
        }
    }

    /// <summary>The buyer's follow-up: the request and, per company, sent / opened / status.</summary>
    public async Task<(ContactRequest Request, IReadOnlyList<FollowUpLine> Lines)?> FollowUpAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var request = await db.ContactRequests.AsNoTracking().Include(r => r.Recipients).SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            return null;
        }
        var ids = request.Recipients.Select(r => r.CompanyId).ToList();
        var companies = await db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, Name = c.TradeName ?? c.LegalName, c.Slug }).ToDictionaryAsync(c => c.Id, cancellationToken);
        return (request, [.. request.Recipients.Where(r => companies.ContainsKey(r.CompanyId))
            .Select(r => new FollowUpLine(r.CompanyId, companies[r.CompanyId].Name, companies[r.CompanyId].Slug, r.SentAt, r.OpenedAt, r.Status, r.Failure != null || r.SentAt == null))
            .OrderBy(l => l.CompanyName, StringComparer.CurrentCultureIgnoreCase)]);
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static readonly TimeZoneInfo Noumea = Statistics.MonthlySnapshotService.Noumea;
}
