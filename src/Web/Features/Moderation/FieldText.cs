using System.Globalization;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Moderation;

/// <summary>
/// A field of <see cref="Core.Companies.CompanyFields"/> as people read it: codes of the typology, communes, legal
/// forms, size bands, languages, statuses, service areas and online-selling capabilities by their labels in the page's
/// language, phone numbers as they are displayed.
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
            "serviceArea" => Each(Area),
            // The history's codes are those of CompanyChange; "paiement" is the facet's "paiement-en-ligne".
            "ecommerce" => Each(code => FacetCatalog.ECommerce.LabelOf(code == "paiement" ? ECommerceCapabilities.OnlinePayment : code, taxonomy)),
            "phones" => Each(phone => Display.Phone(phone).Text),
            "openDataOptOut" or "requestsOff" or "needsOff" => text["Field.Yes"].Value,
            _ => value,
        };

        string Area(string part) => part.Split(':') switch
        {
            ["territoire"] => text["Profile.WholeTerritory"].Value,
            ["pacifique"] => text["Profile.Pacific"].Value,
            ["international"] => text["Profile.International"].Value,
            ["province", var code] => Label(taxonomy.FindProvince(code), code),
            ["commune", var code] => Label(taxonomy.FindCommune(code), code),
            _ => part,
        };
    }
}
