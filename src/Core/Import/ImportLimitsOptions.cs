using System.ComponentModel.DataAnnotations;

namespace AnnuaireFiliere.Core.Import;

/// <summary>
/// How much an import file may hold once read (issue #15: a 205 KB workbook expanding to 200 MB). A file over a
/// limit is refused whole, before anything is written, with a French message; a cell longer than
/// <see cref="MaxCellLength"/> only rejects its row. Section <c>Import</c>; see docs/IMPORT.md.
/// </summary>
public sealed class ImportLimitsOptions : IValidatableObject
{
    public const string Section = "Import";

    /// <summary>What an XLSX expands to: the sum of its zip entries' uncompressed sizes, checked before reading it.</summary>
    [Range(1024L, 2L * 1024 * 1024 * 1024)]
    public long MaxWorkbookBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Files inside an XLSX (a workbook has a dozen; thousands means a hostile archive).</summary>
    [Range(1, 100_000)]
    public int MaxWorkbookEntries { get; set; } = 1_000;

    /// <summary>Data rows (the header not counted): the register extract has tens of thousands.</summary>
    [Range(1, 10_000_000)]
    public int MaxRows { get; set; } = 200_000;

    /// <summary>Columns of the header, and the last column a workbook may use (the template has about 30).</summary>
    [Range(1, 16_384)]
    public int MaxColumns { get; set; } = 200;

    /// <summary>A cell's characters: the template's longest field (the description) has 4,000. Longer rejects the row.</summary>
    [Range(1, 1_000_000)]
    public int MaxCellLength { get; set; } = 4_000;

    /// <summary>A CSV record's or a workbook row's characters. Longer refuses the file (a runaway quote, a hostile cell).</summary>
    [Range(1, 100_000_000)]
    public int MaxRowLength { get; set; } = 64 * 1024;

    /// <summary>Characters of a file's value repeated in the report (a name, an unknown commune); longer ones are cut with "…".</summary>
    [Range(10, 4_000)]
    public int MaxEchoedLength { get; set; } = 200;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxRowLength < MaxCellLength)
        {
            yield return new ValidationResult($"{nameof(MaxRowLength)} ({MaxRowLength}) must be at least {nameof(MaxCellLength)} ({MaxCellLength}).",
                [nameof(MaxRowLength), nameof(MaxCellLength)]);
        }
    }
}
