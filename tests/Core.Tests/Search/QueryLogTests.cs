using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AnnuaireFiliere.Core.Tests.Search;

/// <summary>The query log: searched texts counted in memory, written in batches, read by week, forgotten after 13 months.</summary>
public sealed class QueryLogTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _services = new ServiceCollection().AddScoped(_ => _database.Context()).BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private QueryLog NewLog() =>
        new(_services.GetRequiredService<IServiceScopeFactory>(), _database.Clock, Options.Create(new QueryLogOptions()), NullLogger<QueryLog>.Instance);

    private async Task<List<SearchedText>> RowsAsync()
    {
        await using var db = _database.Context();
        return await db.SearchedTexts.AsNoTracking().OrderBy(s => s.Day).ThenBy(s => s.Text).ToListAsync(Cancel);
    }

    [Theory]
    [InlineData("  Création   de SITES\t", "creation de sites")]
    [InlineData("Réseau\nWi-Fi  à Koné", "reseau wi-fi a kone")]
    [InlineData("   ", "")]
    [InlineData(null, "")]
    public void Texts_are_counted_in_lower_case_without_accents_and_with_single_spaces(string? typed, string counted) =>
        Assert.Equal(counted, QueryLog.Normalize(typed));

    [Fact]
    public void Texts_are_cut_at_a_hundred_characters() =>
        Assert.Equal(QueryLog.TextMaxLength, QueryLog.Normalize(string.Concat(Enumerable.Repeat("développement ", 20))).Length);

    [Fact]
    public async Task Searches_are_counted_in_memory_and_added_up_by_each_flush()
    {
        var log = NewLog();
        log.Count("Réseau wifi", 3);
        log.Count("reseau   WIFI ", 0);
        log.Count("", 12);

        Assert.Empty(await RowsAsync());
        Assert.Equal(1, await log.FlushAsync(cancellationToken: Cancel));
        Assert.Equal(0, await log.FlushAsync(cancellationToken: Cancel));
        log.Count("réseau wifi", 4);
        await log.FlushAsync(cancellationToken: Cancel);

        var row = Assert.Single(await RowsAsync());
        Assert.Equal((new DateOnly(2026, 11, 2), "reseau wifi", 3, (int?)4), (row.Day, row.Text, row.Searches, row.LastResults));
    }

    [Fact]
    public async Task A_search_with_filters_counts_but_says_nothing_of_the_results()
    {
        var log = NewLog();
        log.Count("infogérance", null);
        await log.FlushAsync(cancellationToken: Cancel);
        Assert.Null(Assert.Single(await RowsAsync()).LastResults);

        log.Count("infogérance", 5);
        log.Count("infogérance", null);
        await log.FlushAsync(cancellationToken: Cancel);
        log.Count("infogérance", null);
        await log.FlushAsync(cancellationToken: Cancel);

        Assert.Equal((4, (int?)5), (Assert.Single(await RowsAsync()).Searches, Assert.Single(await RowsAsync()).LastResults));
    }

    [Fact]
    public async Task Searches_are_counted_on_the_day_of_noumea()
    {
        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 20, 0, 0, TimeSpan.Zero));   // 7 a.m. on the 3rd in Nouméa
        var log = NewLog();
        log.Count("cybersécurité", 2);
        await log.FlushAsync(cancellationToken: Cancel);

        Assert.Equal(new DateOnly(2026, 11, 3), Assert.Single(await RowsAsync()).Day);
    }

    [Fact]
    public async Task As_one_types_only_the_text_where_typing_stopped_is_counted()
    {
        var log = NewLog();
        log.CountTyped(null, "ornit", 4);
        log.CountTyped("ornit", "ornithorynque", 2);
        log.CountTyped("ornithorynque", "Ornithorynque ", 2);            // a filter or a page: the same text
        log.CountTyped("ornithorynque", "ornithorynque bec", 0);
        log.CountTyped("ornithorynque bec", "ornithorynque", 2);        // erased back
        log.CountTyped("ornithorynque", "marsupial", 7);                // another search

        Assert.Equal(0, await log.FlushAsync(cancellationToken: Cancel));
        _database.Clock.Advance(QueryLog.TypingSettles);
        Assert.Equal(2, await log.FlushAsync(cancellationToken: Cancel));

        Assert.Equal([("marsupial", 1), ("ornithorynque", 1)], (await RowsAsync()).Select(r => (r.Text, r.Searches)));
    }

    [Fact]
    public async Task A_flush_at_shutdown_writes_the_texts_still_being_typed()
    {
        var log = NewLog();
        await using var services = _database.DemoServices();
        var service = new QueryLogService(log, services.GetRequiredService<JobLeases>(), Options.Create(new QueryLogOptions()), _database.Clock, NullLogger<QueryLogService>.Instance);
        await service.StartAsync(Cancel);
        log.Count("hébergement", 9);
        log.CountTyped(null, "sauvegarde", 1);

        await service.StopAsync(Cancel);

        Assert.Equal(["hebergement", "sauvegarde"], (await RowsAsync()).Select(r => r.Text));
    }

    [Fact]
    public async Task A_failed_flush_keeps_the_counts_for_the_next_one()
    {
        await using var unmigrated = await TestDatabase.CreateAsync(migrate: false);
        await using var services = new ServiceCollection().AddScoped(_ => unmigrated.Context()).BuildServiceProvider();
        var log = new QueryLog(services.GetRequiredService<IServiceScopeFactory>(), unmigrated.Clock, Options.Create(new QueryLogOptions()), NullLogger<QueryLog>.Instance);
        log.Count("domotique", 1);

        await Assert.ThrowsAnyAsync<Exception>(() => log.FlushAsync(cancellationToken: Cancel));
        log.Count("domotique", 3);
        await using (var db = unmigrated.Context())
        {
            await db.Database.MigrateAsync(Cancel);
        }
        await log.FlushAsync(cancellationToken: Cancel);

        await using var read = unmigrated.Context();
        var row = await read.SearchedTexts.SingleAsync(Cancel);
        Assert.Equal((2, (int?)3), (row.Searches, row.LastResults));
    }

    [Fact]
    public async Task Days_older_than_thirteen_months_are_deleted()
    {
        var log = NewLog();
        var today = log.Today;
        await using (var db = _database.Context())
        {
            db.SearchedTexts.AddRange(
                new SearchedText { Day = today.AddMonths(-13).AddDays(-1), Text = "trop vieux", Searches = 1 },
                new SearchedText { Day = today.AddMonths(-13), Text = "juste gardé", Searches = 1 },
                new SearchedText { Day = today, Text = "aujourd'hui", Searches = 1 });
            await db.SaveChangesAsync(Cancel);
        }

        Assert.Equal(1, await log.PurgeAsync(Cancel));

        Assert.Equal(["juste gardé", "aujourd'hui"], (await RowsAsync()).Select(r => r.Text));
    }

    [Fact]
    public async Task A_week_lists_the_most_searched_texts_and_those_that_found_nothing_or_little_as_their_last_search_did()
    {
        var log = NewLog();
        var monday = QueryLog.WeekOf(new DateOnly(2026, 11, 4));
        Assert.Equal(new DateOnly(2026, 11, 2), monday);
        await using (var db = _database.Context())
        {
            db.SearchedTexts.AddRange(
                new SearchedText { Day = monday, Text = "site web", Searches = 40, LastResults = 25 },
                new SearchedText { Day = monday.AddDays(6), Text = "site web", Searches = 2, LastResults = 26 },
                new SearchedText { Day = monday, Text = "glisseur urbain", Searches = 3, LastResults = 5 },
                new SearchedText { Day = monday.AddDays(2), Text = "glisseur urbain", Searches = 4, LastResults = 0 },
                new SearchedText { Day = monday.AddDays(1), Text = "pangolin", Searches = 5, LastResults = 2 },
                new SearchedText { Day = monday.AddDays(3), Text = "filtré", Searches = 8, LastResults = null },
                new SearchedText { Day = monday.AddDays(7), Text = "semaine suivante", Searches = 99, LastResults = 0 },
                new SearchedText { Day = monday.AddDays(-1), Text = "semaine passée", Searches = 99, LastResults = 0 });
            await db.SaveChangesAsync(Cancel);
        }

        var week = await log.WeekAsync(monday.AddDays(3), shown: 3, Cancel);

        Assert.Equal((monday, 62, 4), (week.Monday, week.Searches, week.Texts));
        Assert.Equal([new QueryStat("site web", 42, 26), new QueryStat("filtré", 8, null), new QueryStat("glisseur urbain", 7, 0)], week.Top);
        Assert.Equal([new QueryStat("glisseur urbain", 7, 0)], week.NoResults);
        Assert.Equal([new QueryStat("pangolin", 5, 2)], week.FewResults);
        Assert.Equal((1, 1), (week.NoResultTexts, week.FewResultTexts));
    }
}
