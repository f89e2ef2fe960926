using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Statistics;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Features.Search;
using AnnuaireFiliere.Web.Features.Statistics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using AnnuaireFiliere.Web.Infrastructure;

namespace AnnuaireFiliere.Web.Features.Statistics;

/// <summary>
/// <c>/statistiques</c>: the sector's figures for any segment (the search's parameters, text included) today or at
/// a snapshot (<c>instantane</c>), compared with another date (<c>comparer</c>), their evolution over the snapshots,
/// each table with its chart and downloads.
/// </summary>
// The analysts' view holds exact counts: never kept, and never one visitor's copy for another.
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None, VaryByHeader = "Cookie")]
public sealed class StatisticsModel(StatisticsReader reader, TaxonomyCatalog taxonomy, IAuthorizationService authorization, SnapshotStore snapshots,
    Core.Buyers.NeedStatistics needs, IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>Time series columns shown in the page: a year of monthly snapshots and today.</summary>
    public const int SeriesColumns = 13;

    public StatisticsQuery Query { get; private set; } = null!;

    public StatisticsReport Report { get; private set; } = null!;

    /// <summary>The figures at the date compared with, when one is chosen.</summary>
    public StatisticsReport? Compared { get; private set; }

    public TimeSeries? Series { get; private set; }

    /// <summary>The needs buyers posted: the whole directory today, whatever the segment and date (issue #19).</summary>
    public Core.Buyers.NeedStatisticsReport Needs { get; private set; } = null!;

    public IReadOnlyList<SnapshotInfo> Snapshots { get; private set; } = [];

    public TaxonomyCatalog Taxonomy => taxonomy;

    /// <summary>The segment and date's query string, for the download links ("" or "?…").</summary>
    public string QueryString => Query.QueryString(withCompare: false);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Query = await reader.ParseAsync(HttpContext, cancellationToken);
        if (Query.Notices.Count == 0 && SearchParameters.HasEmptyOrDefault(Request.Query))
        {
            // The form sends every field, chosen or not: answer with the address a link has, short enough to share.
            return Redirect(Url.Page("/Statistics/Index") + Query.QueryString());
        }
        await ReadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The figures of <see cref="Query"/>: its date's, the compared date's, their evolution.</summary>
    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        Snapshots = await reader.SnapshotsAsync(cancellationToken);
        Report = await reader.ReportAsync(Query, Query.Snapshot, cancellationToken);
        Needs = await needs.ComputeAsync(cancellationToken);
        if (Query.CompareWith is not null)
        {
            Compared = await reader.ReportAsync(Query, Query.CompareWith, cancellationToken);
        }
        if (Snapshots.Count > 0)
        {
            Series = await reader.SeriesAsync(Query, SeriesColumns - 1, cancellationToken);
        }
    }

    /// <summary>The analysts' form: a snapshot taken now, with an optional label.</summary>
    public sealed class SnapshotInput
    {
        public string? Label { get; set; }
    }

    [BindProperty]
    public SnapshotInput Input { get; set; } = new();

    /// <summary>An analyst takes a snapshot now (with an optional label), then sees its figures.</summary>
    public async Task<IActionResult> OnPostInstantaneAsync(CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Accounts.Policies.Analyst)).Succeeded)
        {
            return Forbid();
        }
        var label = string.IsNullOrWhiteSpace(Input.Label) ? null : Input.Label.Trim();
        if (label is { Length: > StatisticsSnapshot.LabelMaxLength })
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(SnapshotInput.Label)}", text["Stats.SnapshotLabelTooLong", StatisticsSnapshot.LabelMaxLength]);
            Query = await reader.ParseAsync(HttpContext, cancellationToken);
            await ReadAsync(cancellationToken);
            return Page();
        }
        var taken = await snapshots.TakeAsync(SnapshotKind.OnDemand, User.Identity?.Name, label, cancellationToken);
        return RedirectToPage("/Statistics/Index", new RouteValueDictionary { [StatisticsQuery.SnapshotParameter] = taken.Id.ToString("N") });
    }

    /// <summary>The facets the form's single-choice lists can show (one value at most each).</summary>
    public static IReadOnlyList<FacetDefinition> FormFacets { get; } = [FacetCatalog.Sector, FacetCatalog.Province, FacetCatalog.SizeBand];

    /// <summary>Whether the form shows <paramref name="facet"/> as a list (else it is carried as hidden fields).</summary>
    public bool InForm(FacetDefinition facet) => FormFacets.Contains(facet) && Query.Segment.Selected(facet.Name).Count <= 1;

    /// <summary>This page for another segment, at the same dates.</summary>
    public string Link(Core.Search.SearchRequest segment) => Url.Page("/Statistics/Index") + (Query with { Segment = segment }).QueryString();

    /// <summary>
    /// The companies of the segment per commune on a map, each circle leading to the search in that commune; a
    /// withheld count (&lt; 3, s) has no circle, as it has no figure in the table.
    /// </summary>
    public Maps.CommuneMapView CommuneMap()
    {
        var searchPage = Url.Page("/Search/Index");
        var points = Report.Distribution(StatisticsNames.Commune).Rows
            .Where(r => r.Cell.Suppressed || r.Cell.Count > 0)
            .OrderByDescending(r => r.Cell.Suppressed ? -1 : r.Cell.Count).ThenBy(r => r.Label, StringComparer.CurrentCulture)
            .Select(r => new Maps.MapPoint(r.Code, r.Label, r.Cell.Suppressed ? null : r.Cell.Count, StatisticsEndpoints.Shown(r.Cell),
                searchPage + SearchParameters.ToQueryString(Query.Segment.WithFacet(FacetNames.Commune, [r.Code]))))
            .ToList();
        return new Maps.CommuneMapView("carte-statistiques", text["Stats.Table.map"], text["Stats.MapDescription"], points, Table: false);
    }

    /// <summary>The segment's companies in the directory's search.</summary>
    public string SearchLink => Url.Page("/Search/Index") + SearchParameters.ToQueryString(Query.Segment);

    public string Label(string facet, string code) => FacetCatalog.Get(facet).LabelOf(code, taxonomy);

    /// <summary>A table of this view as CSV (<paramref name="excel"/>: the French Excel variant).</summary>
    public string TableCsv(string table, bool excel = false) =>
        Download(Url.Endpoint(StatisticsEndpoints.Csv, new { table }), excel ? StatisticsEndpoints.ExcelFormat : null);

    /// <summary>A table of the needs as CSV.</summary>
    public string NeedsCsv(string table, bool excel = false) =>
        Url.Endpoint(StatisticsEndpoints.NeedsCsv, new { table }) + (excel ? "?" + StatisticsEndpoints.ExcelFormat : string.Empty);

    /// <summary>Every table of the needs as XLSX.</summary>
    public string NeedsXlsx => Url.Endpoint(StatisticsEndpoints.NeedsXlsx)!;

    /// <summary>The needs' figures from the API.</summary>
    public string NeedsApi => Url.Endpoint(StatisticsEndpoints.NeedsApi)!;

    /// <summary>A chart of this view as SVG.</summary>
    public string ChartSvg(string table) => Download(Url.Endpoint(StatisticsEndpoints.Svg, new { table }));

    /// <summary>The name of a chart's PNG (drawn by the browser from its SVG), like the server's downloads.</summary>
    public string PngName(string table) => Query.FileName(table, Report.ComputedAt, "png");

    /// <summary>The whole view as XLSX or JSON.</summary>
    public string Export(string format) => Download(Url.Endpoint(StatisticsEndpoints.Export, new { format }));

    /// <summary>The figures of this view from the API.</summary>
    public string Api => Download(Url.Endpoint(StatisticsEndpoints.Api));

    /// <summary>The address of a download of this view, with extra parameters.</summary>
    private string Download(string path, string? extra = null) =>
        path + (extra is null ? QueryString : QueryString.Length == 0 ? "?" + extra : QueryString + "&" + extra);
}
