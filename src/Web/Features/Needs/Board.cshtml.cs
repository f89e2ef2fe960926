using AnnuaireFiliere.Core.Buyers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AnnuaireFiliere.Web.Features.Needs;

/// <summary><c>/besoins</c>: the needs board, open needs newest first, filtered by sector, activity, service or province.</summary>
public sealed class BoardModel(Core.Buyers.Needs needs) : PageModel
{
    public const int PageSize = 20;

    [FromQuery(Name = "secteur")]
    public string? Sector { get; set; }

    [FromQuery(Name = "activite")]
    public string? Activity { get; set; }

    [FromQuery(Name = "service")]
    public string? Service { get; set; }

    [FromQuery(Name = "province")]
    public string? Province { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Need> Needs { get; private set; } = [];

    public int Total { get; private set; }

    public int CurrentPage => Math.Clamp(PageNumber, 1, 10_000);

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        (Needs, Total) = await needs.BoardAsync(Activity, Service, Sector, Province, CurrentPage, PageSize, cancellationToken);

    public string? PageUrl(int page) => Url.Page("/Needs/Board", new { secteur = Sector, activite = Activity, service = Service, province = Province, page = page == 1 ? (int?)null : page });
}
