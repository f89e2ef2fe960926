using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Core.Data.Files;

/// <summary>
/// Files in the database's <c>StoredFiles</c> table (<c>Storage:Files=Database</c>, the default with PostgreSQL):
/// every node of a farm reads what any node wrote, with the same hash, so the same <c>ETag</c>. Each operation runs on
/// a context of its own (the store is shared by requests and background services). A key written by two nodes at
/// once keeps one of the two contents whole.
/// </summary>
public sealed class DatabaseFileStore(IServiceScopeFactory scopes, TimeProvider clock) : IFileStore
{
    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        FileStoreExtensions.CheckKey(key);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(contentType);
        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            await content.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Task<int> ReplaceAsync() => db.StoredFiles.Where(f => f.Key == key).ExecuteUpdateAsync(set => set
            .SetProperty(f => f.Content, bytes)
            .SetProperty(f => f.ContentType, contentType)
            .SetProperty(f => f.Length, bytes.LongLength)
            .SetProperty(f => f.Sha256, sha256)
            .SetProperty(f => f.CreatedAt, now), cancellationToken);
        if (await ReplaceAsync() > 0)
        {
            return;
        }
        db.StoredFiles.Add(new StoredFile { Key = key, Content = bytes, ContentType = contentType, Length = bytes.LongLength, Sha256 = sha256, CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node inserted the key in between: its row takes this content (or the failure was another one).
            db.ChangeTracker.Clear();
            if (await ReplaceAsync() == 0)
            {
                throw;
            }
        }
    }

    public async Task<StoredFileContent?> GetAsync(string key, CancellationToken cancellationToken)
    {
        FileStoreExtensions.CheckKey(key);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var file = await db.StoredFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Key == key, cancellationToken);
        return file is null
            ? null
            : new StoredFileContent(new MemoryStream(file.Content, writable: false), file.ContentType, file.Length, file.Sha256, file.CreatedAt);
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        FileStoreExtensions.CheckKey(key);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.StoredFiles.Where(f => f.Key == key).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<StoredFileEntry>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rows = await db.StoredFiles.AsNoTracking()
            .Where(f => f.Key.StartsWith(prefix))
            .Select(f => new { f.Key, f.Length, f.CreatedAt })
            .ToListAsync(cancellationToken);
        // SQLite's LIKE ignores case: the prefix is compared again, exactly.
        return [.. rows
            .Where(r => r.Key.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new StoredFileEntry(r.Key, r.Length, r.CreatedAt))];
    }
}
