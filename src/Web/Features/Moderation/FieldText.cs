using System.Globalization;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Moderation;

/// <summary>
/// A field of <see cref="Core.Companies.CompanyFields"/> as people read it: codes of the typology, communes, legal
/// forms, size bands, languages and statuses by their labels in the page's language.
/// </summary>
public sealed class FieldText(TaxonomyCatalog taxonomy, IStringLocalizer<SharedResource> text)
{
    public string? Show(string field, string? value)
    {
        if (value is null)
        {
            return null;
        }
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        string Label(TaxonomyEntry? entry, string code) => entry is null ? code : english ? entry.LabelEn : entry.LabelFr;
        string Each(Func<string, string> one) => string.Join(", ", value.Split(", ").Select(one));
        return field switch
        {
            "primaryActivity" or "secondaryActivities" => Each(code => Label(taxonomy.FindActivity(code), code)),
            "commune" => Label(taxonomy.FindCommune(value), value),
            "legalForm" => Label(taxonomy.FindLegalForm(value), value),
            "sizeBand" => Label(taxonomy.FindSizeBand(value), value),
            "languages" => Each(code => Label(taxonomy.FindLanguage(code), code)),
            "status" => text["MySpace.Status." + value].Value,
            _ => value,
        };
    }
}
