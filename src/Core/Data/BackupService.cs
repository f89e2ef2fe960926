using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AnnuaireFiliere.Core.Data;

/// <summary>
/// The site's daily backup (<c>Backup:Directory</c>): one archive per day in Nouméa time
/// (<c>annuaire-YYYY-MM-DD.zip</c>), taken at start when today's is missing and then checked every hour; archives
/// older than <c>Backup:KeepDays</c> are deleted once a new one exists. Nodes sharing the data folder take turns
/// through the job's lease (docs/adr/0035). On PostgreSQL it does nothing: the database is the server's to back up
/// (<c>pg_dump</c>), which it says once at start.
/// </summary>
public sealed partial class BackupService(
    Backups backups, JobLeases leases, IOptions<BackupOptions> options, IOptions<DatabaseOptions> database, IHostEnvironment environment, TimeProvider clock,
    ILogger<BackupService> logger)
    : BackgroundService
{
    private const string Prefix = "annuaire-";

    public string Folder => Path.GetFullPath(options.Value.Directory!, environment.ContentRootPath);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Value.Provider == DatabaseProvider.PostgreSql)
        {
            LogServerBackups(Folder);
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await leases.RunIfHeldAsync(nameof(BackupService), RunOnceAsync, stoppingToken);
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                LogFailed(failure, Folder);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Takes today's archive if it is missing, then deletes the expired ones; returns today's archive.</summary>
    public async Task<string> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Statistics.MonthlySnapshotService.Noumea).DateTime);
        var archive = Path.Combine(Folder, Prefix + today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".zip");
        if (!File.Exists(archive))
        {
            var summary = await backups.CreateAsync(archive, cancellationToken);
            LogTaken(archive, summary.DatabaseBytes, summary.Logos);
        }
        var oldest = today.AddDays(-options.Value.KeepDays);
        foreach (var file in Directory.GetFiles(Folder, Prefix + "*.zip"))
        {
            var name = Path.GetFileNameWithoutExtension(file)[Prefix.Length..];
            if (DateOnly.TryParseExact(name, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day < oldest)
            {
                File.Delete(file);
                LogDeleted(file);
            }
        }
        return archive;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup taken: {Archive} (database {Bytes} bytes, {Logos} logos)")]
    private partial void LogTaken(string archive, long bytes, int logos);

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired backup deleted: {Archive}")]
    private partial void LogDeleted(string archive);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Backup:Directory is {Folder} but the database is PostgreSQL: no daily archive is taken here; back the server up with pg_dump")]
    private partial void LogServerBackups(string folder);

    [LoggerMessage(Level = LogLevel.Error, Message = "The daily backup into {Folder} failed; it is tried again in an hour")]
    private partial void LogFailed(Exception failure, string folder);
}

public static class BackupSetup
{
    /// <summary>Backups (for the Indexer's commands) and, when <c>Backup:Directory</c> is set, the daily backup.</summary>
    public static IHostApplicationBuilder AddBackups(this IHostApplicationBuilder builder, bool daily)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Backups>();
        if (daily && !string.IsNullOrWhiteSpace(builder.Configuration[$"{BackupOptions.Section}:{nameof(BackupOptions.Directory)}"]))
        {
            builder.Services.AddSingleton<BackupService>();
            builder.Services.AddHostedService(services => services.GetRequiredService<BackupService>());
        }
        return builder;
    }
}
