using System.Security.Claims;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Features.Companies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.MySpace;

/// <summary>
/// <c>/mon-espace/inscrire/{etape}</c>: the registration wizard (RIDET → identity → activities → location → contact →
/// preview), saved as the account's draft at each step. The RIDET step offers to claim or join a company already listed.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class RegisterModel(CompanyRegistration registration, CompanyLifecycle lifecycle, CompanyValidator validator, TaxonomyCatalog taxonomy,
    IStringLocalizer<SharedResource> text) : PageModel
{
    public const string Preview = "apercu";

    private static readonly string[] StepNames = ["ridet", "identite", "activites", "localisation", "contact", Preview];

    /// <summary>The steps' URL names, in order; all but the last are a <see cref="ProfileSection"/>.</summary>
    public static IReadOnlyList<string> Steps => StepNames;

    [FromRoute(Name = "etape")]
    public string? Step { get; set; }

    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    public IReadOnlyList<RidetMatch> Matches { get; private set; } = [];

    /// <summary>The company that already holds the RIDET typed (one company per RIDET), if any.</summary>
    public RidetHolder? TakenBy { get; private set; }

    /// <summary>A RIDET to look up from a link ("déjà utilisé — revendiquer ?"), shown without changing the draft.</summary>
    [FromQuery(Name = "ridet")]
    public string? RidetToLookUp { get; set; }

    public IReadOnlyList<LikelyDuplicate> Duplicates { get; private set; } = [];

    public int StepIndex => Array.IndexOf(StepNames, Step);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var draft = await registration.OpenDraftAsync(UserId, cancellationToken);
        if (Step is null)
        {
            return RedirectToPage(new { etape = draft?.Step ?? Steps[0] });
        }
        if (StepIndex < 0)
        {
            return NotFound();
        }
        Input = CompanyRegistration.Read(draft);
        if (Step == Steps[0] && !string.IsNullOrWhiteSpace(RidetToLookUp))
        {
            Input.Ridet = new RidetInput { Number = RidetToLookUp };
        }
        await LoadContextAsync(cancellationToken);
        if (TakenBy is not null)
        {
            ModelState.AddModelError("Input.Ridet.Number", RidetForms.Taken(TakenBy, key => text[key]));
        }
        return Page();
    }

    /// <summary>Saves the step (what was typed is kept even when invalid), then goes back, or forward when it is valid.</summary>
    public async Task<IActionResult> OnPostAsync(string? direction, bool continuer, CancellationToken cancellationToken)
    {
        if (StepIndex < 0 || Step == Preview)
        {
            return NotFound();
        }
        var section = (ProfileSection)StepIndex;
        if (section == ProfileSection.Location)
        {
            Input.Location.NormalizeArea(taxonomy);
        }
        var merged = CompanyRegistration.Read(await registration.OpenDraftAsync(UserId, cancellationToken));
        merged.CopySection(section, Input);
        Input = merged;
        var problems = Input.Validate(validator, new HashSet<ProfileSection> { section }, key => text[key]);
        if (direction == "precedent" && await registration.SaveAsync(UserId, Steps[Math.Max(0, StepIndex - 1)], Input, cancellationToken))
        {
            return RedirectToPage(new { etape = Steps[Math.Max(0, StepIndex - 1)] });
        }
        if (problems.Count > 0 || direction == "precedent")
        {
            // What was typed is kept in the draft too (when it fits), so leaving the page loses nothing.
            await registration.SaveAsync(UserId, Step!, Input, cancellationToken);
            return await ShowProblemsAsync(problems, cancellationToken);
        }
        var next = Steps[StepIndex + 1];
        if (section == ProfileSection.Ridet && Core.Companies.Ridet.TryParse(Input.Ridet.Number, out var ridet)
            && (await registration.HolderAsync(ridet, cancellationToken) is not null
                || (!continuer && (await registration.FindByRidetAsync(ridet, UserId, cancellationToken)).Count > 0)))
        {
            // Another establishment of a listed company may go on; a RIDET already held may not (docs/adr/0020).
            next = Steps[0];
        }
        await registration.SaveAsync(UserId, next, Input, cancellationToken);
        return RedirectToPage(new { etape = next });
    }

    /// <summary>Submits the draft for review once every step is valid.</summary>
    public async Task<IActionResult> OnPostSoumettreAsync(CancellationToken cancellationToken)
    {
        var draft = await registration.OpenDraftAsync(UserId, cancellationToken);
        if (draft is null)
        {
            return RedirectToPage(new { etape = Steps[0] });
        }
        Step = Preview;
        Input = CompanyRegistration.Read(draft);
        var problems = Input.Validate(validator, Enum.GetValues<ProfileSection>().ToHashSet(), key => text[key]);
        if (problems.Count > 0)
        {
            return await ShowProblemsAsync(problems, cancellationToken);
        }
        if (await lifecycle.SubmitAsync(Input.ToCompany(), draft, User.ToActor(), cancellationToken) == LifecycleOutcome.RidetTaken)
        {
            return await ShowProblemsAsync([("Input.Ridet.Number", text["Ridet.TakenShort"])], cancellationToken);
        }
        return RedirectToPage("/MySpace/Index", new { resultat = "soumise" });
    }

    /// <summary>Claims the company (no owner yet) or asks its owners to join it.</summary>
    public async Task<IActionResult> OnPostDemanderAsync(Guid companyId, string? message, CancellationToken cancellationToken)
    {
        var outcome = await registration.RequestAccessAsync(UserId, Email, companyId, message, cancellationToken);
        return outcome == AccessRequestOutcome.UnknownCompany ? NotFound()
            : RedirectToPage("/MySpace/Index", new { resultat = "demande-" + outcome.ToString().ToLowerInvariant() });
    }

    /// <summary>The public profile the draft will make, for the preview step.</summary>
    public ProfileView PreviewProfile => ProfileView.Preview(Input.ToCompany(), taxonomy);

    private async Task<IActionResult> ShowProblemsAsync(IReadOnlyList<(string Key, string Message)> problems, CancellationToken cancellationToken)
    {
        foreach (var (key, message) in problems)
        {
            ModelState.AddModelError(key, message);
        }
        ModelState.AddModelError(string.Empty, text["Register.FixErrors"]);
        await LoadContextAsync(cancellationToken);
        return Page();
    }

    private async Task LoadContextAsync(CancellationToken cancellationToken)
    {
        if (Step == Steps[0] && Core.Companies.Ridet.TryParse(Input.Ridet.Number, out var ridet))
        {
            Matches = await registration.FindByRidetAsync(ridet, UserId, cancellationToken);
            TakenBy = await registration.HolderAsync(ridet, cancellationToken);
        }
        if (StepIndex > 1)
        {
            Duplicates = await registration.LikelyDuplicatesAsync([Input.Identity.LegalName, Input.Identity.TradeName], Input.Location.CommuneCode, cancellationToken);
        }
    }

    private string Email => User.FindFirstValue(ClaimTypes.Email) ?? User.Identity?.Name ?? UserId.ToString();

    private Guid UserId => User.DirectoryUserId() ?? throw new InvalidOperationException("A member page without a signed-in account.");
}
