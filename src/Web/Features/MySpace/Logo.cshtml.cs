using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Data.Files;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Features.Companies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.MySpace;

/// <summary>
/// <c>/mon-espace/entreprises/{id}/logo</c>: upload (checked by content, redrawn within 400×400 as WebP) or remove
/// the company's logo; each change goes to the history as an edit of the <c>logo</c> field.
/// </summary>
[Authorize(Policy = Policies.Member)]
[RequestFormLimits(MultipartBodyLengthLimit = 4 * Logos.MaxBytes)]
public sealed class LogoModel(AppDbContext db, IAuthorizationService authorization, IFileStore files, CompanyLifecycle lifecycle) : PageModel
{
    public Company Company { get; private set; } = null!;

    public LogoProblem Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, IFormFile? fichier, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        var (webp, problem) = await Logos.RedrawUploadAsync(fichier, Logos.Side, Logos.Side, cancellationToken);
        if (webp is null)
        {
            Problem = problem;
            return Page();
        }
        await ReplaceAsync(await Logos.SaveAsync(files, id, webp, cancellationToken), cancellationToken);
        return RedirectToPage(new { id, fait = "envoye" });
    }

    public async Task<IActionResult> OnPostSupprimerAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (Company.LogoFile is not null)
        {
            await ReplaceAsync(null, cancellationToken);
        }
        return RedirectToPage(new { id, fait = "supprime" });
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, id, CompanyOperation.Edit)).Succeeded)
        {
            return Forbid();
        }
        var company = await db.Companies.Include(c => c.SecondaryActivities).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (company is null)
        {
            return NotFound();
        }
        Company = company;
        return null;
    }

    private async Task ReplaceAsync(string? file, CancellationToken cancellationToken)
    {
        var former = Company.LogoFile;
        // The former file goes once the company no longer points to it (the same file again changes nothing).
        if (await lifecycle.ChangeLogoAsync(Company.Id, file, User.ToActor(), cancellationToken) == LifecycleOutcome.Done)
        {
            await Logos.DeleteAsync(files, former, cancellationToken);
        }
    }
}
