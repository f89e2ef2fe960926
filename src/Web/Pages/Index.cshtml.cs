using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Pages;

public sealed class IndexModel(AppDbContext db, TaxonomyCatalog taxonomy) : PageModel
{
    public sealed record SectorCount(string Code, string Label, int Count);

    public sealed record KeyFigures(int Published, int ActiveSectors, int Communes, double ShareSellingOnline);

    public IReadOnlyList<SectorCount> Sectors { get; private set; } = [];

    public KeyFigures Figures { get; private set; } = new(0, 0, 0, 0);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var published = db.Companies.AsNoTracking().Where(c => c.Status == PublicationStatus.Published);
        var byActivity = await published
            .GroupBy(c => c.PrimaryActivityCode)
            .Select(g => new { Activity = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var bySector = byActivity
            .GroupBy(a => taxonomy.FindActivity(a.Activity)?.SectorCode)
            .Where(g => g.Key is not null)
            .ToDictionary(g => g.Key!, g => g.Sum(a => a.Count));
        Sectors = [.. taxonomy.Sectors.Select(s => new SectorCount(s.Code, s.Label, bySector.GetValueOrDefault(s.Code)))];

        var total = byActivity.Sum(a => a.Count);
        var communes = await published.Select(c => c.CommuneCode).Distinct().CountAsync(cancellationToken);
        var sellingOnline = await published.CountAsync(c => c.ECommerce.SellsOnOwnShop || c.ECommerce.SellsOnMarketplaces, cancellationToken);
        Figures = new KeyFigures(total, bySector.Count(s => s.Value > 0), communes, total == 0 ? 0 : (double)sellingOnline / total);
    }
}
