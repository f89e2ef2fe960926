using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AnnuaireFiliere.Core.Data;

/// <summary>
/// Who runs a scheduled job now, and until when: one row per job. A node takes the row when it is free, expired or
/// already its own (docs/adr/0035).
/// </summary>
public sealed class JobLease
{
    public const int NameMaxLength = 100;

    /// <summary>The job's name (its class name: <c>Freshness</c>, <c>MonthlySnapshotService</c>…).</summary>
    public required string Name { get; init; }

    /// <summary>The node holding it (<see cref="NodeOptions.CurrentName"/>).</summary>
    public required string Holder { get; set; }

    /// <summary>When this holder took it (UTC); a renewal keeps it.</summary>
    public DateTime AcquiredAt { get; set; }

    /// <summary>When another node may take it (UTC), unless the holder renews it before.</summary>
    public DateTime ExpiresAt { get; set; }
}

public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// How long a pass's lease lasts; the holder renews it every third of that while its pass runs. When the holder
    /// dies, another node takes the job over at its first tick after this.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>
/// Leases that make a scheduled job run one pass at a time across a farm of nodes sharing the database: a tick first
/// takes the job's lease (<see cref="RunIfHeldAsync"/>), and a node that cannot skips its pass. The lease is one row of
/// <c>JobLeases</c> taken by one conditional statement, atomic on SQLite and PostgreSQL alike; its holder renews it
/// while the pass runs and lets it go at shutdown; a holder that dies just stops renewing, so its lease expires.
/// The passes themselves stay idempotent (what was sent is marked, a month's snapshot is looked for first): the lease
/// keeps two nodes from working at once, not a later pass from finding nothing left to do.
/// </summary>
public sealed partial class JobLeases(IServiceScopeFactory scopes, IOptions<NodeOptions> node, IOptions<JobOptions> options, TimeProvider clock, ILogger<JobLeases> logger)
    : IHostedService
{
    private readonly ConcurrentDictionary<string, bool> _held = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _running = new(StringComparer.Ordinal);

    /// <summary>This node's name, written as the holder of the leases it takes.</summary>
    public string Node => node.Value.CurrentName;

    /// <summary>
    /// Takes <paramref name="name"/>'s lease for <paramref name="holder"/> until now + <paramref name="duration"/> when it
    /// is free, expired or already <paramref name="holder"/>'s (a renewal); false when another holder has it.
    /// </summary>
    public async Task<bool> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(holder);
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now + duration;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // One statement: the insert, or the update when the row exists and its WHERE holds. Both engines count 0 rows
        // when the WHERE fails, and lock the row so that two nodes racing for it cannot both see it free.
        var rows = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "JobLeases" ("Name", "Holder", "AcquiredAt", "ExpiresAt") VALUES ({name}, {holder}, {now}, {expires})
            ON CONFLICT ("Name") DO UPDATE SET "Holder" = excluded."Holder", "ExpiresAt" = excluded."ExpiresAt",
                "AcquiredAt" = CASE WHEN "JobLeases"."Holder" = excluded."Holder" AND "JobLeases"."ExpiresAt" > excluded."AcquiredAt"
                    THEN "JobLeases"."AcquiredAt" ELSE excluded."AcquiredAt" END
            WHERE "JobLeases"."ExpiresAt" <= excluded."AcquiredAt" OR "JobLeases"."Holder" = excluded."Holder"
            """, cancellationToken);
        return rows == 1;
    }

    /// <summary>Lets <paramref name="name"/>'s lease go now if <paramref name="holder"/> has it (another node may take it at once).</summary>
    public async Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "JobLeases" SET "ExpiresAt" = {now} WHERE "Name" = {name} AND "Holder" = {holder} AND "ExpiresAt" > {now}
            """, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="pass"/> if this node takes (or already holds) the lease of <paramref name="job"/>; returns
    /// false, having done nothing, when another node holds it, or when a pass of the job already runs in this process
    /// (the lease is the node's: it does not keep the node's own callers apart). The lease is renewed while the pass
    /// runs; if it is lost meanwhile (renewals failed until it expired and another node took it), the pass is cancelled.
    /// </summary>
    public async Task<bool> RunIfHeldAsync(string job, Func<CancellationToken, Task> pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        if (!_running.TryAdd(job, true))
        {
            return false;
        }
        try
        {
            return await RunHeldAsync(job, pass, cancellationToken);
        }
        finally
        {
            _running.TryRemove(job, out _);
        }
    }

    private async Task<bool> RunHeldAsync(string job, Func<CancellationToken, Task> pass, CancellationToken cancellationToken)
    {
        var duration = options.Value.LeaseDuration;
        if (!await TryAcquireAsync(job, Node, duration, cancellationToken))
        {
            LogHeldElsewhere(job);
            return false;
        }
        _held[job] = true;
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var finished = new CancellationTokenSource();
        var renewing = RenewAsync(job, duration, lost, finished.Token);
        try
        {
            await pass(lost.Token);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Another node has the job now: its pass does what this one left.
        }
        finally
        {
            await finished.CancelAsync();
            await renewing;
        }
        return true;
    }

    private async Task RenewAsync(string job, TimeSpan duration, CancellationTokenSource lost, CancellationToken finished)
    {
        try
        {
            using var timer = new PeriodicTimer(duration / 3, clock);
            while (await timer.WaitForNextTickAsync(finished))
            {
                bool renewed;
                try
                {
                    renewed = await TryAcquireAsync(job, Node, duration, finished);
                }
                catch (Exception failed) when (failed is not OperationCanceledException)
                {
                    // The lease may still be valid: the next renewal says.
                    LogRenewalFailed(failed, job);
                    continue;
                }
                if (!renewed)
                {
                    LogLost(job);
                    await lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (finished.IsCancellationRequested)
        {
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>At shutdown (after the jobs stopped: this service starts first), lets this node's leases go.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var job in _held.Keys)
        {
            try
            {
                await ReleaseAsync(job, Node, cancellationToken);
            }
            catch (ObjectDisposedException)
            {
                // The host was disposed without being stopped first (an in-memory test site, the benchmark's): there is
                // no database to reach any more, and the lease expires by itself.
                return;
            }
            catch (Exception failed) when (failed is not OperationCanceledException)
            {
                // It expires by itself.
                LogReleaseFailed(failed, job);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {Job}: another node holds its lease, this pass is skipped")]
    private partial void LogHeldElsewhere(string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}: the lease could not be renewed; trying again")]
    private partial void LogRenewalFailed(Exception exception, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}: the lease was lost to another node; this pass stops")]
    private partial void LogLost(string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}: the lease could not be let go at shutdown; it expires by itself")]
    private partial void LogReleaseFailed(Exception exception, string job);
}

public static class JobLeaseSetup
{
    /// <summary>The node's name (<c>Node:Name</c>) and the job leases (<c>Jobs:LeaseDuration</c>), shared by Web and Indexer.</summary>
    public static IHostApplicationBuilder AddJobLeases(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<JobOptions>().BindConfiguration(JobOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<JobLeases>();
        // A hosted service so that the leases are let go at shutdown; registered before the jobs, it stops after them.
        builder.Services.AddHostedService(services => services.GetRequiredService<JobLeases>());
        return builder;
    }
}
