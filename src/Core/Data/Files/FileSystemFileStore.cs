using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace AnnuaireFiliere.Core.Data.Files;

/// <summary>
/// Files under the data folder (<c>Storage:Files=FileSystem</c>, the default with SQLite): a key is the path below
/// <paramref name="root"/>, so logos stay in <c>data/logos</c>, réalisations' images in <c>data/realisations</c> and
/// open-data extracts in <c>data/donnees</c>, as before, and the backups archive them. A file is written beside its
/// place under a temporary name and then renamed over it, so a reader never sees it half written. The hashes are
/// computed on first read and remembered while the file's size and time do not change.
/// </summary>
public sealed class FileSystemFileStore(string root) : IFileStore
{
    private const string TemporaryPrefix = ".put-";
    private readonly ConcurrentDictionary<string, (long Length, long Ticks, string Sha256)> _hashes = new(StringComparer.Ordinal);

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Where <paramref name="key"/> is on disk.</summary>
    public string PathOf(string key) => Path.Combine(Root, FileStoreExtensions.CheckKey(key).Replace('/', Path.DirectorySeparatorChar));

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = PathOf(key);
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, TemporaryPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await content.CopyToAsync(target, cancellationToken);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public async Task<StoredFileContent?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, useAsync: true);
        }
        catch (Exception missing) when (missing is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        try
        {
            var modified = File.GetLastWriteTimeUtc(path);
            var sha256 = await HashAsync(path, stream, modified, cancellationToken);
            return new StoredFileContent(stream, ContentTypes.Of(key), stream.Length, sha256, modified);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        _hashes.TryRemove(path, out _);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }
        File.Delete(path);
        // A folder left empty goes too (an open-data day once its files are gone), never the root.
        var folder = Path.GetDirectoryName(path)!;
        try
        {
            while (!string.Equals(folder, Root, StringComparison.Ordinal) && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
                folder = Path.GetDirectoryName(folder)!;
            }
        }
        catch (IOException)
        {
            // Something was written into it meanwhile: it stays.
        }
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<StoredFileEntry>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        // Only the folder the prefix names is walked: never the database, the search index or the mails beside it.
        var slash = prefix.LastIndexOf('/');
        var folder = slash < 0 ? Root : PathOf(prefix[..slash]);
        if (!Directory.Exists(folder))
        {
            return Task.FromResult<IReadOnlyList<StoredFileEntry>>([]);
        }
        var entries = new List<StoredFileEntry>();
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            if (Path.GetFileName(path).StartsWith(TemporaryPrefix, StringComparison.Ordinal))
            {
                continue;
            }
            var key = Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/');
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                var info = new FileInfo(path);
                entries.Add(new StoredFileEntry(key, info.Length, info.LastWriteTimeUtc));
            }
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return Task.FromResult<IReadOnlyList<StoredFileEntry>>(entries);
    }

    /// <summary>The file's hash, remembered while its size and time stay the same (a replaced file has a new time).</summary>
    private async Task<string> HashAsync(string path, FileStream stream, DateTime modified, CancellationToken cancellationToken)
    {
        if (_hashes.TryGetValue(path, out var known) && known.Length == stream.Length && known.Ticks == modified.Ticks)
        {
            return known.Sha256;
        }
        var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        stream.Position = 0;
        _hashes[path] = (stream.Length, modified.Ticks, sha256);
        return sha256;
    }
}

/// <summary>The media type of a file by its extension, for the files the site stores (a file system keeps no type).</summary>
public static class ContentTypes
{
    public static string Of(string key) => Path.GetExtension(key).ToLowerInvariant() switch
    {
        ".webp" => "image/webp",
        ".csv" => "text/csv; charset=utf-8",
        ".json" => "application/json; charset=utf-8",
        ".gz" => "application/gzip",
        _ => "application/octet-stream",
    };
}
