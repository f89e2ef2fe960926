using System.Collections.Concurrent;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Statistics;

/// <summary>A snapshot without its facts, for lists.</summary>
public sealed record SnapshotInfo(Guid Id, DateTime TakenAt, SnapshotKind Kind, string? TakenBy, string? Label, int Companies, int Published);

/// <summary>One indicator over time: a cell per date (protected for the public as in each date's report).</summary>
public sealed record Series(string Code, string Label, IReadOnlyList<Cell> Values);

/// <summary>Key indicators of a segment at each snapshot date, and today.</summary>
public sealed record TimeSeries(IReadOnlyList<DateTime> Dates, IReadOnlyList<Series> Rows);

/// <summary>
/// Statistics snapshots: taking them (monthly by <see cref="MonthlySnapshotService"/>, or on demand), listing them
/// and counting any segment as it was at one of them. Decoded snapshots are kept (they never change) up to a budget.
/// </summary>
public sealed class SnapshotStore(AppDbContext db, CompanyFactsSource current, TaxonomyCatalog taxonomy, TimeProvider clock)
{
    /// <summary>Time series read at most this many snapshots (three years of monthly ones).</summary>
    public const int MaxSeriesPoints = 36;

    /// <summary>Decoded snapshots kept, in companies (about 130 bytes each): 24 monthly snapshots of 60,000 companies.</summary>
    private const int DecodedRowsKept = 1_500_000;
    private static readonly ConcurrentDictionary<Guid, FactTable> Decoded = new();

    /// <summary>Stores the directory's facts as they are now (the ones in memory, at most a recheck interval old).</summary>
    public async Task<SnapshotInfo> TakeAsync(SnapshotKind kind, string? takenBy, string? label, CancellationToken cancellationToken = default)
    {
        var facts = await current.CurrentAsync(cancellationToken);
        return await SaveAsync(facts.All, clock.GetUtcNow().UtcDateTime, kind, takenBy, label, cancellationToken);
    }

    /// <summary>Stores <paramref name="facts"/> as the directory at <paramref name="takenAt"/>.</summary>
    public async Task<SnapshotInfo> SaveAsync(FactTable facts, DateTime takenAt, SnapshotKind kind, string? takenBy, string? label, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var snapshot = new StatisticsSnapshot
        {
            TakenAt = takenAt,
            Kind = kind,
            TakenBy = takenBy,
            Label = label is { Length: > StatisticsSnapshot.LabelMaxLength } ? label[..StatisticsSnapshot.LabelMaxLength] : label,
            Companies = facts.Count,
            Published = facts.Status.Count(s => s == PublicationStatus.Published),
            Facts = FactsCodec.Encode(facts),
        };
        db.StatisticsSnapshots.Add(snapshot);
        await db.SaveChangesAsync(cancellationToken);
        return Info(snapshot);
    }

    /// <summary>
    /// Demo data only: monthly snapshots of the past <paramref name="months"/> months rebuilt from today's companies
    /// and their first publication dates (a company appears from the month it was published). Labelled as such.
    /// </summary>
    public async Task ReconstructHistoryAsync(int months, CancellationToken cancellationToken = default)
    {
        var facts = await CompanyFactsSource.LoadAsync(db, taxonomy, cancellationToken);
        var now = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), MonthlySnapshotService.Noumea);
        for (var back = months; back >= 1; back--)
        {
            var month = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, now.Offset).AddMonths(-back).UtcDateTime;
            var then = new FactTable();
            for (var row = 0; row < facts.Count; row++)
            {
                if (facts.Status[row] == PublicationStatus.Published && facts.Published[row] != 0 && facts.Published[row] <= month.Ticks)
                {
                    then.AddRow(facts, row);
                }
            }
            await SaveAsync(then, month, SnapshotKind.Monthly, takenBy: null, label: "démonstration", cancellationToken);
        }
    }

    public async Task<IReadOnlyList<SnapshotInfo>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.StatisticsSnapshots.AsNoTracking()
            .OrderByDescending(s => s.TakenAt)
            .Select(s => new SnapshotInfo(s.Id, s.TakenAt, s.Kind, s.TakenBy, s.Label, s.Companies, s.Published))
            .ToListAsync(cancellationToken);

    /// <summary>Whether a monthly snapshot exists from <paramref name="since"/> on.</summary>
    public Task<bool> HasMonthlySinceAsync(DateTime since, CancellationToken cancellationToken = default) =>
        db.StatisticsSnapshots.AnyAsync(s => s.Kind == SnapshotKind.Monthly && s.TakenAt >= since, cancellationToken);

    /// <summary>The segment's figures as they were at the snapshot; null when there is no such snapshot.</summary>
    public async Task<StatisticsReport?> ReportAsync(Guid snapshot, SearchRequest segment, StatisticsAudience audience, CancellationToken cancellationToken = default)
    {
        var info = await db.StatisticsSnapshots.AsNoTracking().Where(s => s.Id == snapshot).Select(s => new { s.TakenAt }).FirstOrDefaultAsync(cancellationToken);
        if (info is null)
        {
            return null;
        }
        return StatisticsCalculator.Compute(await FactsAsync(snapshot, cancellationToken), segment, audience, info.TakenAt, taxonomy);
    }

    /// <summary>
    /// Total, selling online, and the count per sector and per province of the segment at each of the last
    /// <paramref name="points"/> snapshots (at most <see cref="MaxSeriesPoints"/>; oldest first) and today. The text of a segment is not applied to the past
    /// (the index only knows today's texts).
    /// </summary>
    public async Task<TimeSeries> SeriesAsync(SearchRequest segment, StatisticsAudience audience, int points = MaxSeriesPoints, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var filters = segment with { Text = null };
        var dates = (await ListAsync(cancellationToken)).Take(Math.Clamp(points, 1, MaxSeriesPoints)).Reverse().ToList();
        var reports = new List<StatisticsReport>();
        foreach (var point in dates)
        {
            reports.Add(StatisticsCalculator.Compute(await FactsAsync(point.Id, cancellationToken), filters, audience, point.TakenAt, taxonomy, keyFiguresOnly: true));
        }
        var today = await current.CurrentAsync(cancellationToken);
        reports.Add(StatisticsCalculator.Compute(today.All, filters, audience, clock.GetUtcNow().UtcDateTime, taxonomy, keyFiguresOnly: true));

        var rows = new List<Series>
        {
            new("total", "", [.. reports.Select(r => new Cell(r.Total))]),
        };
        var online = reports[0].Distribution(StatisticsNames.ECommerce).Rows.First(r => r.Code == ECommerceCapabilities.SellsOnline);
        rows.Add(new Series(online.Code, online.Label, [.. reports.Select(r => r.Distribution(StatisticsNames.ECommerce).Rows.First(x => x.Code == online.Code).Cell)]));
        foreach (var name in new[] { StatisticsNames.Sector, StatisticsNames.Province })
        {
            var keys = reports[0].Distribution(name).Rows;
            rows.AddRange(keys.Select((key, i) => new Series($"{name}:{key.Code}", key.Label, [.. reports.Select(r => r.Distribution(name).Rows[i].Cell)])));
        }
        return new TimeSeries([.. reports.Select(r => r.ComputedAt)], rows);
    }

    private async Task<FactTable> FactsAsync(Guid id, CancellationToken cancellationToken)
    {
        if (Decoded.TryGetValue(id, out var kept))
        {
            return kept;
        }
        var encoded = await db.StatisticsSnapshots.AsNoTracking().Where(s => s.Id == id).Select(s => s.Facts).FirstAsync(cancellationToken);
        var facts = FactsCodec.Decode(encoded);
        // Kept while the budget allows; beyond it, decoded for each use. (Evicting would make every series, which
        // reads the snapshots in order, miss every time once they outgrow the budget.)
        if (Decoded.Values.Sum(d => (long)d.Count) + facts.Count <= DecodedRowsKept)
        {
            Decoded[id] = facts;
        }
        return facts;
    }

    private static SnapshotInfo Info(StatisticsSnapshot s) => new(s.Id, s.TakenAt, s.Kind, s.TakenBy, s.Label, s.Companies, s.Published);
}
