using AnnuaireFiliere.Core.Import;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AnnuaireFiliere.Web.Features.Moderation;

/// <summary>
/// <c>/moderation/import</c>: a moderator uploads a census spreadsheet (the template, CSV or XLSX) or a register
/// extract, tries it first (dry run) and reads the per-row report; the same service as <c>Indexer import</c>.
/// </summary>
[Authorize(Policy = Policies.Moderator)]
[RequestSizeLimit(MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes + 64 * 1024)]
[UploadLimit(MaxBytes + 64 * 1024)]
public sealed class ImportModel(ImportService imports) : PageModel
{
    /// <summary>Largest file accepted: about 40,000 rows of the template (what it may expand to: <see cref="ImportLimitsOptions"/>).</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    public const int MaxMegabytes = MaxBytes / (1024 * 1024);

    /// <summary>Rows of the report shown in the page (the rejected ones first).</summary>
    public const int RowsShown = 200;

    [BindProperty]
    public IFormFile? Fichier { get; set; }

    [BindProperty]
    public string Format { get; set; } = "auto";

    /// <summary>Checked by default: a first try writes nothing.</summary>
    [BindProperty]
    public bool Essai { get; set; } = true;

    /// <summary>Why the file was not read (French or English message key), if it was not.</summary>
    public string? Error { get; private set; }

    public ImportReport? Report { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Fichier is null || Fichier.Length == 0)
        {
            Error = "Moderation.Import.NoFile";
            return Page();
        }
        if (Fichier.Length > MaxBytes)
        {
            Error = "Moderation.Import.TooLarge";
            return Page();
        }
        var format = Format switch
        {
            "gabarit" => ImportFormat.Gabarit,
            "ridet" => ImportFormat.Ridet,
            _ => ImportFormat.Auto,
        };
        // In memory (20 MB at most): the upload's own stream does not seek like a file (a damaged workbook would
        // fail with an unexpected exception instead of the import's message).
        using var content = new MemoryStream((int)Fichier.Length);
        await Fichier.CopyToAsync(content, cancellationToken);
        content.Position = 0;
        Report = await imports.ImportAsync(content, Path.GetFileName(Fichier.FileName), new ImportOptions { Format = format, DryRun = Essai, Actor = User.ToActor() }, cancellationToken: cancellationToken);
        return Page();
    }

    /// <summary>The rows to show: rejected first, then the others, in file order.</summary>
    public IEnumerable<ImportRowResult> ShownRows =>
        Report is null ? [] : Report.Rows.OrderBy(r => r.Outcome == ImportOutcome.Rejected ? 0 : 1).ThenBy(r => r.Row).Take(RowsShown);
}
