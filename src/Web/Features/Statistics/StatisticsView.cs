using System.Globalization;
using AnnuaireFiliere.Core.Statistics;

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
}
