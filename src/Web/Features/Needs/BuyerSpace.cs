using AnnuaireFiliere.Core.Buyers;
using AnnuaireFiliere.Core.Companies;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Needs;

/// <summary>A need as its buyer sees it: its answers, its history, and the closing form (with what was typed when refused).</summary>
public sealed record BuyerNeed(Need Need, IReadOnlyList<Core.Buyers.Needs.AnswerView> Answers, IReadOnlyList<NeedChange> History)
{
    public string? CloseError { get; init; }
    public string? TypedOutcome { get; init; }
    public string? TypedIssue { get; init; }
}

/// <summary>What the buyer's pages share: loading a need with its answers and history, and closing it.</summary>
public abstract class BuyerSpacePage(Core.Buyers.Needs needs, IStringLocalizer<SharedResource> text) : PageModel
{
    public const string Filled = "pourvu";
    public const string Cancelled = "annule";

    protected Core.Buyers.Needs Needs => needs;

    protected async Task<BuyerNeed> ViewAsync(Need need, CancellationToken cancellationToken) =>
        new(need, await needs.AnswersAsync(need.Id, cancellationToken), await needs.HistoryAsync(need.Id, cancellationToken));

    /// <summary>Closes; null when done, else the need to show again with the error and what was typed.</summary>
    protected async Task<BuyerNeed?> CloseAsync(Need need, string? issue, string? outcome, int? version, string actor, CancellationToken cancellationToken)
    {
        var result = issue is Filled or Cancelled
            ? await needs.CloseAsync(need.Id, issue == Filled, outcome, version, actor, cancellationToken)
            : LifecycleOutcome.ReasonRequired;
        if (result == LifecycleOutcome.Done)
        {
            return null;
        }
        var shown = await needs.FindAsync(need.Id, cancellationToken) ?? need;
        return await ViewAsync(shown, cancellationToken) with
        {
            CloseError = result == LifecycleOutcome.ReasonRequired ? text["Needs.Close.OutcomeRequired", Need.OutcomeMaxLength] : text["Needs.Close.AlreadyClosed"],
            TypedOutcome = outcome,
            TypedIssue = issue,
        };
    }
}
