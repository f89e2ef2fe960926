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
/// sum of versions, last update), asked at most once per <see cref="RecheckInterval"/>; every save bumps a version.
/// </summary>
public sealed partial class CompanyFactsSource(IServiceScopeFactory scopes, TaxonomyCatalog taxonomy, TimeProvider clock, ILogger<CompanyFactsSource> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CompanyFacts? _current;
    private long _checkedAt;

    /// <summary>How stale the figures may be (a change made in another process shows within this delay).</summary>
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    public async Task<CompanyFacts> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && Stopwatch.GetElapsedTime(Volatile.Read(ref _checkedAt)) < RecheckInterval)
        {
            return current;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            current = _current;
            if (current is not null && Stopwatch.GetElapsedTime(_checkedAt) < RecheckInterval)
            {
                return current;
            }
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var stamp = await StampAsync(db, cancellationToken);
            if (current is null || current.Stamp != stamp)
            {
                var started = Stopwatch.GetTimestamp();
                current = new CompanyFacts(await LoadAsync(db, taxonomy, cancellationToken), stamp, clock.GetUtcNow().UtcDateTime);
                var elapsed = Stopwatch.GetElapsedTime(started);
                LogLoaded(logger, current.All.Count, elapsed.TotalMilliseconds);
                Volatile.Write(ref _current, current);
            }
            Volatile.Write(ref _checkedAt, Stopwatch.GetTimestamp());
            return current;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Statistics: facts of {Count} companies loaded in {Milliseconds:F0} ms")]
    private static partial void LogLoaded(ILogger logger, int count, double milliseconds);

    /// <summary>Changes whenever a company is added, saved or removed.</summary>
    public static async Task<string> StampAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }
        try
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) || '/' || TOTAL(\"Version\") || '/' || IFNULL(MAX(\"UpdatedAt\"), '') FROM \"Companies\"";
            return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

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
                c.ECommerce, c.Languages, c.Labels, c.PublishedAt, c.LastConfirmedAt,
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
                ECommerce = row.ECommerce,
                Languages = row.Languages,
                Labels = row.Labels,
                PublishedAt = row.PublishedAt,
                LastConfirmedAt = row.LastConfirmedAt,
            };
            company.SecondaryActivities.AddRange(secondary[row.Id].Order(StringComparer.Ordinal).Select(code => new CompanyActivity { CompanyId = row.Id, ActivityCode = code }));
            facts.Add(company, taxonomy);
        }
        return facts;
    }
}
