using AnnuaireFiliere.Core.Companies;

namespace AnnuaireFiliere.Core.Import;

/// <summary>The two kinds of file an import reads (see docs/IMPORT.md).</summary>
public enum ImportFormat
{
    /// <summary>Recognised from the headers.</summary>
    Auto = 0,

    /// <summary>The project's template (CSV or XLSX), one company per row.</summary>
    Gabarit = 1,

    /// <summary>The register's open-data extract "entreprises actives au RIDET" (CSV).</summary>
    Ridet = 2,
}

public enum ImportOutcome
{
    Created,
    Updated,
    Unchanged,
    Rejected,

    /// <summary>A register row outside the directory's typology (its APE code maps to no activity).</summary>
    Skipped,
}

public sealed record ImportOptions
{
    public ImportFormat Format { get; init; } = ImportFormat.Auto;

    /// <summary>Computes the same report without writing anything.</summary>
    public bool DryRun { get; init; }

    /// <summary>Rows written per transaction.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Who imports, for the companies' history: a moderator's account, or the command line.</summary>
    public Actor Actor { get; init; } = Actor.Import;
}

/// <summary>What happened to one row (its number in the file, header = 1); the reason is in French.</summary>
public sealed record ImportRowResult(int Row, string? Ridet, string? Name, ImportOutcome Outcome, string? Reason);

/// <summary>The result of an import: one entry per data row, or the reason why the file could not be read.</summary>
public sealed class ImportReport
{
    public ImportFormat Format { get; internal set; }
    public bool DryRun { get; init; }

    /// <summary>Why the whole file was refused (in French), or null.</summary>
    public string? FileError { get; internal set; }

    public List<ImportRowResult> Rows { get; } = [];

    public int Count(ImportOutcome outcome) => Rows.Count(r => r.Outcome == outcome);
}
