using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Features.Shortlist;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using AnnuaireFiliere.Web.Infrastructure;

namespace AnnuaireFiliere.Web.Features.Companies;

/// <summary>
/// <c>/entreprises/{slug}</c>: a published company's public profile (the partial <c>_CompanyProfile</c>); anything else
/// is a French 404. A person's view counts in the profile's audience (<see cref="ProfileAudienceCounting"/>).
/// </summary>
public sealed class ProfileModel(AppDbContext db, TaxonomyCatalog taxonomy, ProfileAudience audience) : PageModel
{
    public ProfileView View { get; private set; } = null!;

    public Company Company => View.Company;

    public TaxonomyCatalog Taxonomy => taxonomy;

    public string CanonicalUrl { get; private set; } = string.Empty;

    /// <summary>The profile's public address as a QR code (SVG markup generated here), printed with the page.</summary>
    public string QrCodeSvg { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var company = await db.FindPublishedAsync(slug, cancellationToken);
        if (company is null)
        {
            return NotFound();
        }
        View = ProfileView.Public(company, taxonomy, ShortlistCookie.Read(Request).Contains(company.Slug)) with
        {
            Realisations = await db.Realisations.AsNoTracking()
                .Where(r => r.CompanyId == company.Id && r.Status == RealisationStatus.Published)
                .OrderBy(r => r.Position).ToListAsync(cancellationToken),
        };
        CanonicalUrl = PublicAddress.OfLink(HttpContext, Url.Page(ProfileAddress.Page, new { slug = company.Slug })!);
        using (var generator = new QRCodeGenerator())
        using (var data = generator.CreateQrCode(CanonicalUrl, QRCodeGenerator.ECCLevel.M))
        {
            QrCodeSvg = new SvgQRCode(data).GetGraphic(4);
        }
        if (HttpMethods.IsGet(Request.Method) && await ProfileAudienceCounting.CountsAsync(HttpContext, db, company.Id, cancellationToken))
        {
            await audience.CountViewAsync(company.Id, cancellationToken);
        }
        return Page();
    }
}
