using System.Globalization;
using AnnuaireFiliere.Core.Buyers;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Requests;

/// <summary>What the contact and quote forms post (all text: what was typed comes back as typed).</summary>
public sealed class RequestInput
{
    public string? Name { get; set; }
    public string? Organisation { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Subject { get; set; }
    public string? Message { get; set; }

    /// <summary><c>yyyy-MM-dd</c>, as a date field sends it.</summary>
    public string? DesiredDate { get; set; }

    public string? BudgetBand { get; set; }
    public bool Consent { get; set; }

    /// <summary>The honeypot: hidden from people and from assistive technology; only robots fill it.</summary>
    public string? Website { get; set; }
}

/// <summary>
/// The contact form (<c>/entreprises/{slug}/contacter</c>) and the quote form (<c>/ma-selection/devis</c>): the same
/// fields, checked by <see cref="ContactRequests"/>, stored, and a confirmation link mailed to the buyer; nothing goes to
/// a company before the buyer follows it. Every refusal (a link, an attachment, the honeypot, a blocked sender, the
/// limits: 429) shows the form again with what was typed and a French message.
/// </summary>
public abstract class RequestFormPage(ContactRequests requests, RequestMails mails, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public RequestInput Input { get; set; } = new();

    /// <summary>The companies the form is about, with whether each can be reached.</summary>
    public IReadOnlyList<RequestTarget> Targets { get; protected set; } = [];

    /// <summary>The request is stored and the link mailed: the page says to check the mailbox.</summary>
    [FromQuery(Name = "fait")]
    public string? Done { get; set; }

    protected ContactRequests Requests => requests;

    protected IStringLocalizer<SharedResource> Text => text;

    protected async Task<IActionResult> SubmitAsync(ContactRequestKind kind, IReadOnlyList<Guid> chosen, CancellationToken cancellationToken)
    {
        // Only this page's own messages are shown (a value the binder could not read is checked below as typed).
        ModelState.Clear();
        if (Request.HasFormContentType && Request.Form.Files.Count > 0)
        {
            return Refuse(text["Requests.Error.Attachment"]);
        }
        if (!string.IsNullOrEmpty(Input.Website))
        {
            return Refuse(text["Requests.Error.Refused"]);
        }
        if (HttpContext.Features.Get<RateLimitRejection>() is { } limited)
        {
            return Refuse(text["Requests.Error.TooMany", Math.Max(1, (int)Math.Ceiling(limited.RetryAfter.TotalMinutes))]);
        }
        DateOnly? date = null;
        var dateUnreadable = false;
        if (!string.IsNullOrWhiteSpace(Input.DesiredDate))
        {
            if (DateOnly.TryParseExact(Input.DesiredDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                date = parsed;
            }
            else
            {
                dateUnreadable = true;
            }
        }
        var input = new ContactRequestInput
        {
            Kind = kind, Name = Input.Name, Organisation = Input.Organisation, Email = Input.Email, Phone = Input.Phone,
            Subject = Input.Subject, Message = Input.Message, DesiredDate = date, BudgetBand = Input.BudgetBand, Consent = Input.Consent,
            Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, CompanyIds = chosen,
        };
        if (dateUnreadable)
        {
            // Nothing is stored: the other fields' problems are shown with the date's.
            AddProblems([new(nameof(RequestInput.DesiredDate), "Invalid"), .. ContactRequests.Validate(input, DateOnly.MinValue).Where(p => p.Field != nameof(RequestInput.DesiredDate))]);
            return Page();
        }
        var result = await requests.CreateAsync(input, cancellationToken);
        switch (result.Outcome)
        {
            case ContactRequestOutcome.Created:
                var request = result.Request!;
                var names = Targets.Where(t => request.Recipients.Any(r => r.CompanyId == t.Id)).Select(t => t.Name).ToList();
                if (!await mails.TrySendConfirmationAsync(request, names, cancellationToken))
                {
                    // Stored but never confirmable: the buyer keeps the form and tries again later.
                    Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    return Refuse(text["Requests.Error.MailFailed"]);
                }
                return RedirectToPage(new { fait = "verifier" });
            case ContactRequestOutcome.TooMany:
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = "3600";
                return Refuse(text["Requests.Error.TooManyForEmail"]);
            case ContactRequestOutcome.Refused:
                return Refuse(text["Requests.Error.Refused"]);
            default:
                AddProblems(result.Problems);
                return Page();
        }
    }

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        return Page();
    }

    private void AddProblems(IEnumerable<ContactRequestProblem> problems)
    {
        foreach (var problem in problems)
        {
            var own = text[$"Requests.Error.{problem.Field}.{problem.Code}"];
            var message = own.ResourceNotFound ? text[$"Requests.Error.{problem.Code}", text["Requests." + problem.Field].Value].Value : own.Value;
            ModelState.AddModelError(problem.Field.Length == 0 ? string.Empty : "Input." + problem.Field, message);
        }
    }
}
