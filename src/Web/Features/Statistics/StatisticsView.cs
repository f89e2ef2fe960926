using System.Globalization;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Statistics;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Statistics;

/// <summary>Small formatting rules of the statistics page.</summary>
public static class StatisticsView
{
    /// <summary>The change between two cells ("+12", "−3", "0"); "—" when either is withheld.</summary>
    public static string Change(Cell before, Cell after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Suppressed || after.Suppressed)
        {
            return "—";
        }
        var change = after.Count - before.Count;
        return change switch
        {
            > 0 => "+" + change.ToString("N0", CultureInfo.CurrentCulture),
            < 0 => "−" + (-change).ToString("N0", CultureInfo.CurrentCulture),
            _ => "0",
        };
    }

    /// <summary>
    /// Which companies a segment counts, in words ("Province : Province Sud · Secteur : …"), for a chart taken away
    /// from the page; "Toutes les entreprises" when it has no criterion.
    /// </summary>
    public static string Describe(SearchRequest segment, TaxonomyCatalog taxonomy, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<string>();
        if (segment.Text is { } words)
        {
            parts.Add(text["Stats.Criterion", text["Stats.Filter.q"], text["Stats.Chart.Words", words]]);
        }
        parts.AddRange(FacetCatalog.All.Where(f => segment.Selected(f.Name).Count > 0)
            .Select(f => text["Stats.Criterion", f.Label(), string.Join(", ", segment.Selected(f.Name).Select(code => f.LabelOf(code, taxonomy)))].Value));
        if (segment.FoundedFrom is not null || segment.FoundedTo is not null)
        {
            parts.Add(text["Stats.Criterion", text["Facet.year"], $"{segment.FoundedFrom?.ToString(CultureInfo.InvariantCulture) ?? "…"}–{segment.FoundedTo?.ToString(CultureInfo.InvariantCulture) ?? "…"}"]);
        }
        return parts.Count == 0 ? text["Stats.About.Everything"] : string.Join(" · ", parts);
    }

    /// <summary>The texts around a chart taken away from the page: its title, segment, source and date, the withheld marks.</summary>
    public static StatisticsChart.Texts ChartTexts(string table, StatisticsQuery query, StatisticsReport report, TaxonomyCatalog taxonomy, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(text);
        return new StatisticsChart.Texts(
            text["Stats.Table." + table],
            Describe(query.Segment, taxonomy, text),
            text["Stats.Chart.Source", text["Site.Name"], Display.Date(report.ComputedAt)],
            text["Stats.Chart.SmallMark"],
            text["Stats.Chart.SecretMark"]);
    }
}
