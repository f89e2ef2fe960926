using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace AnnuaireFiliere.Web.Features.OpenData;

public sealed class OpenDataOptions
{
    public const string Section = "OpenData";

    /// <summary>How many daily extracts stay on disk (the newest is served).</summary>
    [Range(1, 366)]
    public int KeepDays { get; set; } = 7;

    /// <summary>How often the background service checks whether today's extract exists.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>One day's extract: a folder <c>donnees/yyyy-MM-dd</c> holding the four files.</summary>
public sealed record OpenDataSet(DateOnly Date, string Directory)
{
    public string PathOf(string file) => Path.Combine(Directory, file);

    public string DateText => Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// The daily open-data extracts under the data folder. An extract is written into a hidden temporary folder and
/// then renamed to its date, so a reader sees either no extract for the day or a complete one, never a half-written
/// file. "Today" is the date in Nouméa. Older extracts beyond <see cref="OpenDataOptions.KeepDays"/> are removed.
/// </summary>
public sealed partial class OpenDataStore(OpenDataWriter writer, string root, TimeProvider clock, int keepDays, ILogger<OpenDataStore> logger) : IDisposable
{
    private const string TemporaryPrefix = ".tmp-";
    private readonly SemaphoreSlim _generating = new(1, 1);

    /// <summary>New Caledonia's time zone (UTC+11 all year, no daylight saving).</summary>
    public static TimeZoneInfo Noumea { get; } = FindNoumea();

    public string Root => root;

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Noumea).DateTime);

    /// <summary>The newest complete extract on disk, or null.</summary>
    public OpenDataSet? Latest()
    {
        if (!Directory.Exists(root))
        {
            return null;
        }
        return Directory.EnumerateDirectories(root)
            .Select(path => DateOnly.TryParseExact(Path.GetFileName(path), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? new OpenDataSet(date, path) : null)
            .OfType<OpenDataSet>()
            .MaxBy(set => set.Date);
    }

    /// <summary>The newest extract; when there is none yet, today's is generated now.</summary>
    public async Task<OpenDataSet> LatestOrGenerateAsync(CancellationToken cancellationToken) =>
        Latest() ?? await EnsureTodayAsync(cancellationToken);

    /// <summary>Today's extract: reused when it exists, else generated (once, however many callers wait for it).</summary>
    public async Task<OpenDataSet> EnsureTodayAsync(CancellationToken cancellationToken)
    {
        await _generating.WaitAsync(cancellationToken);
        try
        {
            var today = Today;
            if (Latest() is { } latest && latest.Date >= today)
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

    private async Task<OpenDataSet> GenerateAsync(DateOnly date, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        RemoveLeftovers();
        var started = clock.GetTimestamp();
        var temporary = Path.Combine(root, TemporaryPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temporary);
        var final = Path.Combine(root, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        try
        {
            var count = await writer.WriteAsync(temporary, date, clock.GetUtcNow(), cancellationToken);
            Directory.Move(temporary, final);
            var elapsed = clock.GetElapsedTime(started).TotalMilliseconds;
            LogWritten(date, count, elapsed);
        }
        catch
        {
            Directory.Delete(temporary, recursive: true);
            throw;
        }
        Prune();
        return new OpenDataSet(date, final);
    }

    /// <summary>Temporary folders of a generation that was interrupted (the process stopped).</summary>
    private void RemoveLeftovers()
    {
        foreach (var leftover in Directory.EnumerateDirectories(root, TemporaryPrefix + "*"))
        {
            Directory.Delete(leftover, recursive: true);
        }
    }

    private void Prune()
    {
        var sets = Directory.EnumerateDirectories(root)
            .Where(path => DateOnly.TryParseExact(Path.GetFileName(path), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            .OrderByDescending(path => Path.GetFileName(path), StringComparer.Ordinal)
            .Skip(keepDays);
        foreach (var old in sets)
        {
            Directory.Delete(old, recursive: true);
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
