using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.MySpace;

/// <summary>
/// <c>/mon-espace/entreprises/{id}/modifier</c>: every field of a profile in one form, for its members and moderators.
/// Optimistic concurrency: a save over a newer version shows the current values next to the user's, keeps what
/// they typed, and lets them save again over the new version.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class EditCompanyModel(AppDbContext db, IAuthorizationService authorization, CompanyValidator validator,
    TaxonomyCatalog taxonomy, IStringLocalizer<SharedResource> text, CompanyLifecycle lifecycle) : PageModel
{
    public sealed record ConflictRow(string Label, string? Current, string? Yours);

    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    /// <summary>The version the form was read from (the concurrency token).</summary>
    [BindProperty]
    public int Version { get; set; }

    public string CompanyName { get; private set; } = string.Empty;

    /// <summary>After a conflict: the fields where the saved profile and the user's form differ.</summary>
    public IReadOnlyList<ConflictRow> Conflict { get; private set; } = [];

    /// <summary>The company that holds the RIDET typed (one company per RIDET), when the save was refused for it.</summary>
    public RidetHolder? TakenBy { get; private set; }

    [FromQuery(Name = "resultat")]
    public string? Outcome { get; set; }

    /// <summary>A section of the form in the summary at its top: whether it has errors, and what buyers would miss in it.</summary>
    public sealed record SectionSummary(ProfileSection Section, string Step, bool HasErrors, IReadOnlyList<CompletenessItem> Missing);

    /// <summary>The form's sections as the summary shows them, from what the form holds now.</summary>
    public IReadOnlyList<SectionSummary> Sections
    {
        get
        {
            var missing = ProfileCompleteness.Of(Input.ToCompany(), withLogo: false).Missing.ToList();
            return [.. Enum.GetValues<ProfileSection>().Select(section => new SectionSummary(section, RegisterModel.Steps[(int)section],
                ModelState.Any(e => e.Key.StartsWith($"Input.{section}.", StringComparison.Ordinal) && e.Value?.Errors.Count > 0),
                [.. missing.Where(m => m.Section == section)]))];
        }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await MayEditAsync())
        {
            return Forbid();
        }
        var company = await LoadAsync(cancellationToken);
        if (company is null)
        {
            return NotFound();
        }
        Input = ProfileInput.From(company);
        Version = company.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await MayEditAsync())
        {
            return Forbid();
        }
        var company = await LoadAsync(cancellationToken);
        if (company is null)
        {
            return NotFound();
        }
        Input.Location.NormalizeArea(taxonomy);
        var problems = Input.Validate(validator, Enum.GetValues<ProfileSection>().ToHashSet(), key => text[key]);
        if (problems.Count > 0)
        {
            foreach (var (key, message) in problems)
            {
                ModelState.AddModelError(key, message);
            }
            ModelState.AddModelError(string.Empty, text["Register.FixErrors"]);
            return Page();
        }
        if (Version != company.Version)
        {
            return ShowConflict(company);
        }
        var before = CompanyFields.Of(company);
        Input.ApplyTo(company);
        var outcome = await lifecycle.SaveEditAsync(company, before, Version, User.ToActor(), cancellationToken);
        if (outcome == LifecycleOutcome.Stale)
        {
            return await LoadAsync(cancellationToken) is { } current ? ShowConflict(current) : NotFound();
        }
        if (outcome == LifecycleOutcome.RidetTaken && company.Ridet is { } ridet)
        {
            TakenBy = await db.RidetHolderAsync(ridet, Id, cancellationToken);
            ModelState.AddModelError("Input.Ridet.Number", TakenBy is null ? text["Ridet.TakenShort"] : RidetForms.Taken(TakenBy, key => text[key]));
            ModelState.AddModelError(string.Empty, text["Register.FixErrors"]);
            return Page();
        }
        return outcome switch
        {
            LifecycleOutcome.Resubmitted => RedirectToPage("/MySpace/Index", new { resultat = "soumise" }),
            LifecycleOutcome.RidetRequested => RedirectToPage(new { id = Id, resultat = "ridet-demande" }),
            _ => RedirectToPage(new { id = Id, resultat = "enregistre" }),
        };
    }

    /// <summary>Keeps the user's form, shows what changed meanwhile, and takes the new version for the next save.</summary>
    private PageResult ShowConflict(Company current)
    {
        var theirs = ProfileInput.From(current).Describe(taxonomy, key => text[key]);
        var yours = Input.Describe(taxonomy, key => text[key]);
        Conflict = [.. theirs.Zip(yours)
            .Where(p => !string.Equals(p.First.Value ?? string.Empty, p.Second.Value ?? string.Empty, StringComparison.Ordinal))
            .Select(p => new ConflictRow(p.First.Label, p.First.Value, p.Second.Value))];
        Version = current.Version;
        ModelState.Remove(nameof(Version));
        ModelState.AddModelError(string.Empty, text["Edit.Conflict"]);
        return Page();
    }

    private async Task<bool> MayEditAsync() =>
        (await authorization.AuthorizeAsync(User, Id, CompanyOperation.Edit)).Succeeded;

    private async Task<Company?> LoadAsync(CancellationToken cancellationToken)
    {
        var company = await db.Companies.Include(c => c.SecondaryActivities).SingleOrDefaultAsync(c => c.Id == Id, cancellationToken);
        CompanyName = company?.DisplayName ?? string.Empty;
        return company;
    }
}
