using AnnuaireFiliere.Core.Buyers;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Requests;

/// <summary>
/// <c>/entreprises/{slug}/contacter</c>: "Contacter" on a profile. A profile without a contact email, or whose company
/// turned requests off, shows why instead of the form.
/// </summary>
[EnableRateLimiting(RequestsSetup.PolicyName)]
[RateLimitAnswer(RateLimitAnswer.InPage)]
public sealed class ContactModel(AppDbContext db, ContactRequests requests, RequestMails mails, IStringLocalizer<SharedResource> text)
    : RequestFormPage(requests, mails, text)
{
    public RequestTarget Company => Targets[0];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken) =>
        await LoadAsync(slug, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }
        return await SubmitAsync(ContactRequestKind.Contact, [Company.Id], cancellationToken);
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        if (await db.FindPublishedAsync(slug, cancellationToken) is not { } company)
        {
            return false;
        }
        Targets = [new RequestTarget(company.Id, company.DisplayName, company.Slug, ContactRequests.ReachOf(company))];
        return true;
    }
}
