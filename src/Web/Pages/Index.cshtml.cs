using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace AnnuaireFiliere.Web.Pages;

public sealed class IndexModel(AppDbContext db, TaxonomyCatalog taxonomy, IMemoryCache cache) : PageModel
{
    /// <summary>How long the home figures are reused: they move slowly, and counting costs ~200 ms at 100,000 companies.</summary>
    public static readonly TimeSpan FiguresLifetime = TimeSpan.FromMinutes(1);

    public sealed record SectorCount(Sector Sector, int Count);

    public sealed record KeyFigures(int Published, int ActiveSectors, int Communes, double ShareSellingOnline);

    private sealed record HomeFigures(IReadOnlyDictionary<string, int> BySector, KeyFigures Figures);

    public IReadOnlyList<SectorCount> Sectors { get; private set; } = [];

    public KeyFigures Figures { get; private set; } = new(0, 0, 0, 0);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var home = await cache.GetOrCreateAsync(nameof(HomeFigures), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = FiguresLifetime;
            return CountAsync(cancellationToken);
        });
        Sectors = [.. taxonomy.Sectors.Select(s => new SectorCount(s, home!.BySector.GetValueOrDefault(s.Code)))];
        Figures = home!.Figures;
    }

    private async Task<HomeFigures> CountAsync(CancellationToken cancellationToken)
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
        var total = byActivity.Sum(a => a.Count);
        var communes = await published.Select(c => c.CommuneCode).Distinct().CountAsync(cancellationToken);
        var sellingOnline = await published.CountAsync(c => c.ECommerce.SellsOnOwnShop || c.ECommerce.SellsOnMarketplaces, cancellationToken);
        return new HomeFigures(bySector, new KeyFigures(total, bySector.Count(s => s.Value > 0), communes, total == 0 ? 0 : (double)sellingOnline / total));
    }
}
