using System.ComponentModel.DataAnnotations;

namespace AnnuaireFiliere.Core.Data;

/// <summary>Where the directory keeps its files (SQLite database, search index, mails in Development).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The data folder; a relative path is taken from the application's content root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "data";

    [Required(AllowEmptyStrings = false)]
    [RegularExpression(@"^[\w.\-]+$", ErrorMessage = "Storage:DatabaseFile must be a plain file name.")]
    public string DatabaseFile { get; set; } = "annuaire.db";
}
