using AnnuaireFiliere.Core.Buyers;
using AnnuaireFiliere.Web.Features.Shortlist;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Requests;

/// <summary>
/// <c>/ma-selection/devis</c>: "Demander un devis à ma sélection". The companies of the visitor's shortlist that can be
/// reached are ticked (at most <see cref="ContactRequest.MaxRecipients"/>); those that cannot are listed with why.
/// </summary>
[EnableRateLimiting(RequestsSetup.PolicyName)]
[RateLimitAnswer(RateLimitAnswer.InPage)]
public sealed class QuoteModel(ContactRequests requests, RequestMails mails, IStringLocalizer<SharedResource> text)
    : RequestFormPage(requests, mails, text)
{
    /// <summary>The companies ticked (ids of the shortlist's reachable companies).</summary>
    [BindProperty(Name = "entreprises")]
    public List<Guid> Chosen { get; set; } = [];

    public IEnumerable<RequestTarget> Reachable => Targets.Where(t => t.Reach == Reachability.Reachable);

    public IEnumerable<RequestTarget> Unreachable => Targets.Where(t => t.Reach != Reachability.Reachable);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Chosen = [.. Reachable.Take(ContactRequest.MaxRecipients).Select(t => t.Id)];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        // Only the shortlist's own companies: ids typed into the form for others are ignored.
        var chosen = Chosen.Where(id => Reachable.Any(t => t.Id == id)).Distinct().ToList();
        return await SubmitAsync(ContactRequestKind.Quote, chosen, cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Targets = await Requests.TargetsBySlugAsync(ShortlistCookie.Read(Request), cancellationToken);
}
