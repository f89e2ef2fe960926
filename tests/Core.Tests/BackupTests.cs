using System.Collections.Concurrent;
using System.IO.Compression;
using AnnuaireFiliere.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AnnuaireFiliere.Core.Tests;

/// <summary>Backups of a real SQLite file taken while it is written, restored into another data folder, and refusals.</summary>
public sealed class BackupTests : IAsyncDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly List<string> _folders = [];

    private string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "annuaire-tests", "backup-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        _folders.Add(folder);
        return folder;
    }

    private static DataPaths Paths(string folder, string file = "test.db") =>
        new(Options.Create(new StorageOptions { DataDirectory = folder, DatabaseFile = file }), new TestEnvironment(folder));

    private static Backups BackupsOf(DataPaths paths, TimeProvider? clock = null) => new(paths, clock ?? TimeProvider.System);

    private static async Task<string> IntegrityAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)(await command.ExecuteScalarAsync(Cancel))!;
    }

    private static async Task<Guid> SaveCompanyAsync(TestDatabase database, int number)
    {
        await using var db = database.Context(new SqlitePragmas());
        var company = SampleCompanies.Valid($"entreprise-{number}");
        company.Ridet = null;
        db.Companies.Add(company);
        await db.SaveChangesAsync(Cancel);
        return company.Id;
    }

    [Fact]
    public async Task A_backup_taken_while_companies_are_saved_restores_every_save_acknowledged_before_it_began()
    {
        TestPostgres.SkipOnPostgres("backups archive the SQLite file; PostgreSQL is backed up with pg_dump");
        await using var database = await TestDatabase.CreateAsync();
        var paths = Paths(database.Folder);
        Directory.CreateDirectory(paths.LogosDirectory);
        await File.WriteAllBytesAsync(Path.Combine(paths.LogosDirectory, "0123456789abcdef0123456789abcdef-0123456789abcdef.webp"), [1, 2, 3], Cancel);
        Directory.CreateDirectory(paths.RealisationsDirectory);
        await File.WriteAllBytesAsync(Path.Combine(paths.RealisationsDirectory, "fedcba9876543210fedcba9876543210-fedcba9876543210.webp"), [4, 5], Cancel);
        var acknowledged = new ConcurrentQueue<Guid>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 2_000 && !stop.IsCancellationRequested; i++)
            {
                acknowledged.Enqueue(await SaveCompanyAsync(database, i));
            }
        }, Cancel);
        while (acknowledged.Count < 30 && !writer.IsCompleted)
        {
            await Task.Yield();
        }

        var before = acknowledged.ToArray();
        var archive = Path.Combine(NewFolder(), "sauvegarde.zip");
        var summary = await BackupsOf(paths).CreateAsync(archive, Cancel);
        var savesDuringBackup = acknowledged.Count - before.Length;
        await stop.CancelAsync();
        await writer;

        Assert.Equal((1, 1), (summary.Logos, summary.RealisationImages));
        var restored = Paths(NewFolder());
        await BackupsOf(restored).RestoreAsync(archive, Cancel);
        Assert.Equal("ok", await IntegrityAsync(restored.DatabaseFile));
        await using var connection = new SqliteConnection($"Data Source={restored.DatabaseFile};Pooling=False");
        await using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(connection).Options, TimeProvider.System);
        var ids = (await db.Companies.Select(c => c.Id).ToListAsync(Cancel)).ToHashSet();
        Assert.All(before, id => Assert.Contains(id, ids));
        Assert.True(File.Exists(Path.Combine(restored.LogosDirectory, "0123456789abcdef0123456789abcdef-0123456789abcdef.webp")));
        Assert.True(File.Exists(Path.Combine(restored.RealisationsDirectory, "fedcba9876543210fedcba9876543210-fedcba9876543210.webp")));
        TestContext.Current.SendDiagnosticMessage($"{before.Length} saves before the backup, {savesDuringBackup} while it ran, {ids.Count} in the copy");
    }

    [Fact]
    public async Task Restoring_keeps_the_replaced_database_and_logos_beside_the_new_ones()
    {
        TestPostgres.SkipOnPostgres("backups archive the SQLite file; PostgreSQL is backed up with pg_dump");
        await using var source = await TestDatabase.CreateAsync();
        await SaveCompanyAsync(source, 1);
        var archive = Path.Combine(NewFolder(), "a.zip");
        await BackupsOf(Paths(source.Folder)).CreateAsync(archive, Cancel);
        await using var target = await TestDatabase.CreateAsync();
        var paths = Paths(target.Folder);
        Directory.CreateDirectory(paths.LogosDirectory);
        await File.WriteAllBytesAsync(Path.Combine(paths.LogosDirectory, "old.webp"), [9], Cancel);
        SqliteConnection.ClearAllPools();

        await BackupsOf(paths, new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 1, 2, 3, TimeSpan.Zero))).RestoreAsync(archive, Cancel);

        Assert.True(File.Exists(paths.DatabaseFile + ".avant-restauration-20261203-010203"));
        Assert.True(File.Exists(Path.Combine(paths.LogosDirectory + ".avant-restauration-20261203-010203", "old.webp")));
        Assert.False(File.Exists(Path.Combine(paths.LogosDirectory, "old.webp")));
    }

    public static TheoryData<string, string> HostileArchives() => new()
    {
        { "not a zip", "pas une archive" },
        { "no database", "ne contient pas de base" },
        { "path traversal", "n'a pas sa place" },
        { "foreign file", "n'a pas sa place" },
        { "damaged database", "base de données" },
        { "another database", "pas celle de l'annuaire" },
    };

    [Theory]
    [MemberData(nameof(HostileArchives))]
    public async Task An_archive_that_is_not_a_sound_backup_is_refused_and_nothing_is_replaced(string kind, string message)
    {
        TestPostgres.SkipOnPostgres("backups archive the SQLite file; PostgreSQL is backed up with pg_dump");
        await using var database = await TestDatabase.CreateAsync();
        var kept = await SaveCompanyAsync(database, 1);
        var archive = Path.Combine(NewFolder(), "hostile.zip");
        if (kind == "not a zip")
        {
            await File.WriteAllTextAsync(archive, "bonjour", Cancel);
        }
        else
        {
            await using var zip = await ZipFile.OpenAsync(archive, ZipArchiveMode.Create, Cancel);
            async Task AddAsync(string name, byte[] content)
            {
                await using var stream = await zip.CreateEntry(name).OpenAsync(Cancel);
                await stream.WriteAsync(content, Cancel);
            }
            var sound = await File.ReadAllBytesAsync(database.File, Cancel);
            switch (kind)
            {
                case "no database": await AddAsync(Backups.ManifestEntry, "{}"u8.ToArray()); break;
                case "path traversal": await AddAsync(Backups.DatabaseEntry, sound); await AddAsync("logos/../../evil.webp", [1]); break;
                case "foreign file": await AddAsync(Backups.DatabaseEntry, sound); await AddAsync("run.sh", [1]); break;
                case "damaged database": await AddAsync(Backups.DatabaseEntry, [.. sound.Take(8192), .. new byte[8192]]); break;
                case "another database":
                    var other = Path.Combine(NewFolder(), "other.db");
                    await using (var connection = new SqliteConnection($"Data Source={other};Pooling=False"))
                    {
                        await connection.OpenAsync(Cancel);
                        await using var create = connection.CreateCommand();
                        create.CommandText = "CREATE TABLE t (x)";
                        await create.ExecuteNonQueryAsync(Cancel);
                    }
                    await AddAsync(Backups.DatabaseEntry, await File.ReadAllBytesAsync(other, Cancel));
                    break;
            }
        }

        var refused = await Assert.ThrowsAsync<BackupException>(() => BackupsOf(Paths(database.Folder)).RestoreAsync(archive, Cancel));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        await using var db = database.Context();
        Assert.True(await db.Companies.AnyAsync(c => c.Id == kept, Cancel));
        Assert.Empty(Directory.GetFiles(database.Folder, "*avant-restauration*"));
        Assert.Empty(Directory.GetFiles(database.Folder, "*.restauration.tmp"));
    }

    [Fact]
    public async Task The_daily_backup_takes_todays_archive_once_and_deletes_those_past_the_retention()
    {
        TestPostgres.SkipOnPostgres("backups archive the SQLite file; PostgreSQL is backed up with pg_dump");
        await using var database = await TestDatabase.CreateAsync();
        var folder = NewFolder();
        // 2 December 23:30 UTC is already 3 December in Nouméa (UTC+11).
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 23, 30, 0, TimeSpan.Zero));
        foreach (var day in new[] { "2026-11-18", "2026-11-19", "2026-12-01" })
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"annuaire-{day}.zip"), "ancienne", Cancel);
        }
        await File.WriteAllTextAsync(Path.Combine(folder, "autre-2020-01-01.zip"), "pas à nous", Cancel);
        var paths = Paths(database.Folder);
        await using var services = database.DemoServices();
        var service = new BackupService(BackupsOf(paths, clock), services.GetRequiredService<JobLeases>(), Options.Create(new BackupOptions { Directory = folder, KeepDays = 14 }),
            Options.Create(new DatabaseOptions()), new TestEnvironment(folder), clock, NullLogger<BackupService>.Instance);

        var archive = await service.RunOnceAsync(Cancel);
        var written = File.GetLastWriteTimeUtc(archive);
        await service.RunOnceAsync(Cancel);

        Assert.Equal(Path.Combine(folder, "annuaire-2026-12-03.zip"), archive);
        Assert.Equal(written, File.GetLastWriteTimeUtc(archive));
        Assert.Equal(
            ["annuaire-2026-11-19.zip", "annuaire-2026-12-01.zip", "annuaire-2026-12-03.zip", "autre-2020-01-01.zip"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var zip = ZipFile.OpenRead(archive);
        Assert.NotNull(zip.GetEntry(Backups.DatabaseEntry));
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var folder in _folders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is no failure of the test.
            }
        }
        return ValueTask.CompletedTask;
    }
}
