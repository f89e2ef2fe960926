using System.ComponentModel.DataAnnotations;

namespace AnnuaireFiliere.Core.Data;

/// <summary>Where the files a visitor can see (logos, réalisations' images, open-data extracts) are kept (docs/adr/0034).</summary>
public enum FileStorage
{
    /// <summary>Under the data folder, where they have always been: one machine, and the backups archive them.</summary>
    FileSystem,

    /// <summary>In the database's <c>StoredFiles</c> table: every node of a farm serves the same files.</summary>
    Database,
}

/// <summary>Where the directory keeps its files (SQLite database, search index, mails in Development).</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary>The data folder; a relative path is taken from the application's content root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "data";

    [Required(AllowEmptyStrings = false)]
    [RegularExpression(@"^[\w.\-]+$", ErrorMessage = "Storage:DatabaseFile must be a plain file name.")]
    public string DatabaseFile { get; set; } = "annuaire.db";

    /// <summary>
    /// <c>Storage:Files</c>: <c>FileSystem</c> or <c>Database</c> (<see cref="FileStorage"/>). Unset, it follows the
    /// database: <c>FileSystem</c> with SQLite (one machine, files beside the database as before), <c>Database</c>
    /// with PostgreSQL (a farm: nothing a visitor sees may live on one node's disk). Kept as text so that a wrong value
    /// is refused at start with a message naming the setting, not the binder's.
    /// </summary>
    public string? Files { get; set; }

    /// <summary>The file storage in effect on <paramref name="provider"/>.</summary>
    public FileStorage FilesOn(DatabaseProvider provider) =>
        string.IsNullOrWhiteSpace(Files)
            ? provider == DatabaseProvider.PostgreSql ? FileStorage.Database : FileStorage.FileSystem
            : Enum.TryParse<FileStorage>(Files, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new InvalidOperationException(UnknownFiles);

    private string UnknownFiles =>
        $"Storage:Files \"{Files}\" is not known: use FileSystem or Database (unset: FileSystem with SQLite, Database with PostgreSQL).";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Files) && !(Enum.TryParse<FileStorage>(Files, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)))
        {
            yield return new ValidationResult(UnknownFiles, [nameof(Files)]);
        }
    }
}
