using System.Data.Common;
using System.Diagnostics;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AnnuaireFiliere.Core.Statistics;

/// <summary>The facts of every company (all statuses) at one moment.</summary>
public sealed record CompanyFacts(FactTable All, string Stamp, DateTime AsOf);

/// <summary>
/// The facts of the whole directory, kept in memory and reloaded when the database changed: any segment is then
/// counted from memory instead of reading every company again. Whether it changed is one aggregate query (count,
/// sum of versions, last update) on a covering index, asked at most once per <see cref="RecheckInterval"/>; every
/// save bumps a version. A reload (about 1.5 s at 100,000 companies) runs in the background: a request waits for
/// it up to <see cref="ReloadWait"/>, then is answered from the previous facts, so nobody waits for a large reload.
/// </summary>
public sealed partial class CompanyFactsSource(IServiceScopeFactory scopes, TaxonomyCatalog taxonomy, TimeProvider clock, ILogger<CompanyFactsSource> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CompanyFacts? _current;
    private Task<CompanyFacts>? _reloading;
    private long _checkedAt;

    /// <summary>How stale the figures may be (a change made in another process shows within this delay).</summary>
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a request waits for a reload before it is answered from the previous facts.</summary>
    public TimeSpan ReloadWait { get; set; } = TimeSpan.FromMilliseconds(250);

    public async Task<CompanyFacts> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && Stopwatch.GetElapsedTime(Volatile.Read(ref _checkedAt)) < RecheckInterval)
        {
            return current;
        }
        Task<CompanyFacts>? reloading;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            current = _current;
            reloading = _reloading is { IsCompleted: false } running ? running : null;
            if (reloading is null && (current is null || Stopwatch.GetElapsedTime(_checkedAt) >= RecheckInterval))
            {
                await using var scope = scopes.CreateAsyncScope();
                var stamp = await StampAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), cancellationToken);
                Volatile.Write(ref _checkedAt, Stopwatch.GetTimestamp());
                if (current is null || current.Stamp != stamp)
                {
                    // Not cancelled with the request that started it: the next ones want it too.
                    reloading = _reloading = Task.Run(() => ReloadAsync(stamp), CancellationToken.None);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
        if (reloading is null)
        {
            return current!;
        }
        // A zero wait does not wait at all (not even for a reload that happens to be done already): it answers from
        // the previous facts, which makes it predictable.
        if (current is null || (ReloadWait > TimeSpan.Zero && await Task.WhenAny(reloading, Task.Delay(ReloadWait, cancellationToken)) == reloading))
        {
            return await reloading;
        }
        return current;
    }

    private async Task<CompanyFacts> ReloadAsync(string stamp)
    {
        var started = Stopwatch.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var facts = new CompanyFacts(await LoadAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), taxonomy), stamp, clock.GetUtcNow().UtcDateTime);
        var elapsed = Stopwatch.GetElapsedTime(started);
        LogLoaded(logger, facts.All.Count, elapsed.TotalMilliseconds);
        Volatile.Write(ref _current, facts);
        return facts;
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Statistics: facts of {Count} companies loaded in {Milliseconds:F0} ms")]
    private static partial void LogLoaded(ILogger logger, int count, double milliseconds);

    /// <summary>Changes whenever a company is added, saved or removed.</summary>
    public static Task<string> StampAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        DatabaseStamps.ScalarTextAsync(db, "SELECT CAST(COUNT(*) AS TEXT) || '/' || CAST(COALESCE(SUM(\"Version\"), 0) AS TEXT) || '/' || COALESCE(CAST(MAX(\"UpdatedAt\") AS TEXT), '') FROM \"Companies\"", cancellationToken);

    /// <summary>Every company's facts, read column by column (no descriptions, no contacts).</summary>
    public static async Task<FactTable> LoadAsync(AppDbContext db, TaxonomyCatalog taxonomy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(taxonomy);
        var secondary = (await db.CompanyActivities.AsNoTracking().Select(a => new { a.CompanyId, a.ActivityCode }).ToListAsync(cancellationToken))
            .ToLookup(a => a.CompanyId, a => a.ActivityCode);
        var facts = new FactTable();
        var rows = db.Companies.AsNoTracking()
            .Select(c => new
            {
                c.Id, c.Status, c.PrimaryActivityCode, c.CommuneCode, c.SizeBandCode, c.LegalFormCode, c.FoundingYear,
                c.ECommerce.SellsOnOwnShop, c.ECommerce.SellsOnMarketplaces, c.ECommerce.OnlinePayment, c.ECommerce.DeliversTerritory,
                c.ECommerce.DeliversIslands, c.ECommerce.B2B, c.ECommerce.B2C, c.Languages, c.Labels, c.ServiceCodes, c.PublishedAt, c.LastConfirmedAt,
            })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var company = new Company
            {
                Id = row.Id,
                Slug = string.Empty,
                LegalName = string.Empty,
                Status = row.Status,
                PrimaryActivityCode = row.PrimaryActivityCode,
                CommuneCode = row.CommuneCode,
                SizeBandCode = row.SizeBandCode,
                LegalFormCode = row.LegalFormCode,
                FoundingYear = row.FoundingYear,
                ECommerce = new ECommerceProfile
                {
                    SellsOnOwnShop = row.SellsOnOwnShop,
                    SellsOnMarketplaces = row.SellsOnMarketplaces,
                    OnlinePayment = row.OnlinePayment,
                    DeliversTerritory = row.DeliversTerritory,
                    DeliversIslands = row.DeliversIslands,
                    B2B = row.B2B,
                    B2C = row.B2C,
                },
                Languages = row.Languages,
                Labels = row.Labels,
                ServiceCodes = row.ServiceCodes,
                PublishedAt = row.PublishedAt,
                LastConfirmedAt = row.LastConfirmedAt,
            };
            company.SecondaryActivities.AddRange(secondary[row.Id].Order(StringComparer.Ordinal).Select(code => new CompanyActivity { CompanyId = row.Id, ActivityCode = code }));
            facts.Add(company, taxonomy);
        }
        return facts;
    }
}
