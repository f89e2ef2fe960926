using System.ComponentModel.DataAnnotations;
using System.Globalization;
using AnnuaireFiliere.Core.Data.Files;

namespace AnnuaireFiliere.Web.Features.OpenData;

public sealed class OpenDataOptions
{
    public const string Section = "OpenData";

    /// <summary>How many daily extracts are kept in the file store (the newest is served).</summary>
    [Range(1, 366)]
    public int KeepDays { get; set; } = 7;

    /// <summary>How often the background service checks whether today's extract exists.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// One day's extract: the files under <c>donnees/yyyy-MM-dd/</c> in the file store (<see cref="OpenDataStore.Bucket"/>),
/// as listed when it was found complete.
/// </summary>
public sealed record OpenDataSet(DateOnly Date, IReadOnlyList<StoredFileEntry> Entries)
{
    public string DateText => Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The store's key of one of the extract's files.</summary>
    public string KeyOf(string file) => $"{OpenDataStore.Bucket}/{DateText}/{file}";

    /// <summary>One of the extract's files as listed (size, time), or null when the extract has no such file.</summary>
    public StoredFileEntry? EntryOf(string file)
    {
        var key = KeyOf(file);
        return Entries.FirstOrDefault(e => string.Equals(e.Key, key, StringComparison.Ordinal));
    }
}

/// <summary>
/// The daily open-data extracts, in the file store (<see cref="IFileStore"/>) under <c>donnees/yyyy-MM-dd/</c>. An
/// extract is first written into a hidden scratch folder on this node (<c>donnees/.tmp-…</c> under the data folder),
/// then published with a marker, <see cref="CompleteMarker"/>, written last: readers take only the dates that have it,
/// so they see either no extract for the day or a complete one, never a half-written file. On the file system the
/// scratch folder, marker included, is renamed to its date in one step, as before; in the database the files are
/// written one by one and the marker after them, and a node that finds the day already published by another drops
/// its own. "Today" is the date in Nouméa. Older extracts beyond <see cref="OpenDataOptions.KeepDays"/> are removed.
/// </summary>
public sealed partial class OpenDataStore(OpenDataWriter writer, IFileStore files, string scratch, TimeProvider clock, int keepDays, ILogger<OpenDataStore> logger) : IDisposable
{
    /// <summary>The store's bucket of the extracts: <c>data/donnees</c> on the file system, as before.</summary>
    public const string Bucket = "donnees";

    /// <summary>The file written last into an extract: its presence says the extract is complete.</summary>
    public const string CompleteMarker = ".complete";

    private const string TemporaryPrefix = ".tmp-";
    private readonly SemaphoreSlim _generating = new(1, 1);

    /// <summary>New Caledonia's time zone (UTC+11 all year, no daylight saving).</summary>
    public static TimeZoneInfo Noumea { get; } = FindNoumea();

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Noumea).DateTime);

    /// <summary>The newest complete extract in the store, or null.</summary>
    public async Task<OpenDataSet?> LatestAsync(CancellationToken cancellationToken)
    {
        var sets = await SetsAsync(cancellationToken);
        return sets.Where(s => s.Complete).Select(s => s.Set).MaxBy(set => set.Date);
    }

    /// <summary>The newest extract; when there is none yet, today's is generated now.</summary>
    public async Task<OpenDataSet> LatestOrGenerateAsync(CancellationToken cancellationToken) =>
        await LatestAsync(cancellationToken) ?? await EnsureTodayAsync(cancellationToken);

    /// <summary>Today's extract: reused when it exists, else generated (once, however many callers wait for it).</summary>
    public async Task<OpenDataSet> EnsureTodayAsync(CancellationToken cancellationToken)
    {
        await _generating.WaitAsync(cancellationToken);
        try
        {
            var today = Today;
            if (await LatestAsync(cancellationToken) is { } latest && latest.Date >= today)
            {
                return latest;
            }
            return await GenerateAsync(today, cancellationToken);
        }
        finally
        {
            _generating.Release();
        }
    }

    /// <summary>The whole content of one of an extract's files.</summary>
    public async Task<byte[]> ReadAllBytesAsync(OpenDataSet set, string file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        return await files.ReadAllBytesAsync(set.KeyOf(file), cancellationToken)
            ?? throw new FileNotFoundException($"The extract of {set.DateText} has no {file}.", file);
    }

    /// <summary>One of an extract's files with its hash and type (the caller disposes it), or null.</summary>
    public Task<StoredFileContent?> OpenAsync(OpenDataSet set, string file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        return files.GetAsync(set.KeyOf(file), cancellationToken);
    }

    private async Task<OpenDataSet> GenerateAsync(DateOnly date, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(scratch);
        RemoveLeftovers();
        var started = clock.GetTimestamp();
        var temporary = Path.Combine(scratch, TemporaryPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temporary);
        var set = new OpenDataSet(date, []);
        try
        {
            var count = await writer.WriteAsync(temporary, date, clock.GetUtcNow(), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(temporary, CompleteMarker), clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), cancellationToken);
            if (files is FileSystemFileStore disk)
            {
                // One rename: the folder appears whole, marker included.
                var final = disk.PathOf($"{Bucket}/{set.DateText}");
                if (Directory.Exists(final))
                {
                    // An extract of the day without its marker (written before the marker existed): replaced.
                    Directory.Delete(final, recursive: true);
                }
                Directory.Move(temporary, final);
            }
            else
            {
                await PublishAsync(temporary, set, cancellationToken);
            }
            var elapsed = clock.GetElapsedTime(started).TotalMilliseconds;
            LogWritten(date, count, elapsed);
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
        await PruneAsync(cancellationToken);
        return await LatestAsync(cancellationToken) is { } written && written.Date == date
            ? written
            : throw new InvalidOperationException($"The open-data extract of {set.DateText} was written but is not listed as complete.");
    }

    /// <summary>Copies the scratch folder into the store, the marker last; nothing when another node published the day first.</summary>
    private async Task PublishAsync(string temporary, OpenDataSet set, CancellationToken cancellationToken)
    {
        var marker = set.KeyOf(CompleteMarker);
        if ((await files.ListAsync(marker, cancellationToken)).Any(e => e.Key == marker))
        {
            return;
        }
        foreach (var path in Directory.EnumerateFiles(temporary).Where(p => Path.GetFileName(p) != CompleteMarker).Order(StringComparer.Ordinal))
        {
            await using var content = File.OpenRead(path);
            await files.PutAsync(set.KeyOf(Path.GetFileName(path)), content, ContentTypes.Of(path), cancellationToken);
        }
        await using var complete = File.OpenRead(Path.Combine(temporary, CompleteMarker));
        await files.PutAsync(marker, complete, "text/plain; charset=utf-8", cancellationToken);
    }

    /// <summary>Every dated extract in the store, complete or not.</summary>
    private async Task<List<(OpenDataSet Set, bool Complete)>> SetsAsync(CancellationToken cancellationToken)
    {
        var entries = await files.ListAsync(Bucket + "/", cancellationToken);
        var sets = new List<(OpenDataSet, bool)>();
        foreach (var day in entries.GroupBy(e => e.Key.Split('/') is [_, var date, _] ? date : null, StringComparer.Ordinal))
        {
            if (day.Key is not null && DateOnly.TryParseExact(day.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                var set = new OpenDataSet(date, [.. day]);
                sets.Add((set, set.EntryOf(CompleteMarker) is not null));
            }
        }
        return sets;
    }

    /// <summary>Scratch folders of a generation that was interrupted (the process stopped).</summary>
    private void RemoveLeftovers()
    {
        foreach (var leftover in Directory.EnumerateDirectories(scratch, TemporaryPrefix + "*"))
        {
            Directory.Delete(leftover, recursive: true);
        }
    }

    /// <summary>
    /// Keeps the newest <see cref="OpenDataOptions.KeepDays"/> complete extracts; older dates go, complete or not (the
    /// marker first, so that no reader takes an extract being removed). A date newer than the oldest kept one is left
    /// alone: another node may be writing it.
    /// </summary>
    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        var sets = await SetsAsync(cancellationToken);
        var kept = sets.Where(s => s.Complete).Select(s => s.Set.Date).OrderDescending().Take(keepDays).ToHashSet();
        if (kept.Count == 0)
        {
            return;
        }
        var oldestKept = kept.Min();
        foreach (var (set, _) in sets.Where(s => !kept.Contains(s.Set.Date) && s.Set.Date < oldestKept))
        {
            foreach (var entry in set.Entries.OrderBy(e => e.Key.EndsWith("/" + CompleteMarker, StringComparison.Ordinal) ? 0 : 1))
            {
                await files.DeleteAsync(entry.Key, cancellationToken);
            }
        }
    }

    public void Dispose() => _generating.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Open data for {Date}: {Count} companies written in {Milliseconds:0} ms")]
    private partial void LogWritten(DateOnly date, int count, double milliseconds);

    private static TimeZoneInfo FindNoumea()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Pacific/Noumea");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Pacific/Noumea", TimeSpan.FromHours(11), "Nouméa", "Nouméa");
        }
    }
}

/// <summary>
/// Generates today's extract at start when it is missing, then checks again every <see cref="OpenDataOptions.CheckInterval"/>;
/// on a farm, only the node holding the job's lease checks (docs/adr/0035).
/// </summary>
internal sealed partial class OpenDataService(OpenDataStore store, Core.Data.JobLeases leases, TimeProvider clock, Microsoft.Extensions.Options.IOptions<OpenDataOptions> options, ILogger<OpenDataService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval, clock);
        do
        {
            try
            {
                await leases.RunIfHeldAsync(nameof(OpenDataService), store.EnsureTodayAsync, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailure(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The daily open-data extract could not be written; retrying at the next check")]
    private partial void LogFailure(Exception exception);
}
