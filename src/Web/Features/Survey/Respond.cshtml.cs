using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Survey;

/// <summary>
/// <c>/enquete/{jeton}</c>: the census for a company without an owner account, through the signed link mailed to its
/// public contact (<see cref="SurveyLinks"/>): that company, that wave, no sign-in. The same form as the owners'
/// (<see cref="SurveyForm"/>); saved with no account (<c>UpdatedBy</c> null). An unknown link is 404; a closed wave
/// 410 with its closing date. POSTs are rate-limited per address, the form shown again with a message.
/// </summary>
[EnableRateLimiting(PolicyName)]
[RateLimitAnswer(RateLimitAnswer.InPage)]
public sealed class RespondModel(AppDbContext db, SurveyWaves waves, SurveyLinks links, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public const string PolicyName = "survey-link";
    public const int PostsPerHour = 60;

    public SurveyForm Form { get; private set; } = null!;

    /// <summary>The wave has closed: only its closing date is shown (410).</summary>
    public bool Closed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string jeton, CancellationToken cancellationToken) =>
        await LoadAsync(jeton, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string jeton, CancellationToken cancellationToken)
    {
        if (await LoadAsync(jeton, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (HttpContext.Features.Get<RateLimitRejection>() is { } limited)
        {
            Form.Read(Request.Form);
            Form.Notice = text["SurveyLink.TooMany", Math.Max(1, (int)Math.Ceiling(limited.RetryAfter.TotalMinutes))];
            return Page();
        }
        return (await Form.SaveAsync(waves, Request.Form, actor: null, cancellationToken)).Result switch
        {
            SaveResult.Saved => RedirectToPage(new { jeton, fait = "enregistre" }),
            SaveResult.Submitted => RedirectToPage(new { jeton, fait = "envoye" }),
            SaveResult.NotFound or SaveResult.NotInPopulation => NotFound(),
            SaveResult.NotOpen when !Form.NotYetOpen => Gone(),
            _ => Page(),
        };
    }

    private async Task<IActionResult?> LoadAsync(string jeton, CancellationToken cancellationToken)
    {
        // The link is the key: kept out of caches, search engines and the addresses other sites are told.
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        if (links.Read(jeton) is not { } target
            || await SurveyForm.OpenAsync(db, waves, target.CompanyId, target.WaveId, clock.GetUtcNow().UtcDateTime, Url.Page("/Survey/Respond", new { jeton })!, cancellationToken) is not { } form)
        {
            return NotFound();
        }
        Form = form;
        return !form.IsOpen && !form.NotYetOpen ? Gone() : null;
    }

    private PageResult Gone()
    {
        Closed = true;
        Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }
}
