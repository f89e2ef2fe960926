using System.ComponentModel.DataAnnotations;
using System.Globalization;
using AnnuaireFiliere.Web.Infrastructure;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Moderation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Companies;

/// <summary>
/// <c>/entreprises/{slug}/signaler</c>: "report an error" on a profile, stored for the moderators. Limited per
/// client address; a refused or invalid report comes back with its text, so nothing typed is lost.
/// </summary>
[EnableRateLimiting(PolicyName)]
[RateLimitAnswer(RateLimitAnswer.InPage)]
public sealed class ReportErrorModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public const string PolicyName = "signalements";

    /// <summary>Error reports allowed per client address and hour: a few are plenty for a person and useless for a robot.</summary>
    public const int PermitsPerHour = 5;

    public sealed class ReportInput
    {
        [Required(ErrorMessage = "Report.MessageRequired")]
        [StringLength(ErrorReport.MessageMaxLength, MinimumLength = ErrorReport.MessageMinLength, ErrorMessage = "Report.MessageLength")]
        [Display(Name = "Report.Message")]
        public string? Message { get; set; }

        [EmailAddress(ErrorMessage = "Report.EmailInvalid")]
        [StringLength(ErrorReport.EmailMaxLength, ErrorMessage = "Report.EmailInvalid")]
        [Display(Name = "Report.Email")]
        public string? Email { get; set; }
    }

    [BindProperty]
    public ReportInput Input { get; set; } = new();

    public string CompanyName { get; private set; } = string.Empty;

    public string Slug { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken) =>
        await LoadAsync(slug, cancellationToken) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        var company = await LoadAsync(slug, cancellationToken);
        if (company is null)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (HttpContext.Features.Get<RateLimitRejection>() is { } refused)
        {
            ModelState.AddModelError(string.Empty, text["Report.TooMany", Math.Max(1, (int)Math.Ceiling(refused.RetryAfter.TotalMinutes))]);
            return Page();
        }
        db.ErrorReports.Add(new ErrorReport
        {
            CompanyId = company.Id,
            Message = Input.Message!.Trim(),
            ReporterEmail = string.IsNullOrWhiteSpace(Input.Email) ? null : Input.Email.Trim(),
            Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(ProfileAddress.Page, new { slug = company.Slug, signalement = "envoye" });
    }

    private async Task<Core.Companies.Company?> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var company = await db.FindPublishedAsync(slug, cancellationToken);
        if (company is not null)
        {
            CompanyName = company.DisplayName;
            Slug = company.Slug;
        }
        return company;
    }
}
