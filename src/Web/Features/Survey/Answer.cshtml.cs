using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AnnuaireFiliere.Web.Features.Survey;

/// <summary>
/// <c>/mon-espace/entreprises/{id}/enquete/{vague}</c>: a company's owners answer a census wave — saved as a draft,
/// resumed, sent, changed until the wave closes (the form: <see cref="SurveyForm"/>).
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class AnswerModel(AppDbContext db, SurveyWaves waves, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    public SurveyForm Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid vague, CancellationToken cancellationToken) =>
        await LoadAsync(id, vague, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, Guid vague, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, vague, cancellationToken) is { } refused)
        {
            return refused;
        }
        return (await Form.SaveAsync(waves, Request.Form, User.DirectoryUserId(), cancellationToken)).Result switch
        {
            SaveResult.Saved => RedirectToPage(new { id, vague, fait = "enregistre" }),
            SaveResult.Submitted => RedirectToPage(new { id, vague, fait = "envoye" }),
            SaveResult.NotFound or SaveResult.NotInPopulation => NotFound(),
            _ => Page(),
        };
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid vague, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, id, CompanyOperation.AnswerSurvey)).Succeeded)
        {
            return Forbid();
        }
        var form = await SurveyForm.OpenAsync(db, waves, id, vague, clock.GetUtcNow().UtcDateTime, Url.Page("/Survey/Answer", new { id, vague })!, cancellationToken);
        if (form is null)
        {
            return NotFound();
        }
        Form = form;
        return null;
    }
}
