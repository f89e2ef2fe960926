using System.Globalization;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Statistics;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Features.Search;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Caching.Memory;

namespace AnnuaireFiliere.Web.Features.Statistics;

/// <summary>
/// What a statistics address asks for: the segment (the search's parameters, text included), the date of the
/// figures (<c>instantane</c>: a snapshot, else today), the date to compare with (<c>comparer</c>), and who reads.
/// </summary>
public sealed record StatisticsQuery(
    SearchRequest Segment, SnapshotInfo? Snapshot, SnapshotInfo? CompareWith, StatisticsAudience Audience, IReadOnlyList<SearchNotice> Notices)
{
    public const string SnapshotParameter = "instantane";
    public const string CompareParameter = "comparer";

    /// <summary>The query string of the segment and dates, for links and downloads ("" or "?…").</summary>
    public string QueryString(bool withCompare = true)
    {
        var query = SearchParameters.ToQueryString(Segment);
        var dates = new List<string>();
        if (Snapshot is not null)
        {
            dates.Add($"{SnapshotParameter}={Snapshot.Id:N}");
        }
        if (withCompare && CompareWith is not null)
        {
            dates.Add($"{CompareParameter}={CompareWith.Id:N}");
        }
        if (dates.Count == 0)
        {
            return query;
        }
        return (query.Length == 0 ? "?" : query + "&") + string.Join('&', dates);
    }

    /// <summary>
    /// The name of a download of this view: what it holds, the segment's criteria and the date of its figures in
    /// Nouméa ("statistiques-sector-secteur-s05-province-sud-2026-12-04.csv"); lower-case ASCII, the criteria cut at
    /// <see cref="Slugs.MaxLength"/> characters.
    /// </summary>
    public string FileName(string? table, DateTime computedAt, string extension)
    {
        var criteria = string.Join(' ', QueryHelpers.ParseQuery(SearchParameters.ToQueryString(Segment)).SelectMany(p => p.Value.Select(v => $"{p.Key} {v}")));
        var date = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(computedAt, DateTimeKind.Utc), Display.Noumea);
        string?[] parts = ["statistiques", table, criteria.Length == 0 ? null : Slugs.From(criteria), date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
        return string.Join('-', parts.OfType<string>()) + "." + extension;
    }
}

/// <summary>
/// Reads statistics addresses and computes their reports, shared by <c>/statistiques</c>, its downloads and
/// <c>/api/v1/statistiques</c>. Reports are cached per segment, date, audience and language, and recomputed as soon
/// as the directory changes (today's figures are keyed by the facts' stamp).
/// </summary>
public sealed class StatisticsReader(
    StatisticsService statistics, SnapshotStore snapshots, CompanyFactsSource facts, IMemoryCache cache, TaxonomyCatalog taxonomy, TimeProvider clock,
    IAuthorizationService authorization)
{
    /// <summary>How long a report is reused (today's are also dropped when the data change).</summary>
    public static readonly TimeSpan ReportLifetime = TimeSpan.FromMinutes(10);

    public async Task<StatisticsQuery> ParseAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parsed = SearchParameters.Parse(context.Request.Query, taxonomy, clock);
        var notices = parsed.Notices.ToList();
        // The statistics count facts by commune, not by distance: a commune to be near is set aside, and said so.
        if (parsed.Request.Near is { } near)
        {
            notices.Add(new SearchNotice(SearchNoticeKind.NearNotInStatistics, SearchParameters.Near, near));
            parsed = parsed with { Request = parsed.Request.WithoutNear() };
        }
        IReadOnlyList<SnapshotInfo>? known = null;
        async Task<SnapshotInfo?> FindAsync(string parameter)
        {
            var given = context.Request.Query[parameter].ToString();
            if (given.Length == 0)
            {
                return null;
            }
            // The snapshots are read only when a date is asked for (most requests are about today).
            known ??= await SnapshotsAsync(cancellationToken);
            var found = Guid.TryParse(given, out var id) ? known.FirstOrDefault(s => s.Id == id) : null;
            if (found is null)
            {
                notices.Add(new SearchNotice(SearchNoticeKind.UnknownSnapshot, parameter, given.Length > 40 ? given[..40] : given));
            }
            return found;
        }
        // Moderators and administrators read exact counts of every status; everyone else, the protected public figures.
        var audience = (await authorization.AuthorizeAsync(context.User, Accounts.Policies.Analyst)).Succeeded ? StatisticsAudience.Analyst : StatisticsAudience.Public;
        return new StatisticsQuery(parsed.Request with { Page = 1, Sort = SearchSort.Relevance }, await FindAsync(StatisticsQuery.SnapshotParameter), await FindAsync(StatisticsQuery.CompareParameter), audience, notices);
    }

    /// <summary>Every snapshot, newest first (a small query: the facts are not read).</summary>
    public Task<IReadOnlyList<SnapshotInfo>> SnapshotsAsync(CancellationToken cancellationToken) => snapshots.ListAsync(cancellationToken);

    /// <summary>The report of the query's date (or of <paramref name="at"/>, for comparisons).</summary>
    public async Task<StatisticsReport> ReportAsync(StatisticsQuery query, SnapshotInfo? at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var version = at is null ? (await facts.CurrentAsync(cancellationToken)).Stamp : at.Id.ToString("N");
        // Snapshots hold no text: the engine only knows today's profiles.
        var segment = at is null ? query.Segment : query.Segment with { Text = null };
        var key = ("statistiques", version, query.Audience, CultureInfo.CurrentUICulture.Name, SearchParameters.ToQueryString(segment));
        return (await cache.GetOrCreateAsync(key, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = ReportLifetime;
            entry.Size = 1;
            return at is null
                ? await statistics.ComputeAsync(segment, query.Audience, cancellationToken)
                : (await snapshots.ReportAsync(at.Id, segment, query.Audience, cancellationToken))!;
        }))!;
    }

    /// <summary>The segment's key indicators at every snapshot and today.</summary>
    public async Task<TimeSeries> SeriesAsync(StatisticsQuery query, int points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var stamp = (await facts.CurrentAsync(cancellationToken)).Stamp;
        var list = await SnapshotsAsync(cancellationToken);
        var key = ("statistiques:serie", stamp, list.Count, points, query.Audience, CultureInfo.CurrentUICulture.Name, SearchParameters.ToQueryString(query.Segment with { Text = null }));
        return (await cache.GetOrCreateAsync(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = ReportLifetime;
            entry.Size = 1;
            return snapshots.SeriesAsync(query.Segment, query.Audience, points, cancellationToken);
        }))!;
    }
}
