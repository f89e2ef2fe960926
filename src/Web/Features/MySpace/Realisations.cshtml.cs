using System.Globalization;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Data.Files;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Features.Companies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.MySpace;

/// <summary>
/// <c>/mon-espace/entreprises/{id}/realisations</c>: a company's réalisations (six at most, docs/adr/0026) with their
/// state and a refusal's reason; a form adds one, or edits the one named by <c>?modifier={id}</c>; each can be deleted.
/// An image is checked and redrawn like a logo (within 1200 × 800); a change waits for a moderator.
/// </summary>
[Authorize(Policy = Policies.Member)]
[RequestFormLimits(MultipartBodyLengthLimit = 4 * Logos.MaxBytes)]
public sealed class RealisationsModel(AppDbContext db, IAuthorizationService authorization, IFileStore files, CompanyLifecycle lifecycle,
    TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public string CompanyName { get; private set; } = string.Empty;

    public Guid CompanyId { get; private set; }

    public IReadOnlyList<Realisation> Realisations { get; private set; } = [];

    /// <summary>The réalisation the form edits, or <c>null</c> when it adds one.</summary>
    public Realisation? Editing { get; private set; }

    [BindProperty]
    public RealisationInput Input { get; set; } = new();

    public LogoProblem ImageProblem { get; private set; }

    public int CurrentYear => clock.GetUtcNow().Year;

    /// <summary>The list is full and the form adds: it is not shown.</summary>
    public bool Full => Editing is null && Realisations.Count >= Realisation.MaxPerCompany;

    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery(Name = "modifier")] Guid? edit, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, edit, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (Editing is { } realisation)
        {
            Input = RealisationInput.Of(realisation);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, IFormFile? image, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, Input.Id, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (Input.Id is not null && Editing is null)
        {
            return RedirectToPage(new { id, fait = "introuvable" });
        }
        if (Full)
        {
            // The page says the list is full, in place of the form.
            return Page();
        }
        var (draft, upload) = await CheckAsync(image, cancellationToken);
        if (draft is null)
        {
            return Page();
        }
        string? saved = null;
        if (upload is { } sent)
        {
            saved = await RealisationImages.SaveAsync(files, id, sent.Webp, cancellationToken);
            draft = draft with { ImageFile = saved, ImageWidth = sent.Width, ImageHeight = sent.Height };
        }
        var outcome = Editing is { } editing
            ? await lifecycle.EditRealisationAsync(id, editing.Id, draft, Input.Version, User.ToActor(), cancellationToken)
            : await lifecycle.AddRealisationAsync(id, draft, User.ToActor(), cancellationToken);
        // The image no réalisation shows any more: the former one once replaced, or the new one when nothing was saved.
        await DeleteUnusedAsync(outcome == LifecycleOutcome.Done ? Editing?.ImageFile : saved, cancellationToken);
        return RedirectToPage(new { id, fait = outcome switch
        {
            LifecycleOutcome.Done => Editing is null ? "ajoutee" : "modifiee",
            LifecycleOutcome.AlreadyHandled => "inchangee",
            LifecycleOutcome.Stale => "perimee",
            _ => "introuvable",
        } });
    }

    /// <summary>
    /// The typed réalisation with the image it keeps (or a stand-in for the one sent), and the sent image redrawn;
    /// no draft when a rule or the file is refused (the messages are in the model state and <see cref="ImageProblem"/>).
    /// </summary>
    private async Task<(RealisationDraft? Draft, (byte[] Webp, int Width, int Height)? Upload)> CheckAsync(IFormFile? image, CancellationToken cancellationToken)
    {
        // The rules below say it all, in the site's words (the binder's own messages are not).
        ModelState.Clear();
        (byte[] Webp, int Width, int Height)? upload = null;
        if (image is { Length: > 0 })
        {
            var (webp, width, height, problem) = await RealisationImages.RedrawUploadAsync(image, cancellationToken);
            ImageProblem = problem;
            upload = webp is null ? null : (webp, width, height);
        }
        var kept = Input.RemoveImage ? null : Editing;
        // An image just sent counts for the alt text's rule even when it was refused: the alt text is asked once.
        var draft = Input.ToDraft(image is { Length: > 0 } ? "nouvelle" : kept?.ImageFile, kept?.ImageWidth, kept?.ImageHeight);
        foreach (var (field, problem) in RealisationRules.Check(draft, CurrentYear))
        {
            ModelState.AddModelError($"{nameof(Input)}.{field}", text[$"Realisation.Error.{problem}", Realisation.TitleMaxLength, Realisation.EarliestYear, CurrentYear,
                Realisation.TextMaxLength, Realisation.ImageAltMaxLength]);
        }
        return ImageProblem == LogoProblem.None && ModelState.IsValid ? (draft, upload) : (null, null);
    }

    public async Task<IActionResult> OnPostSupprimerAsync(Guid id, Guid realisation, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, realisation, cancellationToken) is { } refused)
        {
            return refused;
        }
        var outcome = await lifecycle.RemoveRealisationAsync(id, realisation, User.ToActor(), cancellationToken);
        if (outcome == LifecycleOutcome.Done)
        {
            await DeleteUnusedAsync(Editing?.ImageFile, cancellationToken);
        }
        return RedirectToPage(new { id, fait = outcome == LifecycleOutcome.Done ? "supprimee" : "introuvable" });
    }

    /// <summary>One place up (<c>sens=haut</c>) or down the profile's list.</summary>
    public async Task<IActionResult> OnPostDeplacerAsync(Guid id, Guid realisation, string? sens, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, null, cancellationToken) is { } refused)
        {
            return refused;
        }
        var outcome = await lifecycle.MoveRealisationAsync(id, realisation, up: sens == "haut", User.ToActor(), cancellationToken);
        return RedirectToPage(new { id, fait = outcome is LifecycleOutcome.Done or LifecycleOutcome.AlreadyHandled ? "deplacee" : "introuvable" });
    }

    /// <summary>Deletes an image file no réalisation shows (the same image sent twice has the same name: it may still be in use).</summary>
    private async Task DeleteUnusedAsync(string? file, CancellationToken cancellationToken)
    {
        if (file is not null && !await db.Realisations.AnyAsync(r => r.ImageFile == file, cancellationToken))
        {
            await RealisationImages.DeleteAsync(files, file, cancellationToken);
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid? edit, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, id, CompanyOperation.Edit)).Succeeded)
        {
            return Forbid();
        }
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Id, Name = c.TradeName ?? c.LegalName })
            .SingleOrDefaultAsync(cancellationToken);
        if (company is null)
        {
            return NotFound();
        }
        (CompanyId, CompanyName) = (company.Id, company.Name);
        Realisations = await db.Realisations.AsNoTracking().Where(r => r.CompanyId == id).OrderBy(r => r.Position).ToListAsync(cancellationToken);
        Editing = edit is { } wanted ? Realisations.FirstOrDefault(r => r.Id == wanted) : null;
        return null;
    }
}

/// <summary>The réalisation form: what a member typed (the year as typed, checked by <see cref="RealisationRules"/>).</summary>
public sealed class RealisationInput
{
    /// <summary>The réalisation edited, or <c>null</c> for a new one.</summary>
    public Guid? Id { get; set; }

    /// <summary>The version the form was read at (a save over a newer one changes nothing).</summary>
    public int Version { get; set; }

    public string? Title { get; set; }

    public string? ClientType { get; set; }

    public string? Year { get; set; }

    public string? Text { get; set; }

    public string? Link { get; set; }

    public string? ImageAlt { get; set; }

    public bool RemoveImage { get; set; }

    public static RealisationInput Of(Realisation realisation)
    {
        ArgumentNullException.ThrowIfNull(realisation);
        return new()
        {
            Id = realisation.Id,
            Version = realisation.Version,
            Title = realisation.Title,
            ClientType = realisation.ClientType,
            Year = realisation.Year.ToString(CultureInfo.InvariantCulture),
            Text = realisation.Text,
            Link = realisation.Link,
            ImageAlt = realisation.ImageAlt,
        };
    }

    public RealisationDraft ToDraft(string? imageFile, int? imageWidth, int? imageHeight) =>
        new(Title, ClientType, int.TryParse(Year?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null,
            Text?.ReplaceLineEndings("\n"), Link, imageFile, imageWidth, imageHeight, ImageAlt);
}
