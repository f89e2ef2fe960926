using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Web.Infrastructure;
using AnnuaireFiliere.Web.Infrastructure.Mail;
using AnnuaireFiliere.Web.Features.Search;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using AnnuaireFiliere.Web.Features.Accounts;

namespace AnnuaireFiliere.Web.Features.Moderation;

/// <summary>
/// The one-click link of the yearly "is your profile still right?" mail: company and owner, signed and time-limited
/// by ASP.NET Data Protection. Holding the mailed link is the proof: no sign-in is needed to confirm.
/// </summary>
public sealed class FreshnessLinks(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Purpose = "AnnuaireFiliere.Freshness.Confirm.v1";

    /// <summary>How long a mailed link works.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(60);

    private readonly SignedIds _ids = new(protection, Purpose, clock);

    public string Token(Guid companyId, Guid userId) => _ids.Sign(clock.GetUtcNow() + Lifetime, companyId, userId);

    /// <summary>The company and owner of a token, or <c>null</c> when it is forged, damaged or expired.</summary>
    public (Guid CompanyId, Guid UserId)? Read(string? token) => _ids.Read(token, 2) is [var company, var user] ? (company, user) : null;
}

/// <summary>
/// Mails, once a year per company, each owner of a published profile not confirmed for 12 months, with a one-click
/// confirmation link (<c>/mon-espace/confirmer</c>). Checks at start and every six hours; a pass mails at most
/// <see cref="BatchSize"/> companies (the next pass goes on).
/// </summary>
public sealed partial class FreshnessMailer(IServiceScopeFactory scopes, TimeProvider clock, ILogger<FreshnessMailer> logger)
    : PeriodicMailer(scopes, TimeSpan.FromHours(6), clock, logger)
{
    public const int BatchSize = 200;

    /// <summary>One pass: mails the owners of the profiles due; returns how many companies were mailed.</summary>
    protected override async Task<int> PassAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var mails = services.GetRequiredService<AccountMails>();
        var links = services.GetRequiredService<PageLinks>();
        var tokens = services.GetRequiredService<FreshnessLinks>();
        var now = Clock.GetUtcNow().UtcDateTime;
        var yearAgo = now.AddMonths(-12);
        var due = await db.Companies.AsNoTracking()
            .Where(c => c.Status == PublicationStatus.Published
                && (c.LastConfirmedAt ?? c.PublishedAt ?? c.CreatedAt) < yearAgo
                && (c.FreshnessMailedAt == null || c.FreshnessMailedAt < yearAgo)
                && db.CompanyMembers.Any(m => m.CompanyId == c.Id && m.Role == MemberRole.Owner))
            .OrderBy(c => c.FreshnessMailedAt ?? c.CreatedAt)
            .Select(c => new { c.Id, Name = c.TradeName ?? c.LegalName, Last = c.LastConfirmedAt ?? c.PublishedAt ?? c.CreatedAt })
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var company in due)
        {
            // Marked first, without touching the profile's version: a failed mail is not sent again every six hours.
            await db.Companies.Where(c => c.Id == company.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.FreshnessMailedAt, now), cancellationToken);
            foreach (var owner in await db.Owners(company.Id).AsNoTracking().ToListAsync(cancellationToken))
            {
                var link = links.Absolute("/MySpace/ConfirmFreshness", new { jeton = tokens.Token(company.Id, owner.Id) });
                await mails.SendAsync(owner, "Mail.Freshness", link, [company.Name, Display.Date(company.Last)], cancellationToken: cancellationToken);
            }
        }
        if (due.Count > 0)
        {
            LogMailed(Logger, due.Count);
        }
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Freshness mails sent for {Companies} companies")]
    private static partial void LogMailed(ILogger logger, int companies);
}
