using AnnuaireFiliere.Core.Companies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnnuaireFiliere.Core.Tests.Companies;

/// <summary>A profile's audience: one row per company and New Caledonia day, added to by each view and contact click.</summary>
public sealed class ProfileAudienceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Views_and_clicks_add_up_in_one_row_per_company_and_noumea_day_and_the_last_days_are_summed()
    {
        var (lagoon, reef) = (SampleCompanies.Valid("lagon-audience"), SampleCompanies.Valid("recif-audience"));
        await using (var db = _database.Context())
        {
            db.Companies.AddRange(lagoon, reef);
            await db.SaveChangesAsync(Cancel);
        }
        // 2026-11-02 09:30 UTC is 20:30 in Nouméa; at 13:00 UTC it is already the 3rd there.
        await using (var db = _database.Context())
        {
            var audience = new ProfileAudience(db, _database.Clock, NullLogger<ProfileAudience>.Instance);
            await audience.CountViewAsync(lagoon.Id, Cancel);
            await audience.CountViewAsync(lagoon.Id, Cancel);
            await audience.CountContactClickAsync(lagoon.Id, Cancel);
            _database.Clock.Advance(TimeSpan.FromHours(3.5));
            await audience.CountViewAsync(lagoon.Id, Cancel);
            await audience.CountContactClickAsync(reef.Id, Cancel);
        }

        await using var read = _database.Context();
        var rows = await read.ProfileDailyCounts.AsNoTracking().OrderBy(c => c.Day).ToListAsync(Cancel);
        Assert.Equal(
            [(lagoon.Id, new DateOnly(2026, 11, 2), 2, 1), (lagoon.Id, new DateOnly(2026, 11, 3), 1, 0), (reef.Id, new DateOnly(2026, 11, 3), 0, 1)],
            rows.OrderBy(r => r.CompanyId == reef.Id).ThenBy(r => r.Day).Select(r => (r.CompanyId, r.Day, r.Views, r.ContactClicks)));

        // Thirty days later the first day has left the window; the second is still in it.
        _database.Clock.Advance(TimeSpan.FromDays(29));
        var totals = await new ProfileAudience(read, _database.Clock, NullLogger<ProfileAudience>.Instance).LastDaysAsync([lagoon.Id, reef.Id, Guid.NewGuid()], ProfileAudience.DashboardDays, Cancel);
        Assert.Equal(new ProfileAudienceTotal(1, 0), totals[lagoon.Id]);
        Assert.Equal(new ProfileAudienceTotal(0, 1), totals[reef.Id]);
        Assert.Equal(2, totals.Count);
    }

    [Fact]
    public async Task A_count_the_database_refuses_is_lost_without_failing_the_caller()
    {
        await using var db = _database.Context();

        // No such company: the row breaks its foreign key.
        await new ProfileAudience(db, _database.Clock, NullLogger<ProfileAudience>.Instance).CountContactClickAsync(Guid.NewGuid(), Cancel);

        Assert.False(await db.ProfileDailyCounts.AnyAsync(Cancel));
    }

    [Fact]
    public async Task The_counts_go_with_their_company()
    {
        var company = SampleCompanies.Valid("audience-supprimee");
        await using var db = _database.Context();
        db.Companies.Add(company);
        await db.SaveChangesAsync(Cancel);
        await new ProfileAudience(db, _database.Clock, NullLogger<ProfileAudience>.Instance).CountViewAsync(company.Id, Cancel);

        await db.Companies.Where(c => c.Id == company.Id).ExecuteDeleteAsync(Cancel);

        Assert.False(await db.ProfileDailyCounts.AnyAsync(Cancel));
    }
}
