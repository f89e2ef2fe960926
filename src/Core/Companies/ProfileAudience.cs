using AnnuaireFiliere.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AnnuaireFiliere.Core.Companies;

/// <summary>
/// A published profile's audience on one day (New Caledonia's date): how many times its page was seen and how many
/// times a visitor followed one of its contact links. Counts and nothing else: no address, account, session or hour.
/// </summary>
public sealed class ProfileDailyCount
{
    public Guid CompanyId { get; init; }

    public DateOnly Day { get; init; }

    public int Views { get; init; }

    public int ContactClicks { get; init; }
}

/// <summary>A profile's views and contact clicks over some days.</summary>
public sealed record ProfileAudienceTotal(int Views, int ContactClicks)
{
    public static readonly ProfileAudienceTotal None = new(0, 0);
}

/// <summary>
/// Counts what the members of a company see on their dashboard: the views of its public profile and the clicks on
/// its contact links. Each count is one upsert of the day's row (<see cref="ProfileDailyCount"/>); the caller decides
/// what counts (not a crawler, not the company's own members). A count the database refuses (busy past its timeout)
/// is lost and logged: it never fails the visitor's page.
/// </summary>
public sealed partial class ProfileAudience(AppDbContext db, TimeProvider clock, ILogger<ProfileAudience> logger)
{
    /// <summary>The days the dashboard sums, today included.</summary>
    public const int DashboardDays = 30;

    /// <summary>New Caledonia's date now: the day counts go to.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Statistics.MonthlySnapshotService.Noumea).DateTime);

    public Task CountViewAsync(Guid companyId, CancellationToken cancellationToken) => AddAsync(companyId, 1, 0, cancellationToken);

    public Task CountContactClickAsync(Guid companyId, CancellationToken cancellationToken) => AddAsync(companyId, 0, 1, cancellationToken);

    /// <summary>The totals of the last <paramref name="days"/> days (today included) of each company asked; none for a company never counted.</summary>
    public async Task<IReadOnlyDictionary<Guid, ProfileAudienceTotal>> LastDaysAsync(IReadOnlyCollection<Guid> companyIds, int days,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(companyIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var since = Today.AddDays(1 - days);
        var totals = await db.ProfileDailyCounts.AsNoTracking()
            .Where(c => companyIds.Contains(c.CompanyId) && c.Day >= since)
            .GroupBy(c => c.CompanyId)
            .Select(g => new { CompanyId = g.Key, Views = g.Sum(c => c.Views), ContactClicks = g.Sum(c => c.ContactClicks) })
            .ToListAsync(cancellationToken);
        return totals.ToDictionary(t => t.CompanyId, t => new ProfileAudienceTotal(t.Views, t.ContactClicks));
    }

    private async Task AddAsync(Guid companyId, int views, int clicks, CancellationToken cancellationToken)
    {
        var day = Today;
        try
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "ProfileDailyCounts" ("CompanyId", "Day", "Views", "ContactClicks") VALUES ({companyId}, {day}, {views}, {clicks})
                ON CONFLICT ("CompanyId", "Day") DO UPDATE SET "Views" = "ProfileDailyCounts"."Views" + excluded."Views", "ContactClicks" = "ProfileDailyCounts"."ContactClicks" + excluded."ContactClicks"
                """, cancellationToken);
        }
        catch (System.Data.Common.DbException failed)
        {
            LogNotCounted(failed, companyId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Profile audience: a count of company {CompanyId} could not be written and is lost")]
    private partial void LogNotCounted(Exception exception, Guid companyId);
}
