using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.Companies;

/// <summary>
/// Who counts in a published profile's audience (<see cref="ProfileAudience"/>, shown to its members): people, not
/// robots (<see cref="Crawlers.IsCrawler"/>), and not the company's own members. A view is counted by the profile page;
/// a click on a contact link (website, email, phone) by <c>POST /entreprises/{slug}/contact</c>, which site.js sends
/// as a beacon: the links are plain links, and work the same without JavaScript (uncounted then).
/// </summary>
internal static class ProfileAudienceCounting
{
    public const string ContactClickEndpoint = "Profile.ContactClick";

    /// <summary>The beacon's rate limit: a person clicks a few contact links a minute; a script inflating counts, more.</summary>
    public const string PolicyName = "contact-clicks";

    public const int ClicksPerMinute = 20;

    public static async Task<bool> CountsAsync(HttpContext context, AppDbContext db, Guid companyId, CancellationToken cancellationToken) =>
        !Crawlers.IsCrawler(context.Request)
        && (context.User.DirectoryUserId() is not { } user
            || !await db.CompanyMembers.AnyAsync(m => m.CompanyId == companyId && m.UserId == user, cancellationToken));

    public static void MapContactClicks(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/entreprises/{slug}/contact", async (string slug, HttpContext context, AppDbContext db, ProfileAudience audience) =>
        {
            var cancellationToken = context.RequestAborted;
            var company = await db.Companies.AsNoTracking().Where(c => c.Slug == slug && c.Status == PublicationStatus.Published)
                .Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
            if (company is not { } id)
            {
                return Results.NotFound();
            }
            if (await CountsAsync(context, db, id, cancellationToken))
            {
                await audience.CountContactClickAsync(id, cancellationToken);
            }
            return Results.NoContent();
        }).WithName(ContactClickEndpoint).RequireRateLimiting(PolicyName);
}
