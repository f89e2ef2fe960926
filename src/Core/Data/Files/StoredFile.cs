namespace AnnuaireFiliere.Core.Data.Files;

/// <summary>
/// A file kept in the database (<see cref="DatabaseFileStore"/>, <c>Storage:Files=Database</c>): one row per key,
/// replaced whole when the key is written again.
/// </summary>
public sealed class StoredFile
{
    public const int KeyMaxLength = 300;

    /// <summary>The file's key, e.g. <c>logos/…webp</c> (<see cref="IFileStore"/>).</summary>
    public string Key { get; set; } = "";

    public byte[] Content { get; set; } = [];

    public string ContentType { get; set; } = "";

    public long Length { get; set; }

    /// <summary>The SHA-256 of <see cref="Content"/>, lowercase hex: the <c>ETag</c> every node gives.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>When this content was written (UTC).</summary>
    public DateTime CreatedAt { get; set; }
}
