using System.Globalization;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Features.Shortlist;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using AnnuaireFiliere.Web.Infrastructure;

namespace AnnuaireFiliere.Web.Features.Companies;

/// <summary><c>/entreprises/{slug}</c>: a published company's public profile; anything else is a French 404.</summary>
public sealed class ProfileModel(AppDbContext db, TaxonomyCatalog taxonomy) : PageModel
{
    public Company Company { get; private set; } = null!;

    public TaxonomyCatalog Taxonomy => taxonomy;

    public bool InShortlist { get; private set; }

    public string CanonicalUrl { get; private set; } = string.Empty;

    /// <summary>The empty "report an error" form, named as the report page binds it (<see cref="ReportErrorModel.Input"/>).</summary>
    public ReportErrorModel.ReportInput Input { get; } = new();

    /// <summary>The description in the page's language, or the other one (marked with its language) when missing.</summary>
    public (string Text, string Language)? Description { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var company = await db.FindPublishedAsync(slug, cancellationToken);
        if (company is null)
        {
            return NotFound();
        }
        Company = company;
        CanonicalUrl = PublicAddress.OfLink(HttpContext, Url.Page(ProfileAddress.Page, new { slug = company.Slug })!);
        InShortlist = ShortlistCookie.Read(Request).Contains(company.Slug);
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var (first, second) = english ? ((company.DescriptionEn, "en"), (company.DescriptionFr, "fr")) : ((company.DescriptionFr, "fr"), (company.DescriptionEn, "en"));
        Description = !string.IsNullOrWhiteSpace(first.Item1) ? (first.Item1, first.Item2)
            : !string.IsNullOrWhiteSpace(second.Item1) ? (second.Item1, second.Item2)
            : null;
        return Page();
    }
}
