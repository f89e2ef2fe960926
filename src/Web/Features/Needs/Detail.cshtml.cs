using AnnuaireFiliere.Core.Buyers;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Needs;

/// <summary>
/// <c>/besoins/{slug}</c>: a need. Published (or closed) needs are public; one not yet published, or refused, only its
/// buyer and moderators see (404 for the others). The buyer's contact details are shown to the buyer, to moderators
/// and to the members of a company that answered. Members of published companies answer "Je suis intéressé" (once
/// per company, while the need is open), choosing the company when they have several.
/// </summary>
[EnableRateLimiting(NeedsSetup.PolicyName)]
[RateLimitAnswer(RateLimitAnswer.InPage)]
public sealed class DetailModel(Core.Buyers.Needs needs, NeedMails mails, AppDbContext db, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed record MemberCompany(Guid Id, string Name, bool Answered);

    public Need Need { get; private set; } = null!;

    public bool IsOpen { get; private set; }

    public bool ShowsContact { get; private set; }

    public bool IsBuyer { get; private set; }

    public IReadOnlyList<MemberCompany> Companies { get; private set; } = [];

    [BindProperty]
    public Guid? CompanyId { get; set; }

    [BindProperty]
    public string? Message { get; set; }

    [FromQuery(Name = "reponse")]
    public string? Answered { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken) =>
        await LoadAsync(slug, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }
        if (User.DirectoryUserId() is not { } userId)
        {
            return Challenge();
        }
        if (HttpContext.Features.Get<RateLimitRejection>() is { } refused)
        {
            ModelState.AddModelError(string.Empty, text["Needs.TooMany", Math.Max(1, (int)Math.Ceiling(refused.RetryAfter.TotalMinutes))]);
            return Page();
        }
        var company = Companies.Count == 1 ? Companies[0].Id : CompanyId;
        if (company is null || Companies.All(c => c.Id != company))
        {
            ModelState.AddModelError(nameof(CompanyId), text["Needs.Answer.ChooseCompany"]);
            return Page();
        }
        var outcome = await needs.AnswerAsync(Need.Id, company.Value, userId, User.ToActor().Name, Message, cancellationToken);
        switch (outcome)
        {
            case NeedAnswerOutcome.Done:
                await mails.SendAnsweredAsync(Need, Companies.First(c => c.Id == company).Name, cancellationToken);
                return RedirectToPage(new { slug, reponse = "envoyee" });
            case NeedAnswerOutcome.InvalidMessage:
                ModelState.AddModelError(nameof(Message), text["Needs.Answer.MessageInvalid", NeedAnswer.MessageMinLength, NeedAnswer.MessageMaxLength]);
                return Page();
            case NeedAnswerOutcome.AlreadyAnswered:
                ModelState.AddModelError(string.Empty, text["Needs.Answer.Already"]);
                return Page();
            case NeedAnswerOutcome.NotMember:
                return Forbid();
            default:
                ModelState.AddModelError(string.Empty, text["Needs.Answer.Closed"]);
                return Page();
        }
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        if (await needs.FindAsync(slug, cancellationToken) is not { } need)
        {
            return false;
        }
        Need = need;
        var userId = User.DirectoryUserId();
        IsBuyer = userId is not null && need.UserId == userId;
        var moderator = User.IsModerator();
        var visible = need.Status is NeedStatus.Published or NeedStatus.Expired or NeedStatus.Filled or NeedStatus.Cancelled;
        if (!visible && !IsBuyer && !moderator)
        {
            return false;
        }
        IsOpen = needs.IsOpen(need);
        if (userId is { } user)
        {
            var answered = await needs.AnsweredByMemberAsync(need.Id, user, cancellationToken);
            Companies = await (from m in db.CompanyMembers
                               join c in db.Companies on m.CompanyId equals c.Id
                               where m.UserId == user && c.Status == PublicationStatus.Published
                               orderby c.LegalName
                               select new { c.Id, Name = c.TradeName ?? c.LegalName }).ToListAsync(cancellationToken)
                is var list ? [.. list.Select(c => new MemberCompany(c.Id, c.Name, answered.Contains(c.Id)))] : [];
            ShowsContact = IsBuyer || moderator || answered.Count > 0;
        }
        return true;
    }
}
