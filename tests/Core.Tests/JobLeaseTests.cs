using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Core.Tests;

/// <summary>
/// Job leases (docs/adr/0035): nodes sharing a database run each scheduled job one pass at a time, and another node
/// takes a job over once its holder stopped renewing. Each "node" is a service provider of its own on one database
/// and one fake clock.
/// </summary>
public sealed class JobLeaseTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_lease_stays_with_its_holder_until_it_expires_or_is_let_go()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = database.DemoServices();
        var leases = services.GetRequiredService<JobLeases>();

        Assert.True(await leases.TryAcquireAsync("essai", "a", Duration, Cancel));
        Assert.False(await leases.TryAcquireAsync("essai", "b", Duration, Cancel));
        database.Clock.Advance(Duration - TimeSpan.FromSeconds(1));
        Assert.True(await leases.TryAcquireAsync("essai", "a", Duration, Cancel));    // renewed: two more minutes
        database.Clock.Advance(Duration - TimeSpan.FromSeconds(1));
        Assert.False(await leases.TryAcquireAsync("essai", "b", Duration, Cancel));
        database.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await leases.TryAcquireAsync("essai", "b", Duration, Cancel));    // a stopped renewing: expired
        Assert.False(await leases.TryAcquireAsync("essai", "a", Duration, Cancel));
        Assert.True(await leases.TryAcquireAsync("autre", "a", Duration, Cancel));    // one lease per job

        await leases.ReleaseAsync("essai", "a", Cancel);                               // not a's: nothing happens
        Assert.False(await leases.TryAcquireAsync("essai", "a", Duration, Cancel));
        await leases.ReleaseAsync("essai", "b", Cancel);
        Assert.True(await leases.TryAcquireAsync("essai", "a", Duration, Cancel));

        await using var db = database.Context();
        var row = await db.JobLeases.AsNoTracking().SingleAsync(l => l.Name == "essai", Cancel);
        Assert.Equal(("a", database.Clock.GetUtcNow().UtcDateTime + Duration), (row.Holder, row.ExpiresAt));
    }

    [Fact]
    public async Task Nodes_racing_for_a_free_lease_get_it_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        var nodes = Enumerable.Range(1, 8).Select(n => database.DemoServices($"noeud-{n}")).ToList();
        try
        {
            for (var round = 0; round < 5; round++)
            {
                var job = $"course-{round}";
                var won = await Task.WhenAll(nodes.Select(node => Task.Run(() =>
                    node.GetRequiredService<JobLeases>().RunIfHeldAsync(job, _ => Task.CompletedTask, Cancel), Cancel)));

                Assert.Single(won, taken => taken);
            }
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Two_nodes_checking_at_once_take_one_monthly_snapshot()
    {
        await using var database = await TestDatabase.CreateAsync();
        await StatisticsTests.SeedAsync(database, 30);
        await using var first = database.DemoServices("noeud-a", Duration);
        await using var second = database.DemoServices("noeud-b", Duration);
        var nodes = new[] { first, second };

        var checks = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            nodes[i % 2].GetRequiredService<MonthlySnapshotService>().TickAsync(Cancel), Cancel)));

        await using var db = database.Context();
        Assert.Equal(1, await db.StatisticsSnapshots.CountAsync(s => s.Kind == SnapshotKind.Monthly, Cancel));
        var holder = await db.JobLeases.AsNoTracking().Where(l => l.Name == nameof(MonthlySnapshotService)).Select(l => l.Holder).SingleAsync(Cancel);
        // Only the holder's checks ran (those that came while one of its own ran were skipped too); the other node's were skipped.
        Assert.Contains(true, checks);
        Assert.All(Enumerable.Range(0, 6).Where(i => checks[i]), i => Assert.Equal(holder, nodes[i % 2].GetRequiredService<JobLeases>().Node));
    }

    [Fact]
    public async Task When_the_holder_dies_another_node_takes_the_job_over_once_its_lease_expired()
    {
        await using var database = await TestDatabase.CreateAsync();
        await StatisticsTests.SeedAsync(database, 30);
        // 30 November 12:59 UTC is 23:59 in Nouméa (UTC+11): a minute before December there.
        database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 12, 59, 0, TimeSpan.Zero));
        var dying = database.DemoServices("noeud-a", Duration);
        Assert.True(await dying.GetRequiredService<MonthlySnapshotService>().TickAsync(Cancel));
        // Killed: no shutdown, so the lease is not let go.
        await dying.DisposeAsync();
        await using var survivor = database.DemoServices("noeud-b", Duration);
        var monthly = survivor.GetRequiredService<MonthlySnapshotService>();

        database.Clock.Advance(Duration - TimeSpan.FromSeconds(1));                 // December in Nouméa, the lease still a's
        Assert.False(await monthly.TickAsync(Cancel));
        database.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await monthly.TickAsync(Cancel));

        await using var db = database.Context();
        Assert.Equal(2, await db.StatisticsSnapshots.CountAsync(s => s.Kind == SnapshotKind.Monthly, Cancel));
        Assert.Equal("noeud-b", await db.JobLeases.Where(l => l.Name == nameof(MonthlySnapshotService)).Select(l => l.Holder).SingleAsync(Cancel));
    }

    [Fact]
    public async Task A_node_lets_its_leases_go_when_it_stops()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var first = database.DemoServices("noeud-a", Duration);
        await using var second = database.DemoServices("noeud-b", Duration);
        var leases = first.GetRequiredService<JobLeases>();
        Assert.True(await leases.RunIfHeldAsync("purge", _ => Task.CompletedTask, Cancel));
        Assert.False(await second.GetRequiredService<JobLeases>().RunIfHeldAsync("purge", _ => Task.CompletedTask, Cancel));

        await leases.StopAsync(Cancel);

        Assert.True(await second.GetRequiredService<JobLeases>().RunIfHeldAsync("purge", _ => Task.CompletedTask, Cancel));
    }
}
