using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Data.Files;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Core.Tests;

/// <summary>
/// The file store (docs/adr/0034): the same behaviour on the data folder and in the database (SQLite or PostgreSQL),
/// keys that never leave the store, and the choice by <c>Storage:Files</c>.
/// </summary>
public sealed class FileStoreTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static IFileStore Store(FileStorage storage, TestDatabase database) =>
        storage == FileStorage.Database
            ? new DatabaseFileStore(new ServiceCollection().AddScoped(_ => database.Context()).BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), database.Clock)
            : new FileSystemFileStore(database.Folder);

    [Theory]
    [InlineData(FileStorage.FileSystem)]
    [InlineData(FileStorage.Database)]
    public async Task A_file_is_written_read_back_with_its_hash_replaced_listed_by_prefix_and_deleted(FileStorage storage)
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = Store(storage, database);
        byte[] first = [1, 2, 3, 4];
        byte[] second = [5, 6, 7];

        await store.PutAsync("logos/a_b.webp", first, "image/webp", Cancel);
        await store.PutAsync("logos/axb.webp", second, "image/webp", Cancel);
        await store.PutAsync("donnees/2026-12-05/entreprises.csv", "x"u8.ToArray(), "text/csv; charset=utf-8", Cancel);

        await using (var read = await store.GetAsync("logos/a_b.webp", Cancel))
        {
            Assert.NotNull(read);
            Assert.Equal(first.Length, read.Length);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(first)), read.Sha256);
            Assert.Equal($"\"{read.Sha256}\"", read.EntityTag);
            Assert.Equal("image/webp", read.ContentType);
        }
        Assert.Equal(first, await store.ReadAllBytesAsync("logos/a_b.webp", Cancel));
        // "_" is no wildcard, case counts.
        Assert.Equal(["logos/a_b.webp"], (await store.ListAsync("logos/a_", Cancel)).Select(e => e.Key));
        Assert.Empty(await store.ListAsync("LOGOS/", Cancel));
        var listed = await store.ListAsync("logos/", Cancel);
        Assert.Equal(["logos/a_b.webp", "logos/axb.webp"], listed.Select(e => e.Key));
        Assert.Equal([first.Length, second.Length], listed.Select(e => e.Length));

        await store.PutAsync("logos/a_b.webp", second, "image/webp", Cancel);
        Assert.Equal(second, await store.ReadAllBytesAsync("logos/a_b.webp", Cancel));
        await using (var replaced = await store.GetAsync("logos/a_b.webp", Cancel))
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(second)), replaced!.Sha256);
        }

        Assert.True(await store.DeleteAsync("logos/a_b.webp", Cancel));
        Assert.False(await store.DeleteAsync("logos/a_b.webp", Cancel));
        Assert.Null(await store.GetAsync("logos/a_b.webp", Cancel));
        Assert.Equal(["logos/axb.webp"], (await store.ListAsync("logos/", Cancel)).Select(e => e.Key));
        Assert.Equal(["donnees/2026-12-05/entreprises.csv"], (await store.ListAsync("donnees/", Cancel)).Select(e => e.Key));
    }

    [Theory]
    [InlineData(FileStorage.FileSystem, "../annuaire.db")]
    [InlineData(FileStorage.FileSystem, "/etc/passwd")]
    [InlineData(FileStorage.FileSystem, "logos/./x.webp")]
    [InlineData(FileStorage.FileSystem, "logos//x.webp")]
    [InlineData(FileStorage.FileSystem, "logos\\..\\x.webp")]
    [InlineData(FileStorage.Database, "logos/../x.webp")]
    [InlineData(FileStorage.Database, "")]
    public async Task A_key_that_is_not_plain_names_is_refused(FileStorage storage, string key)
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = Store(storage, database);

        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(key, [1], "image/webp", Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync(key, Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync(key, Cancel));
    }

    [Fact]
    public async Task On_the_file_system_a_key_is_the_path_under_the_data_folder_where_files_have_always_been()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = new FileSystemFileStore(database.Folder);
        var paths = database.Paths();
        Directory.CreateDirectory(paths.LogosDirectory);
        await File.WriteAllBytesAsync(Path.Combine(paths.LogosDirectory, "ancien.webp"), [9, 9], Cancel);

        await store.PutAsync("realisations/nouveau.webp", [1], "image/webp", Cancel);

        Assert.Equal([9, 9], await store.ReadAllBytesAsync("logos/ancien.webp", Cancel));
        Assert.True(File.Exists(Path.Combine(paths.RealisationsDirectory, "nouveau.webp")));
        Assert.Empty(Directory.GetFiles(paths.RealisationsDirectory, ".put-*"));
    }

    [Fact]
    public async Task Both_stores_give_the_same_hash_for_the_same_bytes()
    {
        await using var database = await TestDatabase.CreateAsync();
        byte[] content = [.. Enumerable.Range(0, 5000).Select(i => (byte)i)];
        var hashes = new List<string>();
        foreach (var storage in new[] { FileStorage.FileSystem, FileStorage.Database })
        {
            var store = Store(storage, database);
            await store.PutAsync("donnees/2026-12-05/typologie.csv", content, "text/csv; charset=utf-8", Cancel);
            await using var read = await store.GetAsync("donnees/2026-12-05/typologie.csv", Cancel);
            hashes.Add(read!.Sha256);
        }
        Assert.Equal(hashes[0], hashes[1]);
    }

    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite, FileStorage.FileSystem)]
    [InlineData(null, DatabaseProvider.PostgreSql, FileStorage.Database)]
    [InlineData("", DatabaseProvider.PostgreSql, FileStorage.Database)]
    [InlineData("database", DatabaseProvider.Sqlite, FileStorage.Database)]
    [InlineData("FileSystem", DatabaseProvider.PostgreSql, FileStorage.FileSystem)]
    public void Storage_files_follows_the_database_unless_set(string? setting, DatabaseProvider provider, FileStorage expected)
    {
        var options = new StorageOptions { Files = setting };

        Assert.Equal(expected, options.FilesOn(provider));
        Assert.Empty(options.Validate(new ValidationContext(options)));
    }

    [Theory]
    [InlineData("S3")]
    [InlineData("7")]
    public void An_unknown_storage_is_refused_naming_the_setting_and_its_values(string setting)
    {
        var options = new StorageOptions { Files = setting };

        var problem = Assert.Single(options.Validate(new ValidationContext(options)));
        Assert.Equal($"Storage:Files \"{setting}\" is not known: use FileSystem or Database (unset: FileSystem with SQLite, Database with PostgreSQL).", problem.ErrorMessage);
        Assert.Throws<InvalidOperationException>(() => options.FilesOn(DatabaseProvider.Sqlite));
    }

    [Fact]
    public async Task A_site_moving_to_the_database_copies_its_images_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        var disk = Store(FileStorage.FileSystem, database);
        var rows = Store(FileStorage.Database, database);
        await disk.PutAsync("logos/a.webp", [1, 2], "image/webp", Cancel);
        await disk.PutAsync("realisations/b.webp", [3], "image/webp", Cancel);
        await disk.PutAsync("donnees/2026-12-05/entreprises.csv", [4], "text/csv", Cancel);

        Assert.Equal(2, await FileStoreCopy.CopyAsync(disk, rows, FileStoreCopy.ImageBuckets, Cancel));
        Assert.Equal(0, await FileStoreCopy.CopyAsync(disk, rows, FileStoreCopy.ImageBuckets, Cancel));

        Assert.Equal([1, 2], await rows.ReadAllBytesAsync("logos/a.webp", Cancel));
        Assert.Equal([3], await rows.ReadAllBytesAsync("realisations/b.webp", Cancel));
        await using (var copied = await rows.GetAsync("logos/a.webp", Cancel))
        {
            Assert.Equal("image/webp", copied!.ContentType);
        }
        Assert.Empty(await rows.ListAsync("donnees/", Cancel));
    }
}
