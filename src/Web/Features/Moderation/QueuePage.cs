using AnnuaireFiliere.Core.Companies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AnnuaireFiliere.Web.Features.Moderation;

/// <summary>What the moderation pages share: the page number and the notice of the last decision.</summary>
public abstract class QueuePage : PageModel
{
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    /// <summary>What the last decision did: <c>fait</c>, <c>deja-traite</c>, <c>motif-requis</c>, <c>introuvable</c>.</summary>
    [FromQuery(Name = "resultat")]
    public string? Outcome { get; set; }

    protected int ValidPage => Math.Clamp(PageNumber, 1, 10_000);

    public int CurrentPage => ValidPage;

    /// <summary>Back to the page that took the decision (PRG, same route values), saying how it went.</summary>
    protected IActionResult After(LifecycleOutcome outcome) => RedirectToPage(new { resultat = outcome switch
    {
        LifecycleOutcome.Done => "fait",
        // Not (or no longer) in the state the decision starts from: someone decided, or the page was old.
        LifecycleOutcome.AlreadyHandled or LifecycleOutcome.NotAllowed => "deja-traite",
        LifecycleOutcome.ReasonRequired => "motif-requis",
        _ => "introuvable",
    } });
}
