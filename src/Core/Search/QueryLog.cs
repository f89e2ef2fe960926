using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using AnnuaireFiliere.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AnnuaireFiliere.Core.Search;

public sealed class QueryLogOptions
{
    public const string Section = "QueryLog";

    /// <summary>How often the counts in memory are written to the database (a crash loses at most this much).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Days older than this many months are deleted (checked at start and daily).</summary>
    [Range(1, 120)]
    public int KeepMonths { get; set; } = 13;
}

/// <summary>
/// How many times a text was searched on a day (New Caledonia's date), and how many companies the last of those
/// searches found. Nothing else: no address, no account, no session, no filters.
/// </summary>
public sealed class SearchedText
{
    public DateOnly Day { get; init; }

    /// <summary>The text as <see cref="QueryLog.Normalize"/> wrote it.</summary>
    public required string Text { get; init; }

    public int Searches { get; set; }

    /// <summary>
    /// Companies found by the day's last search of this text without filters; null when it was only searched with
    /// filters (their results say little about the words).
    /// </summary>
    public int? LastResults { get; set; }
}

/// <summary>One text over a week: how often it was searched, and what its last search found.</summary>
public sealed record QueryStat(string Text, int Searches, int? Results);

/// <summary>A week of searches (Monday to Sunday, New Caledonia's dates), its lists capped.</summary>
public sealed record QueryWeek(DateOnly Monday, int Searches, int Texts, IReadOnlyList<QueryStat> Top, IReadOnlyList<QueryStat> NoResults, int NoResultTexts,
    IReadOnlyList<QueryStat> FewResults, int FewResultTexts);

/// <summary>
/// What people search for. A search is counted in memory (<see cref="Count"/>: a dictionary update, nothing more),
/// and the counts are added to the database by <see cref="FlushAsync"/>, which <see cref="QueryLogService"/> calls
/// every <see cref="QueryLogOptions.FlushInterval"/> and at shutdown: a crash loses at most that interval.
/// <see cref="PurgeAsync"/> deletes the days older than <see cref="QueryLogOptions.KeepMonths"/> months.
/// </summary>
public sealed partial class QueryLog(IServiceScopeFactory scopes, TimeProvider clock, IOptions<QueryLogOptions> options, ILogger<QueryLog> logger)
{
    public const int TextMaxLength = 100;

    /// <summary>Fewer companies than this is "few results".</summary>
    public const int FewResults = 3;

    /// <summary>A text typed in the search box that is not followed by a longer one within this delay is counted.</summary>
    public static readonly TimeSpan TypingSettles = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<(DateOnly Day, string Text), Tally> _counts = new();
    private readonly ConcurrentDictionary<string, Typed> _typing = new(StringComparer.Ordinal);

    /// <summary>New Caledonia's date now: the day searches are counted on.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Statistics.MonthlySnapshotService.Noumea).DateTime);

    /// <summary>Lower case, no accents, spaces collapsed, at most <see cref="TextMaxLength"/> characters; empty when nothing was typed.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }
        var builder = new StringBuilder(Math.Min(text.Length, TextMaxLength * 2));
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
                continue;
            }
            builder.Append(char.ToLowerInvariant(c));
            if (builder.Length >= TextMaxLength)
            {
                break;
            }
        }
        return builder.ToString().Normalize(NormalizationForm.FormC).Trim();
    }

    /// <summary>Counts a search of <paramref name="text"/> now; <paramref name="results"/> null when it had filters.</summary>
    public void Count(string? text, long? results)
    {
        var normalized = Normalize(text);
        if (normalized.Length > 0)
        {
            Add(Today, normalized, results);
        }
    }

    /// <summary>
    /// Counts a search typed in the search box, which updates the results as one types: the text is counted once it
    /// settles (<see cref="TypingSettles"/>), unless the next update extends or shortens it (then it was a step of the
    /// typing, and the next text is counted instead). An update that keeps the text (a filter, a page) counts nothing.
    /// </summary>
    public void CountTyped(string? previous, string? text, long? results)
    {
        var normalized = Normalize(text);
        var before = Normalize(previous);
        if (normalized.Length == 0 || normalized == before)
        {
            return;
        }
        if (before.Length > 0 && (normalized.StartsWith(before, StringComparison.Ordinal) || before.StartsWith(normalized, StringComparison.Ordinal)))
        {
            _typing.TryRemove(before, out _);
        }
        _typing[normalized] = new Typed(Today, results, clock.GetUtcNow() + TypingSettles);
    }

    /// <summary>
    /// Adds the counts in memory to the database (the settled typed texts, or all of them when
    /// <paramref name="everything"/>, as at shutdown); returns how many texts were written. On failure the counts
    /// go back to memory for the next flush.
    /// </summary>
    public async Task<int> FlushAsync(bool everything = false, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        foreach (var (text, typed) in _typing)
        {
            if ((everything || typed.SettlesAt <= now) && _typing.TryRemove(KeyValuePair.Create(text, typed)))
            {
                Add(typed.Day, text, typed.Results);
            }
        }
        var batch = new List<((DateOnly Day, string Text) Key, Tally Tally)>();
        foreach (var key in _counts.Keys)
        {
            if (_counts.TryRemove(key, out var tally))
            {
                batch.Add((key, tally));
            }
        }
        if (batch.Count == 0)
        {
            return 0;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var ((day, text), tally) in batch)
            {
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "SearchedTexts" ("Day", "Text", "Searches", "LastResults") VALUES ({day}, {text}, {tally.Searches}, {tally.LastResults})
                    ON CONFLICT ("Day", "Text") DO UPDATE SET "Searches" = "SearchedTexts"."Searches" + excluded."Searches", "LastResults" = COALESCE(excluded."LastResults", "SearchedTexts"."LastResults")
                    """, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return batch.Count;
        }
        catch
        {
            foreach (var ((day, text), tally) in batch)
            {
                // Counted since: those are newer, their results stay.
                _counts.AddOrUpdate((day, text), tally, (_, newer) => new Tally(newer.Searches + tally.Searches, newer.LastResults ?? tally.LastResults));
            }
            throw;
        }
    }

    /// <summary>Deletes the days older than <see cref="QueryLogOptions.KeepMonths"/> months; returns how many rows.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = Today.AddMonths(-options.Value.KeepMonths);
        await using var scope = scopes.CreateAsyncScope();
        var deleted = await scope.ServiceProvider.GetRequiredService<AppDbContext>().SearchedTexts.Where(s => s.Day < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            LogPurged(deleted, cutoff);
        }
        return deleted;
    }

    /// <summary>The Monday of the week of <paramref name="day"/>.</summary>
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The oldest day still kept.</summary>
    public DateOnly OldestKept => Today.AddMonths(-options.Value.KeepMonths);

    /// <summary>The week of <paramref name="day"/>: its counts, its most searched texts, and those that found nothing or little.</summary>
    public async Task<QueryWeek> WeekAsync(DateOnly day, int shown, CancellationToken cancellationToken = default)
    {
        var monday = WeekOf(day);
        var sunday = monday.AddDays(6);
        await using var scope = scopes.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<AppDbContext>().SearchedTexts.AsNoTracking()
            .Where(s => s.Day >= monday && s.Day <= sunday)
            .Select(s => new { s.Day, s.Text, s.Searches, s.LastResults })
            .ToListAsync(cancellationToken);
        var texts = rows.GroupBy(r => r.Text, StringComparer.Ordinal)
            .Select(g => new QueryStat(g.Key, g.Sum(r => r.Searches), g.Where(r => r.LastResults is not null).OrderByDescending(r => r.Day).Select(r => r.LastResults).FirstOrDefault()))
            .OrderByDescending(q => q.Searches).ThenBy(q => q.Text, StringComparer.Ordinal)
            .ToList();
        var none = texts.Where(q => q.Results == 0).ToList();
        var few = texts.Where(q => q.Results is > 0 and < FewResults).ToList();
        return new QueryWeek(monday, texts.Sum(q => q.Searches), texts.Count, [.. texts.Take(shown)], [.. none.Take(shown)], none.Count, [.. few.Take(shown)], few.Count);
    }

    private void Add(DateOnly day, string text, long? results)
    {
        var found = results is { } count ? (int)Math.Min(count, int.MaxValue) : (int?)null;
        _counts.AddOrUpdate((day, text), new Tally(1, found), (_, tally) => new Tally(tally.Searches + 1, found ?? tally.LastResults));
    }

    private readonly record struct Tally(int Searches, int? LastResults);

    private sealed record Typed(DateOnly Day, long? Results, DateTimeOffset SettlesAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Query log: {Rows} day(s) of searched texts before {Cutoff} deleted")]
    private partial void LogPurged(int rows, DateOnly cutoff);
}

/// <summary>
/// Writes the query log every <see cref="QueryLogOptions.FlushInterval"/> and at shutdown (each node its own counts, added
/// to the rows); deletes old days once a day, on the node holding the purge's lease (docs/adr/0035).
/// </summary>
public sealed partial class QueryLogService(QueryLog log, JobLeases leases, IOptions<QueryLogOptions> options, TimeProvider clock, ILogger<QueryLogService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateOnly? purged = null;
        using var timer = new PeriodicTimer(options.Value.FlushInterval, clock);
        do
        {
            try
            {
                var today = log.Today;
                if (purged != today && await leases.RunIfHeldAsync("QueryLogPurge", log.PurgeAsync, stoppingToken))
                {
                    purged = today;
                }
                await log.FlushAsync(everything: false, stoppingToken);
            }
            catch (Exception failed) when (failed is not OperationCanceledException)
            {
                LogFailed(failed);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await log.FlushAsync(everything: true, CancellationToken.None);
        }
        catch (Exception failed) when (failed is not OperationCanceledException)
        {
            LogFailed(failed);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Query log: writing the counts failed; they stay in memory for the next try")]
    private partial void LogFailed(Exception exception);
}
