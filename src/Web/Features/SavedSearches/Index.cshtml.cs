using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Buyers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.SavedSearches;

/// <summary>
/// <c>/compte/recherches</c>: the account's saved searches (a link to run each, its name, daily or weekly alerts, alerts
/// on or off, delete), and where the "Enregistrer cette recherche" form of <c>/recherche</c> posts: a refused save is
/// shown here with the French message and what was typed.
/// </summary>
[Authorize]
public sealed class SavedSearchesModel(UserManager<DirectoryUser> users, Core.Buyers.SavedSearches searches, IStringLocalizer<SharedResource> text) : PageModel
{
    public const string Daily = "quotidienne";
    public const string Weekly = "hebdomadaire";

    public static string FrequencyValue(AlertFrequency frequency) => frequency == AlertFrequency.Daily ? Daily : Weekly;

    private static AlertFrequency? ParseFrequency(string? value) => value switch
    {
        Daily => AlertFrequency.Daily,
        Weekly => AlertFrequency.Weekly,
        _ => null,
    };

    public sealed class SaveInput
    {
        public string? Name { get; set; }

        /// <summary>The search page's query string, as the page wrote it.</summary>
        public string? Query { get; set; }

        public string? Frequency { get; set; } = Weekly;
    }

    public sealed class EditInput
    {
        public Guid Id { get; set; }

        public string? Name { get; set; }

        public string? Frequency { get; set; }

        public bool Alerts { get; set; }
    }

    [BindProperty]
    public SaveInput Save { get; set; } = new();

    [BindProperty]
    public EditInput Edit { get; set; } = new();

    public IReadOnlyList<SavedSearchLine> Saved { get; private set; } = [];

    /// <summary>True when a refused save from the search page is shown again.</summary>
    public bool SaveRefused { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        Saved = await searches.ListAsync(user.Id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostEnregistrerAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        var frequency = ParseFrequency(Save.Frequency);
        var problem = frequency is null
            ? SavedSearchProblem.None
            : (await searches.SaveAsync(user.Id, Save.Name, Save.Query, frequency.Value, user.PreferredLanguage, cancellationToken)).Problem;
        if (frequency is not null && problem == SavedSearchProblem.None)
        {
            return RedirectToPage("/SavedSearches/Index", new { enregistree = 1 });
        }
        SaveRefused = true;
        if (frequency is null)
        {
            ModelState.AddModelError($"{nameof(Save)}.{nameof(SaveInput.Frequency)}", text["SavedSearches.FrequencyInvalid"]);
        }
        else
        {
            ModelState.AddModelError(problem is SavedSearchProblem.NameMissing or SavedSearchProblem.NameTooLong
                ? $"{nameof(Save)}.{nameof(SaveInput.Name)}" : $"{nameof(Save)}.{nameof(SaveInput.Query)}", Message(problem));
        }
        Saved = await searches.ListAsync(user.Id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostModifierAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        var frequency = ParseFrequency(Edit.Frequency);
        var problem = frequency is null
            ? SavedSearchProblem.None
            : await searches.ChangeAsync(user.Id, Edit.Id, Edit.Name, frequency.Value, Edit.Alerts, cancellationToken);
        if (problem == SavedSearchProblem.NotFound)
        {
            return NotFound();
        }
        if (frequency is not null && problem == SavedSearchProblem.None)
        {
            return RedirectToPage("/SavedSearches/Index", new { modifiee = 1 });
        }
        ModelState.AddModelError(frequency is null ? $"{nameof(Edit)}.{nameof(EditInput.Frequency)}" : $"{nameof(Edit)}.{nameof(EditInput.Name)}",
            frequency is null ? text["SavedSearches.FrequencyInvalid"] : Message(problem));
        Saved = await searches.ListAsync(user.Id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSupprimerAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        return await searches.DeleteAsync(user.Id, Edit.Id, cancellationToken)
            ? RedirectToPage("/SavedSearches/Index", new { supprimee = 1 })
            : NotFound();
    }

    private string Message(SavedSearchProblem problem) => problem switch
    {
        SavedSearchProblem.NameTooLong => text["SavedSearches.NameTooLong", SavedSearch.NameMaxLength],
        SavedSearchProblem.TooMany => text["SavedSearches.TooMany", SavedSearch.MaxPerAccount],
        _ => text["SavedSearches.Problem." + problem],
    };
}
