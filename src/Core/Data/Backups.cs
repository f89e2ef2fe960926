using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace AnnuaireFiliere.Core.Data;

/// <summary>Daily backups in the site (<c>Backup:*</c>): off unless a folder is given.</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>Where the daily archives go (a relative path is taken from the application's content root); empty: no daily backup.</summary>
    public string? Directory { get; set; }

    /// <summary>Daily archives older than this many days are deleted after a new one is taken.</summary>
    [Range(1, 3650)]
    public int KeepDays { get; set; } = 14;
}

/// <summary>What a backup holds.</summary>
public sealed record BackupSummary(string Archive, DateTimeOffset TakenAt, long DatabaseBytes, int Logos, int RealisationImages = 0);

/// <summary>A backup archive that cannot be restored, with the reason (shown to the operator as is).</summary>
public sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// One archive holds what cannot be rebuilt: the database (copied with SQLite's online backup API, a consistent
/// snapshot taken while the site keeps writing), the logos and the réalisations' images. The search index, open-data files and caches are
/// rebuilt from them. Restoring checks the archive (expected entries only, bounded sizes, database integrity)
/// before replacing anything, and keeps the replaced files beside the new ones.
/// With <c>Storage:Files=FileSystem</c> (the default with SQLite) the images are files of the data folder and the
/// archive holds them as before; with <c>Storage:Files=Database</c> they are rows of the database's <c>StoredFiles</c>
/// table (docs/adr/0034), so the database copy already carries them and their folders are empty.
/// </summary>
public sealed class Backups(DataPaths paths, TimeProvider clock)
{
    public const string DatabaseEntry = "annuaire.db";
    public const string LogosEntryPrefix = "logos/";
    public const string RealisationsEntryPrefix = "realisations/";
    public const string ManifestEntry = "sauvegarde.json";

    /// <summary>An archive expanding beyond this is refused (a decompression bomb, or not ours).</summary>
    public const long MaxExpandedBytes = 64L * 1024 * 1024 * 1024;

    private const int MaxEntries = 1_000_000;

    /// <summary>Writes the archive (atomically: a crash leaves either the previous file or the complete new one).</summary>
    public async Task<BackupSummary> CreateAsync(string archive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(archive);
        var target = Path.GetFullPath(archive);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var copy = target + ".db.tmp";
        var partial = target + ".tmp";
        try
        {
            var takenAt = clock.GetUtcNow();
            await using (var source = new SqliteConnection(paths.ConnectionString))
            await using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString()))
            {
                await source.OpenAsync(cancellationToken);
                await destination.OpenAsync(cancellationToken);
                // One step: the source stays read-locked (writers carry on in WAL mode) and the copy is one snapshot.
                source.BackupDatabase(destination);
            }
            var images = ImageFolders().SelectMany(folder => System.IO.Directory.Exists(folder.Directory)
                    // Stored names only: never a file being written under a temporary name (FileSystemFileStore).
                    ? System.IO.Directory.GetFiles(folder.Directory).Where(file => LogoName(Path.GetFileName(file)))
                        .Order(StringComparer.Ordinal).Select(file => (folder.Prefix, File: file))
                    : [])
                .ToList();
            var logos = images.Count(i => i.Prefix == LogosEntryPrefix);
            var databaseBytes = new FileInfo(copy).Length;
            await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                await using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
                {
                    await zip.CreateEntryFromFileAsync(copy, DatabaseEntry, CompressionLevel.Optimal, cancellationToken);
                    foreach (var (prefix, file) in images)
                    {
                        await zip.CreateEntryFromFileAsync(file, prefix + Path.GetFileName(file), CompressionLevel.NoCompression, cancellationToken);
                    }
                    var manifest = zip.CreateEntry(ManifestEntry);
                    await using var writer = await manifest.OpenAsync(cancellationToken);
                    await JsonSerializer.SerializeAsync(writer, new { takenAt, databaseBytes, logos, realisationImages = images.Count - logos, format = 1 }, cancellationToken: cancellationToken);
                }
                // On disk before it takes the archive's name: a crash never leaves a named but incomplete archive.
                stream.Flush(flushToDisk: true);
            }
            File.Move(partial, target, overwrite: true);
            return new BackupSummary(target, takenAt, databaseBytes, logos, images.Count - logos);
        }
        finally
        {
            File.Delete(copy);
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Replaces the database, the logos and the réalisations' images with the archive's, after checking it; the replaced files are kept beside
    /// (<c>*.avant-restauration-{time}</c>). The caller makes sure nothing else uses the data folder, then migrates the
    /// database (an older backup) and rebuilds the search index.
    /// </summary>
    public async Task<BackupSummary> RestoreAsync(string archive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(archive);
        if (!File.Exists(archive))
        {
            throw new BackupException($"Le fichier « {archive} » n'existe pas.");
        }
        var staged = paths.DatabaseFile + ".restauration.tmp";
        var folders = ImageFolders();
        try
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            try
            {
                using var zip = ZipFile.OpenRead(archive);
                Check(zip);
                await ExtractAsync(zip.GetEntry(DatabaseEntry)!, staged, cancellationToken);
                foreach (var (prefix, directory) in folders)
                {
                    System.IO.Directory.CreateDirectory(Staged(directory));
                    var entries = zip.Entries.Where(e => e.FullName.StartsWith(prefix, StringComparison.Ordinal) && e.Name.Length > 0).ToList();
                    foreach (var entry in entries)
                    {
                        await ExtractAsync(entry, Path.Combine(Staged(directory), entry.Name), cancellationToken);
                    }
                    counts[prefix] = entries.Count;
                }
            }
            catch (InvalidDataException invalid)
            {
                throw new BackupException($"« {archive} » n'est pas une archive de sauvegarde lisible.", invalid);
            }
            await CheckDatabaseAsync(staged, cancellationToken);

            SqliteConnection.ClearAllPools();
            var stamp = clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            var aside = $".avant-restauration-{stamp}";
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                if (File.Exists(paths.DatabaseFile + suffix))
                {
                    File.Move(paths.DatabaseFile + suffix, paths.DatabaseFile + aside + suffix);
                }
            }
            File.Move(staged, paths.DatabaseFile);
            foreach (var (_, directory) in folders)
            {
                if (System.IO.Directory.Exists(directory))
                {
                    System.IO.Directory.Move(directory, directory + aside);
                }
                System.IO.Directory.Move(Staged(directory), directory);
            }
            return new BackupSummary(Path.GetFullPath(archive), clock.GetUtcNow(), new FileInfo(paths.DatabaseFile).Length,
                counts[LogosEntryPrefix], counts[RealisationsEntryPrefix]);
        }
        finally
        {
            File.Delete(staged);
            foreach (var (_, directory) in folders.Where(f => System.IO.Directory.Exists(Staged(f.Directory))))
            {
                System.IO.Directory.Delete(Staged(directory), recursive: true);
            }
        }
    }

    /// <summary>The folders of images a backup holds, each under its prefix in the archive.</summary>
    private (string Prefix, string Directory)[] ImageFolders() =>
        [(LogosEntryPrefix, paths.LogosDirectory), (RealisationsEntryPrefix, paths.RealisationsDirectory)];

    private static string Staged(string directory) => directory + ".restauration.tmp";

    /// <summary>Our entries only (the database, images by their stored names, the manifest), and a bounded size.</summary>
    private static void Check(ZipArchive zip)
    {
        if (zip.Entries.Count > MaxEntries)
        {
            throw new BackupException($"L'archive contient plus de {MaxEntries:N0} fichiers : ce n'est pas une sauvegarde de l'annuaire.");
        }
        if (zip.GetEntry(DatabaseEntry) is null)
        {
            throw new BackupException($"L'archive ne contient pas de base de données ({DatabaseEntry}) : ce n'est pas une sauvegarde de l'annuaire.");
        }
        foreach (var entry in zip.Entries)
        {
            var ours = entry.FullName is DatabaseEntry or ManifestEntry
                || new[] { LogosEntryPrefix, RealisationsEntryPrefix }.Any(prefix => entry.FullName.StartsWith(prefix, StringComparison.Ordinal)
                    && (entry.Name.Length == 0 || (entry.FullName == prefix + entry.Name && LogoName(entry.Name))));
            if (!ours)
            {
                throw new BackupException($"L'archive contient « {Shorten(entry.FullName)} », qui n'a pas sa place dans une sauvegarde de l'annuaire.");
            }
        }
        if (zip.Entries.Sum(e => e.Length) > MaxExpandedBytes)
        {
            throw new BackupException($"L'archive dépasse {MaxExpandedBytes / (1024 * 1024 * 1024)} Go une fois décompressée.");
        }
    }

    private static bool LogoName(string name) =>
        name.Length <= 80 && name.EndsWith(".webp", StringComparison.Ordinal) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";

    /// <summary>Copies an entry, never more than it declares (a lying header cannot make it expand further).</summary>
    private static async Task ExtractAsync(ZipArchiveEntry entry, string path, CancellationToken cancellationToken)
    {
        await using var input = await entry.OpenAsync(cancellationToken);
        await using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        var buffer = new byte[81920];
        long copied = 0;
        int read;
        while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
        {
            copied += read;
            if (copied > entry.Length)
            {
                throw new BackupException($"« {Shorten(entry.FullName)} » est plus grand que ce que l'archive annonce : archive refusée.");
            }
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        output.Flush(flushToDisk: true);
    }

    private static async Task CheckDatabaseAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
            await connection.OpenAsync(cancellationToken);
            await using var integrity = connection.CreateCommand();
            integrity.CommandText = "PRAGMA integrity_check";
            var result = (string?)await integrity.ExecuteScalarAsync(cancellationToken);
            if (result != "ok")
            {
                throw new BackupException($"La base de données de l'archive est endommagée ({Shorten(result ?? "?")}) : rien n'a été remplacé.");
            }
            await using var ours = connection.CreateCommand();
            ours.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('__EFMigrationsHistory', 'Companies')";
            if ((long)(await ours.ExecuteScalarAsync(cancellationToken))! != 2)
            {
                throw new BackupException("La base de données de l'archive n'est pas celle de l'annuaire : rien n'a été remplacé.");
            }
        }
        catch (SqliteException invalid)
        {
            throw new BackupException("Le fichier de base de données de l'archive n'est pas lisible : rien n'a été remplacé.", invalid);
        }
    }
}
