using System.Text.Encodings.Web;
using System.Text.Json;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.MySpace;

/// <summary>A company found for a RIDET number: whether it has an owner (claim or join) and what this account already asked.</summary>
public sealed record RidetMatch(Guid Id, string Name, string Slug, string? Website, bool HasOwner, bool IsMember, bool HasPendingRequest);

/// <summary>A published company that looks like the one being registered (same commune, similar name).</summary>
public sealed record LikelyDuplicate(string Name, string Slug);

public enum AccessRequestOutcome
{
    Created,
    AlreadyPending,
    AlreadyMember,
    UnknownCompany,
}

/// <summary>
/// The registration wizard's work behind <c>/mon-espace/inscrire</c>: the account's open draft, RIDET look-up,
/// claims and join requests, likely duplicates. The submission itself is <see cref="CompanyLifecycle.SubmitAsync"/>.
/// </summary>
public sealed class CompanyRegistration(AppDbContext db, AccountMails mails, PageLinks links, TimeProvider clock)
{
    // Accented letters kept as they are, so a draft's size is close to what was typed.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The account's unfinished draft (one at most), or <c>null</c>.</summary>
    public Task<RegistrationDraft?> OpenDraftAsync(Guid userId, CancellationToken cancellationToken) =>
        db.RegistrationDrafts.Where(d => d.UserId == userId && d.CompanyId == null)
            .OrderByDescending(d => d.UpdatedAt).FirstOrDefaultAsync(cancellationToken);

    public static ProfileInput Read(RegistrationDraft? draft)
    {
        if (draft is null)
        {
            return new ProfileInput();
        }
        try
        {
            return JsonSerializer.Deserialize<ProfileInput>(draft.Data, Json) ?? new ProfileInput();
        }
        catch (JsonException)
        {
            return new ProfileInput();
        }
    }

    /// <summary>
    /// Saves the form as the account's open draft (created on the first step), at <paramref name="step"/>; <c>false</c>
    /// when the form is larger than a draft may be (only texts far beyond the form's limits get there).
    /// </summary>
    public async Task<bool> SaveAsync(Guid userId, string step, ProfileInput input, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var data = JsonSerializer.Serialize(input, Json);
        if (data.Length > RegistrationDraft.DataMaxLength)
        {
            return false;
        }
        var draft = await OpenDraftAsync(userId, cancellationToken);
        if (draft is null)
        {
            draft = new RegistrationDraft { UserId = userId, Step = step, Data = data, CreatedAt = now, UpdatedAt = now };
            db.RegistrationDrafts.Add(draft);
        }
        else
        {
            (draft.Step, draft.Data, draft.UpdatedAt) = (step, data, now);
        }
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The published companies registered under this RIDET's company number (any of its establishments): what a
    /// visitor could see anyway. Nothing of an unpublished company is shown (docs/adr/0020).
    /// </summary>
    public async Task<IReadOnlyList<RidetMatch>> FindByRidetAsync(Ridet ridet, Guid userId, CancellationToken cancellationToken)
    {
        var rid = ridet.Rid;
        var establishments = rid + ".%";
        return await db.Companies
            .FromSqlInterpolated($"SELECT * FROM \"Companies\" WHERE \"Ridet\" = {rid} OR \"Ridet\" LIKE {establishments}")
            .AsNoTracking()
            .Where(c => c.Status == PublicationStatus.Published)
            .OrderBy(c => c.LegalName)
            .Select(c => new RidetMatch(c.Id, c.TradeName ?? c.LegalName, c.Slug, c.Website,
                db.CompanyMembers.Any(m => m.CompanyId == c.Id && m.Role == MemberRole.Owner),
                db.CompanyMembers.Any(m => m.CompanyId == c.Id && m.UserId == userId),
                db.AccessRequests.Any(r => r.CompanyId == c.Id && r.UserId == userId && r.Status == RequestStatus.Pending)))
            .Take(10)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Asks for a published company (any other is <see cref="AccessRequestOutcome.UnknownCompany"/>): a claim when it
    /// has no owner (moderators decide), a request to join otherwise (its owners are mailed a link to their members
    /// page). One pending request per account and company.
    /// </summary>
    public async Task<AccessRequestOutcome> RequestAccessAsync(Guid userId, string email, Guid companyId, string? message, CancellationToken cancellationToken)
    {
        var company = await db.Companies.AsNoTracking()
            .Where(c => c.Id == companyId && c.Status == PublicationStatus.Published)
            .Select(c => new { c.Id, Name = c.TradeName ?? c.LegalName, c.Website })
            .SingleOrDefaultAsync(cancellationToken);
        if (company is null)
        {
            return AccessRequestOutcome.UnknownCompany;
        }
        if (await db.CompanyMembers.AnyAsync(m => m.CompanyId == companyId && m.UserId == userId, cancellationToken))
        {
            return AccessRequestOutcome.AlreadyMember;
        }
        if (await db.AccessRequests.AnyAsync(r => r.CompanyId == companyId && r.UserId == userId && r.Status == RequestStatus.Pending, cancellationToken))
        {
            return AccessRequestOutcome.AlreadyPending;
        }
        var owners = await db.CompanyMembers.Where(m => m.CompanyId == companyId && m.Role == MemberRole.Owner)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u).ToListAsync(cancellationToken);
        var text = string.IsNullOrWhiteSpace(message) ? null : message.Trim();
        db.AccessRequests.Add(new AccessRequest
        {
            CompanyId = companyId,
            UserId = userId,
            Kind = owners.Count == 0 ? AccessRequestKind.Claim : AccessRequestKind.Join,
            Message = text is { Length: > AccessRequest.MessageMaxLength } ? text[..AccessRequest.MessageMaxLength] : text,
            EmailDomainMatchesWebsite = owners.Count == 0 && DomainMatches(email, company.Website),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        foreach (var owner in owners.Where(o => o.Email is not null))
        {
            await mails.SendAsync(owner, "Mail.JoinRequest", links.Absolute("/MySpace/Members", new { id = companyId }),
                [email, company.Name], text, cancellationToken);
        }
        return AccessRequestOutcome.Created;
    }

    /// <summary>The company holding exactly this RIDET (one company per RIDET), whatever its status.</summary>
    public Task<RidetHolder?> HolderAsync(Ridet ridet, CancellationToken cancellationToken) => db.RidetHolderAsync(ridet, null, cancellationToken);

    /// <summary>Whether an email address's domain is the website's host (ignoring <c>www.</c>).</summary>
    public static bool DomainMatches(string email, string? website)
    {
        var at = email.LastIndexOf('@');
        if (at < 0 || website is null || !Uri.TryCreate(website, UriKind.Absolute, out var uri))
        {
            return false;
        }
        static string Bare(string host) => host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
        return string.Equals(Bare(email[(at + 1)..].Trim()), Bare(uri.Host), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Published companies of the commune whose name looks like one of <paramref name="names"/>.</summary>
    public async Task<IReadOnlyList<LikelyDuplicate>> LikelyDuplicatesAsync(IEnumerable<string?> names, string? communeCode, CancellationToken cancellationToken)
    {
        var wanted = names.Select(n => NormalizeName(n ?? string.Empty)).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0 || string.IsNullOrWhiteSpace(communeCode))
        {
            return [];
        }
        var candidates = await db.Companies.AsNoTracking()
            .Where(c => c.CommuneCode == communeCode && c.Status == PublicationStatus.Published)
            .Select(c => new { c.LegalName, c.TradeName, c.Slug })
            .ToListAsync(cancellationToken);
        return [.. candidates
            .Where(c => wanted.Contains(NormalizeName(c.LegalName)) || (c.TradeName is not null && wanted.Contains(NormalizeName(c.TradeName))))
            .Select(c => new LikelyDuplicate(c.TradeName ?? c.LegalName, c.Slug))
            .Take(5)];
    }

    private static readonly HashSet<string> LegalFormWords = new(StringComparer.Ordinal)
    {
        "sarl", "sarlu", "sas", "sasu", "sa", "eurl", "sci", "snc", "scop", "sep", "ei", "eirl", "ste", "societe", "ets",
        "etablissements", "association", "asso", "cie", "compagnie", "groupe", "entreprise", "et", "de", "des", "du", "la", "le", "les", "l", "d",
    };

    /// <summary>A name for comparison: no accents, no case, no punctuation, no legal-form words ("SARL Océan Info" → "ocean info").</summary>
    public static string NormalizeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = Slugs.From(name).Split('-', StringSplitOptions.RemoveEmptyEntries).Where(w => !LegalFormWords.Contains(w));
        return string.Join(' ', words) is { Length: > 0 } normalized && normalized != "entreprise" ? normalized : string.Empty;
    }
}
