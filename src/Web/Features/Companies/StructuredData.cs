using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Features.Companies;

namespace AnnuaireFiliere.Web.Features.Companies;

/// <summary>
/// schema.org <c>Organization</c> JSON-LD of a public profile. Company facts only: the contact person never
/// appears here. Serialized with the default encoder, which escapes <c>&lt;</c> and <c>&gt;</c>, so no text
/// can close the script element.
/// </summary>
internal static class StructuredData
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Default };

    public static string Organization(Company company, TaxonomyCatalog taxonomy, string url, string? description)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(taxonomy);
        var french = CultureInfo.GetCultureInfo("fr");
        var node = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Organization",
            ["@id"] = url,
            ["url"] = url,
            ["name"] = company.DisplayName,
            ["legalName"] = company.LegalName,
        };
        Add(node, "alternateName", company.Acronym);
        Add(node, "description", description is null ? null : DescriptionMarkdown.ToPlainText(description));
        Add(node, "email", company.Email);
        Add(node, "telephone", company.Phones.FirstOrDefault());
        if (company.FoundingYear is { } year)
        {
            node["foundingDate"] = year.ToString(CultureInfo.InvariantCulture);
        }
        if (company.Ridet is { } ridet)
        {
            node["identifier"] = new JsonObject { ["@type"] = "PropertyValue", ["propertyID"] = "RIDET", ["value"] = ridet.ToString() };
        }
        node["address"] = new JsonObject
        {
            ["@type"] = "PostalAddress",
            ["streetAddress"] = company.StreetAddress,
            ["postalCode"] = company.PostalCode,
            ["addressLocality"] = taxonomy.FindCommune(company.CommuneCode)?.LabelIn(french) ?? company.CommuneCode,
            ["addressCountry"] = "NC",
        };
        if (taxonomy.FindSizeBand(company.SizeBandCode) is { MinEmployees: { } min } band)
        {
            var employees = new JsonObject { ["@type"] = "QuantitativeValue", ["minValue"] = min };
            if (band.MaxEmployees is { } max)
            {
                employees["maxValue"] = max;
            }
            node["numberOfEmployees"] = employees;
        }
        var sameAs = new[] { company.Website }.Concat(company.SocialLinks).OfType<string>().ToList();
        if (sameAs.Count > 0)
        {
            node["sameAs"] = new JsonArray([.. sameAs.Select(s => (JsonNode)s)]);
        }
        var knowsAbout = company.AllActivityCodes.Select(code => taxonomy.FindActivity(code)?.LabelIn(french)).OfType<string>().Concat(company.Skills).ToList();
        if (knowsAbout.Count > 0)
        {
            node["knowsAbout"] = new JsonArray([.. knowsAbout.Select(s => (JsonNode)s)]);
        }
        if (company.Languages.Count > 0)
        {
            node["knowsLanguage"] = new JsonArray([.. company.Languages.Select(s => (JsonNode)s)]);
        }
        return node.ToJsonString(Options);
    }

    private static void Add(JsonObject node, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            node[name] = value;
        }
    }
}
