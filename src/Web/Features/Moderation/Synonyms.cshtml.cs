using AnnuaireFiliere.Core.Indexing;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Moderation;

/// <summary>
/// <c>/moderation/synonymes</c>: the synonym rules search applies, for moderators to add, edit, turn off and remove
/// (each with an optional reason, kept in the history), each shown as search reads it; a rule of single words applies
/// at the next search, one of several words once the index is rebuilt, which the page starts and follows.
/// </summary>
[Authorize(Policy = Policies.Moderator)]
public sealed class SynonymsModel(SynonymRules rules, SynonymStore store, ISearchIndex index, IndexRebuild rebuild, IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>Latest changes shown under the rules (a rule's own history is shown whole when it is edited).</summary>
    public const int HistoryShown = 20;

    /// <summary>The rule typed: a new one (<see cref="Id"/> 0) or an edit of the version read.</summary>
    public sealed class RuleInput
    {
        public int Id { get; set; }

        public int Version { get; set; }

        public string? Line { get; set; }

        public string? Reason { get; set; }
    }

    [BindProperty]
    public RuleInput Input { get; set; } = new();

    [FromQuery(Name = "filtre")]
    public string? Filter { get; set; }

    /// <summary>The rule being edited, if any.</summary>
    [FromQuery(Name = "regle")]
    public int? Editing { get; set; }

    /// <summary>Text to start a new rule with (from <c>/moderation/recherches</c>).</summary>
    [FromQuery(Name = "ajouter")]
    public string? Prefill { get; set; }

    /// <summary>What the last action did, for the notice.</summary>
    [FromQuery(Name = "resultat")]
    public string? Outcome { get; set; }

    public IReadOnlyList<SynonymRuleView> Rules { get; private set; } = [];

    public int RuleCount { get; private set; }

    public IReadOnlyList<SynonymChangeView> History { get; private set; } = [];

    /// <summary>The rule of the edit form, as saved.</summary>
    public SynonymRuleView? Edited { get; private set; }

    /// <summary>Another moderator's version, when theirs was saved while this one was being edited.</summary>
    public SynonymRuleView? Conflict { get; private set; }

    public RebuildState Rebuild { get; private set; } = new(false, null);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Request.Headers.ContainsKey("HX-Request") && Request.Headers["HX-Target"] == "reconstruction")
        {
            // The rebuild's progress, polled by the page while it runs (htmx names the section it replaces).
            return Partial("_Rebuild", await RebuildStateAsync(cancellationToken));
        }
        if (Editing is { } id && await rules.FindAsync(id, cancellationToken) is { } rule)
        {
            Input = new RuleInput { Id = rule.Id, Version = rule.Version, Line = rule.Line };
        }
        else
        {
            Editing = null;
            Input = new RuleInput { Line = Prefill?.Trim() };
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAjouterAsync(CancellationToken cancellationToken)
    {
        var outcome = await rules.AddAsync(Input.Line, Input.Reason, User.ToActor(), cancellationToken);
        return await AfterAsync(outcome, "ajoutee", cancellationToken);
    }

    public async Task<IActionResult> OnPostModifierAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await rules.EditAsync(Input.Id, Input.Version, Input.Line, Input.Reason, User.ToActor(), cancellationToken), "modifiee", cancellationToken);

    public async Task<IActionResult> OnPostDesactiverAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await rules.SetEnabledAsync(Input.Id, Input.Version, enabled: false, Input.Reason, User.ToActor(), cancellationToken), "desactivee", cancellationToken);

    public async Task<IActionResult> OnPostReactiverAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await rules.SetEnabledAsync(Input.Id, Input.Version, enabled: true, Input.Reason, User.ToActor(), cancellationToken), "reactivee", cancellationToken);

    public async Task<IActionResult> OnPostSupprimerAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await rules.RemoveAsync(Input.Id, Input.Version, Input.Reason, User.ToActor(), cancellationToken), "supprimee", cancellationToken);

    /// <summary>Starts rebuilding the index in the background (one at a time), then shows its progress.</summary>
    public async Task<IActionResult> OnPostReconstruireAsync(CancellationToken cancellationToken)
    {
        var started = await rebuild.StartAsync(cancellationToken);
        return RedirectToPage("/Moderation/Synonyms", null, new { resultat = started ? "reconstruction" : "reconstruction-en-cours" }, "reconstruction");
    }

    /// <summary>Done: back to the list (PRG). Otherwise the page again, with the typed line and what is wrong.</summary>
    private async Task<IActionResult> AfterAsync(SynonymOutcome outcome, string done, CancellationToken cancellationToken)
    {
        switch (outcome.Kind)
        {
            case SynonymOutcomeKind.Done:
                return RedirectToPage("/Moderation/Synonyms", null, new { resultat = done }, done == "supprimee" ? null : "regle-" + outcome.RuleId);
            case SynonymOutcomeKind.NotFound:
                return RedirectToPage("/Moderation/Synonyms", null, new { resultat = "introuvable" }, null);
            case SynonymOutcomeKind.Stale:
                // Nothing lost: the form keeps what was typed, the page shows what the other moderator saved, and
                // the next save (over their version) is a deliberate one.
                Conflict = outcome.Current;
                Input.Version = outcome.Current!.Version;
                ModelState.Remove("Input.Version");
                ModelState.AddModelError(string.Empty, text["Synonyms.Conflict"]);
                break;
            default:
                // One message under the field, saying everything that is wrong at once (the words concerned together).
                ModelState.AddModelError("Input.Line", string.Join(' ', outcome.Errors.GroupBy(error => error.Problem).Select(problem => text["Synonyms.Problem." + problem.Key,
                    Details(problem.Key, problem.Select(error => error.Detail).OfType<string>()), SynonymLines.MaxLength, SynonymLines.MaxVariants, SynonymLines.VariantMaxLength].Value)));
                break;
        }
        Editing = Input.Id == 0 ? null : Input.Id;
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The words a problem concerns, quoted when they are what the moderator typed.</summary>
    private string Details(SynonymProblem problem, IEnumerable<string> details) =>
        string.Join(", ", problem is SynonymProblem.NoWord or SynonymProblem.VariantTooLong ? details.Select(d => text["Synonyms.Quoted", d].Value) : details);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var all = await rules.ListAsync(null, cancellationToken);
        RuleCount = all.Count;
        Rules = string.IsNullOrWhiteSpace(Filter) ? all : await rules.ListAsync(Filter, cancellationToken);
        Edited = Editing is { } id ? all.FirstOrDefault(r => r.Id == id) : null;
        History = await rules.HistoryAsync(Edited?.Id, Edited is null ? HistoryShown : 200, cancellationToken);
        Rebuild = await RebuildStateAsync(cancellationToken);
    }

    private async Task<RebuildState> RebuildStateAsync(CancellationToken cancellationToken) =>
        new(await store.NeedsRebuildAsync(index, cancellationToken), rebuild.Progress);
}

/// <summary>Whether the index lacks the latest rules of several words, and the rebuild running or last run here.</summary>
public sealed record RebuildState(bool NeedsRebuild, RebuildProgress? Progress);
