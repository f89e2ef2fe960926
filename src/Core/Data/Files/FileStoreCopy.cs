namespace AnnuaireFiliere.Core.Data.Files;

/// <summary>
/// Copies files from one store to another: what moving a site from its data folder to the database
/// (<c>Storage:Files=Database</c>, e.g. with PostgreSQL) needs for the images, which cannot be rebuilt. The open-data
/// extracts need no copy: the next start writes the day's.
/// </summary>
public static class FileStoreCopy
{
    /// <summary>The buckets that hold what cannot be rebuilt: the logos and the réalisations' images.</summary>
    public static readonly IReadOnlyList<string> ImageBuckets = ["logos/", "realisations/"];

    /// <summary>
    /// Copies every file of <paramref name="prefixes"/> from <paramref name="source"/> into <paramref name="target"/>,
    /// skipping those the target already holds with the same content; returns how many were written. Safe to run again.
    /// </summary>
    public static async Task<int> CopyAsync(IFileStore source, IFileStore target, IEnumerable<string> prefixes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(prefixes);
        var written = 0;
        foreach (var prefix in prefixes)
        {
            foreach (var entry in await source.ListAsync(prefix, cancellationToken))
            {
                await using var file = await source.GetAsync(entry.Key, cancellationToken);
                if (file is null)
                {
                    continue;   // deleted meanwhile
                }
                await using (var existing = await target.GetAsync(entry.Key, cancellationToken))
                {
                    if (existing is not null && existing.Sha256 == file.Sha256)
                    {
                        continue;
                    }
                }
                await target.PutAsync(entry.Key, file.Content, file.ContentType, cancellationToken);
                written++;
            }
        }
        return written;
    }
}
