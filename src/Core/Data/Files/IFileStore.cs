using System.Text.RegularExpressions;

namespace AnnuaireFiliere.Core.Data.Files;

/// <summary>A stored file as a listing shows it: its key, size and when it was written (no content, no hash).</summary>
public sealed record StoredFileEntry(string Key, long Length, DateTime Modified);

/// <summary>
/// A stored file read back: its content (the caller disposes it), type, size, when it was written and the SHA-256 of
/// its bytes (lowercase hex), which is the same on every node and so makes an <c>ETag</c> they all agree on.
/// </summary>
public sealed class StoredFileContent(Stream content, string contentType, long length, string sha256, DateTime modified) : IAsyncDisposable, IDisposable
{
    public Stream Content { get; } = content;
    public string ContentType { get; } = contentType;
    public long Length { get; } = length;
    public string Sha256 { get; } = sha256;
    public DateTime Modified { get; } = modified;

    /// <summary>A strong entity tag made of the content's hash (quoted, as HTTP writes it).</summary>
    public string EntityTag => $"\"{Sha256}\"";

    public ValueTask DisposeAsync() => Content.DisposeAsync();

    public void Dispose() => Content.Dispose();
}

/// <summary>
/// Where the site keeps the files a visitor can see: logos, réalisations' images, open-data extracts
/// (<see cref="FileStorage"/>, <c>Storage:Files</c>). A key is a relative path of plain names separated by <c>/</c>
/// (<c>logos/…webp</c>, <c>donnees/2026-12-05/entreprises.csv</c>); the first segment is the bucket. The file system
/// keeps each key at that path under the data folder (so an existing site finds its files where they were, and the
/// backups still archive them); the database keeps them in <c>StoredFiles</c>, so every node of a farm serves the same.
/// Writing a key replaces it whole: a reader sees the former content or the new one, never a mixture.
/// </summary>
public interface IFileStore
{
    /// <summary>Writes (or replaces) <paramref name="key"/> with the whole of <paramref name="content"/>.</summary>
    Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken);

    /// <summary>The file and what describes it, or null when there is no such key.</summary>
    Task<StoredFileContent?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes <paramref name="key"/>; false when it did not exist.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>The files whose key starts with <paramref name="prefix"/> (ordinal), in key order.</summary>
    Task<IReadOnlyList<StoredFileEntry>> ListAsync(string prefix, CancellationToken cancellationToken);
}

public static partial class FileStoreExtensions
{
    /// <summary>Writes (or replaces) <paramref name="key"/> with <paramref name="content"/>.</summary>
    public static async Task PutAsync(this IFileStore store, string key, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(content);
        using var stream = new MemoryStream(content, writable: false);
        await store.PutAsync(key, stream, contentType, cancellationToken);
    }

    /// <summary>The whole content of <paramref name="key"/>, or null.</summary>
    public static async Task<byte[]?> ReadAllBytesAsync(this IFileStore store, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var file = await store.GetAsync(key, cancellationToken);
        if (file is null)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        await file.Content.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>
    /// Refuses anything but a relative path of plain names (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>) separated by
    /// <c>/</c>, none of them <c>.</c> or <c>..</c>: a key never leaves its store, whatever a request carries.
    /// </summary>
    public static string CheckKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!KeyPattern().IsMatch(key) || key.Split('/').Any(segment => segment is "." or ".."))
        {
            throw new ArgumentException($"\"{key}\" is not a file key (plain names separated by '/').", nameof(key));
        }
        return key;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._\-]+(/[A-Za-z0-9._\-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
