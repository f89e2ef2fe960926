using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Companies;

/// <summary>Where a company works, in words: "Toute la Nouvelle-Calédonie, Pacifique".</summary>
internal static class ServiceArea
{
    public static string Describe(Core.Companies.ServiceArea area, TaxonomyCatalog taxonomy, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(area);
        var parts = new List<string>();
        if (area.WholeTerritory)
        {
            parts.Add(text["Profile.WholeTerritory"]);
        }
        else
        {
            parts.AddRange(area.ProvinceCodes.Select(code => taxonomy.FindProvince(code)?.Label ?? code));
            parts.AddRange(area.CommuneCodes.Select(code => taxonomy.FindCommune(code)?.Label ?? code));
        }
        if (area.PacificRegion)
        {
            parts.Add(text["Profile.Pacific"]);
        }
        if (area.International)
        {
            parts.Add(text["Profile.International"]);
        }
        return parts.Count == 0 ? text["Profile.LocalArea"] : string.Join(", ", parts);
    }
}
