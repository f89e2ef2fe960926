using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Moderation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Companies;

/// <summary>
/// <c>/entreprises/{slug}/signaler</c>: "report an error" on a profile, stored for the moderators. Limited per
/// client address; a refused or invalid report comes back with its text, so nothing typed is lost.
/// </summary>
public sealed class ReportErrorModel(AppDbContext db, ReportLimiter limiter, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
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
        using var lease = limiter.Acquire(HttpContext);
        if (!lease.IsAcquired)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            var minutes = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes)) : 60;
            Response.Headers.RetryAfter = (minutes * 60).ToString(CultureInfo.InvariantCulture);
            ModelState.AddModelError(string.Empty, text["Report.TooMany", minutes]);
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
        return Redirect($"/entreprises/{company.Slug}?signalement=envoye");
    }

    private async Task<Core.Companies.Company?> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var company = await ProfileModel.FindPublishedAsync(db, slug, cancellationToken);
        if (company is not null)
        {
            CompanyName = company.DisplayName;
            Slug = company.Slug;
        }
        return company;
    }
}

/// <summary>Error reports allowed per client address: a few an hour is plenty for a person and useless for a robot.</summary>
public sealed class ReportLimiter : IDisposable
{
    public const int PermitsPerHour = 5;

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = PermitsPerHour,
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        }));

    public RateLimitLease Acquire(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "inconnue");
    }

    public void Dispose() => _limiter.Dispose();
}
