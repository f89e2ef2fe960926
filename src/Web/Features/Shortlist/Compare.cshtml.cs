using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.Shortlist;

/// <summary>
/// <c>/ma-selection/comparer</c>: the shortlist's companies side by side, at most <see cref="MaxCompanies"/>; those
/// named in the address (<c>?e=slug&amp;e=slug</c>, the shortlist's checkboxes) or else the visitor's own, first ones.
/// The address with the slugs is the comparison to share. Public facts only.
/// </summary>
public sealed class CompareModel(AppDbContext db, TaxonomyCatalog taxonomy) : PageModel
{
    public const int MaxCompanies = 6;

    /// <summary>A company's column: its values, as labels, for each row.</summary>
    public sealed record Column(
        string Slug, string Name, string? LogoFile, IReadOnlyList<string> Activities, IReadOnlyList<string> Services,
        string Commune, string? Size, int? FoundingYear, IReadOnlyList<string> ECommerce, IReadOnlyList<string> Languages,
        IReadOnlyList<string> Labels, DateTime? LastConfirmedAt, string? Website, string? Email, string? Phone);

    public IReadOnlyList<Column> Columns { get; private set; } = [];

    /// <summary>How many companies were asked for beyond the first <see cref="MaxCompanies"/> (not shown).</summary>
    public int LeftOut { get; private set; }

    /// <summary>How many companies of the address could not be found (unknown, unpublished, or not an address at all).</summary>
    public int Missing { get; private set; }

    public string ShareUrl { get; private set; } = string.Empty;

    public async Task OnGetAsync(string[]? e, CancellationToken cancellationToken)
    {
        var asked = e is { Length: > 0 } ? e.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal).Take(ShortlistCookie.MaxEntries).ToList() : null;
        var slugs = asked is not null ? ShortlistCookie.Clean(asked) : ShortlistCookie.Read(Request);
        var companies = await db.Companies.AsNoTracking()
            .Include(c => c.SecondaryActivities)
            .Where(c => c.Status == PublicationStatus.Published && slugs.Contains(c.Slug))
            .ToListAsync(cancellationToken);
        var order = slugs.Select((slug, index) => (slug, index)).ToDictionary(x => x.slug, x => x.index, StringComparer.Ordinal);
        var found = companies.OrderBy(c => order[c.Slug]).ToList();
        Missing = asked is null ? 0 : asked.Count - found.Count;
        LeftOut = Math.Max(0, found.Count - MaxCompanies);
        Columns = [.. found.Take(MaxCompanies).Select(ToColumn)];
        var query = string.Concat(Columns.Select((c, i) => (i == 0 ? "?e=" : "&e=") + c.Slug));
        ShareUrl = PublicAddress.OfLink(HttpContext, Url.Page("/Shortlist/Compare") + query);
    }

    private Column ToColumn(Company c) => new(
        c.Slug,
        c.DisplayName,
        c.LogoFile,
        [.. c.AllActivityCodes.Select(code => FacetCatalog.Activity.LabelOf(code, taxonomy))],
        [.. c.ServiceCodes.Select(code => FacetCatalog.Service.LabelOf(code, taxonomy)), .. c.Services],
        FacetCatalog.Commune.LabelOf(c.CommuneCode, taxonomy),
        FacetCatalog.SizeLabel(c.SizeBandCode, taxonomy),
        c.FoundingYear,
        [.. CompanyDocumentMapping.Capabilities(c.ECommerce).Select(code => FacetCatalog.ECommerce.LabelOf(code, taxonomy))],
        [.. c.Languages.Select(code => FacetCatalog.Language.LabelOf(code, taxonomy))],
        c.Labels,
        c.LastConfirmedAt,
        c.Website,
        c.Email,
        c.Phones.Count == 0 ? null : c.Phones[0]);
}
