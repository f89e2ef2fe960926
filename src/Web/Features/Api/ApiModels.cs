using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Web.Features.Api;

/// <summary>A coded value with its label in the request's language.</summary>
public sealed record CodeLabel(string Code, string Label);

public sealed record ApiFacetValue(string Code, string Label, long Count, bool Selected, IReadOnlyList<ApiFacetValue> Children);

/// <summary>A facet with the query parameter that filters on it.</summary>
public sealed record ApiFacet(string Name, string Parameter, IReadOnlyList<ApiFacetValue> Values);

/// <summary>A company found; <c>missingWords</c>: when the search widened, the words typed it does not have.</summary>
public sealed record ApiHit(
    string Slug, string Name, string? LegalName, IReadOnlyList<CodeLabel> Activities, CodeLabel Commune, CodeLabel? SizeBand,
    IReadOnlyList<string> ECommerce, string? SnippetHtml, string Url, IReadOnlyList<string> MissingWords);

/// <summary>A word typed that the index does not know, and the word it was read as (folded).</summary>
public sealed record ApiCorrection(string Typed, string Corrected);

public sealed record ApiYears(int? Min, int? Max);

/// <summary>
/// A search's answer. How the text was read: <c>corrections</c> (unknown words read as known ones; <c>sans_correction=1</c>
/// searches as typed), <c>setAside</c> (words no company has, left out), <c>places</c> (places named, whose companies come
/// first), <c>exactTotal</c> (when the search widened: how many companies have every word; the others follow).
/// </summary>
public sealed record ApiSearchResponse(
    long Total, int Page, int PageSize, int PageCount, IReadOnlyList<ApiHit> Hits, IReadOnlyList<ApiFacet> Facets, ApiYears FoundingYears, string? DidYouMean,
    IReadOnlyList<ApiCorrection> Corrections, IReadOnlyList<string> SetAside, IReadOnlyList<string> Places, long? ExactTotal);

public sealed record ApiActivity(string Code, string Label, CodeLabel Sector, bool Primary);

public sealed record ApiServiceArea(bool WholeTerritory, IReadOnlyList<CodeLabel> Provinces, IReadOnlyList<CodeLabel> Communes, bool PacificRegion, bool International);

public sealed record ApiECommerce(bool SellsOnline, bool OwnShop, bool Marketplaces, bool OnlinePayment, bool DeliversTerritory, bool DeliversIslands, bool B2B, bool B2C, IReadOnlyList<string> Platforms);

/// <summary>A published company's public profile. Never the contact person.</summary>
public sealed record ApiCompany(
    string Slug, string Name, string LegalName, string? Acronym, string? Ridet, CodeLabel? LegalForm, int? FoundingYear, CodeLabel? SizeBand,
    IReadOnlyList<ApiActivity> Activities, CodeLabel Commune, string? StreetAddress, string? PostalCode, ApiServiceArea ServiceArea,
    string? Website, string? Email, IReadOnlyList<string> Phones, IReadOnlyList<string> SocialLinks,
    string? DescriptionFr, string? DescriptionEn, IReadOnlyList<CodeLabel> CatalogueServices, IReadOnlyList<string> Services, IReadOnlyList<string> Skills, IReadOnlyList<string> Labels,
    IReadOnlyList<CodeLabel> Languages, ApiECommerce ECommerce, DateTime UpdatedAt, DateTime? LastConfirmedAt, string Url);

public sealed record ApiTypologyActivity(string Code, string LabelFr, string LabelEn, IReadOnlyList<string> NafCodes, string Perimeter);

public sealed record ApiTypologySector(string Code, string LabelFr, string LabelEn, IReadOnlyList<ApiTypologyActivity> Activities);

public sealed record ApiTypologyCommune(string Code, string LabelFr, string LabelEn);

public sealed record ApiTypologyProvince(string Code, string LabelFr, string LabelEn, IReadOnlyList<ApiTypologyCommune> Communes);

public sealed record ApiTypologyEntry(string Code, string LabelFr, string LabelEn);

/// <summary>A service of the services list: its family and the activities where it is usual.</summary>
public sealed record ApiTypologyService(string Code, string LabelFr, string LabelEn, ApiTypologyEntry Category, IReadOnlyList<string> Activities);

public sealed record ApiTypology(
    IReadOnlyList<ApiTypologySector> Sectors, IReadOnlyList<ApiTypologyProvince> Provinces, IReadOnlyList<ApiTypologyEntry> SizeBands,
    IReadOnlyList<ApiTypologyEntry> LegalForms, IReadOnlyList<ApiTypologyEntry> Languages, IReadOnlyList<ApiTypologyEntry> ECommerce,
    IReadOnlyList<ApiTypologyService> Services);

/// <summary>Explicit mappings from the domain to the API's stable shapes (no mapper library: docs/STYLE.md §4).</summary>
internal static class ApiMapping
{
    /// <param name="profileUrl">A hit's profile address from its slug (absolute, at the site's public address).</param>
    public static ApiSearchResponse ToApi(this SearchResult result, SearchRequest request, TaxonomyCatalog taxonomy, Func<string, string> profileUrl)
    {
        var pageCount = (int)Math.Min(SearchRequest.MaxResultWindow / request.PageSize, (result.Total + request.PageSize - 1) / request.PageSize);
        return new ApiSearchResponse(
            result.Total, request.Page, request.PageSize, pageCount,
            [.. result.Hits.Select(h => new ApiHit(
                h.Slug, h.Name, h.LegalName,
                [.. h.ActivityCodes.Select(code => Coded(FacetNames.Activity, code, taxonomy))],
                Coded(FacetNames.Commune, h.CommuneCode, taxonomy),
                taxonomy.FindSizeBand(h.SizeBandCode) is { } band ? new CodeLabel(band.Code, band.Label) : null,
                h.ECommerce, h.SnippetHtml, profileUrl(h.Slug), h.MissingWords))],
            [.. result.Facets.Select(f => new ApiFacet(f.Name, FacetCatalog.Get(f.Name).Parameter, [.. f.Values.Select(ToApi)]))],
            new ApiYears(result.MinFoundingYear, result.MaxFoundingYear),
            result.DidYouMean,
            [.. result.Corrections.Select(c => new ApiCorrection(c.Typed, c.Corrected))],
            result.SetAside,
            result.Places,
            result.ExactTotal);
    }

    private static ApiFacetValue ToApi(FacetValue value) =>
        new(value.Code, value.Label, value.Count, value.Selected, [.. value.Children.Select(ToApi)]);

    private static CodeLabel Coded(string facet, string code, TaxonomyCatalog taxonomy) => new(code, FacetCatalog.Get(facet).LabelOf(code, taxonomy));

    /// <param name="profileUrl">The company's profile address (absolute, at the site's public address).</param>
    public static ApiCompany ToApi(this Company company, TaxonomyCatalog taxonomy, string profileUrl)
    {
        CodeLabel? Entry(TaxonomyEntry? entry) => entry is null ? null : new CodeLabel(entry.Code, entry.Label);
        var shop = company.ECommerce;
        return new ApiCompany(
            company.Slug, company.DisplayName, company.LegalName, company.Acronym, company.Ridet?.ToString(),
            Entry(taxonomy.FindLegalForm(company.LegalFormCode)), company.FoundingYear, Entry(taxonomy.FindSizeBand(company.SizeBandCode)),
            [.. company.AllActivityCodes.Select(code =>
            {
                var activity = taxonomy.FindActivity(code);
                var sector = taxonomy.FindSector(activity?.SectorCode);
                return new ApiActivity(code, activity?.Label ?? code, new CodeLabel(sector?.Code ?? "", sector?.Label ?? ""), code == company.PrimaryActivityCode);
            })],
            Coded(FacetNames.Commune, company.CommuneCode, taxonomy), company.StreetAddress, company.PostalCode,
            new ApiServiceArea(
                company.ServiceArea.WholeTerritory,
                [.. company.ServiceArea.ProvinceCodes.Select(code => Coded(FacetNames.Province, code, taxonomy))],
                [.. company.ServiceArea.CommuneCodes.Select(code => Coded(FacetNames.Commune, code, taxonomy))],
                company.ServiceArea.PacificRegion, company.ServiceArea.International),
            company.Website, company.Email, company.Phones, company.SocialLinks, company.DescriptionFr, company.DescriptionEn,
            [.. company.ServiceCodes.Select(code => Coded(FacetNames.Service, code, taxonomy))],
            company.Services, company.Skills, company.Labels,
            [.. company.Languages.Select(code => Coded(FacetNames.Language, code, taxonomy))],
            new ApiECommerce(shop.SellsOnline, shop.SellsOnOwnShop, shop.SellsOnMarketplaces, shop.OnlinePayment, shop.DeliversTerritory, shop.DeliversIslands, shop.B2B, shop.B2C, shop.Platforms),
            company.UpdatedAt, company.LastConfirmedAt, profileUrl);
    }

    public static ApiTypology ToApi(this TaxonomyCatalog taxonomy)
    {
        var french = System.Globalization.CultureInfo.GetCultureInfo("fr");
        var english = System.Globalization.CultureInfo.GetCultureInfo("en");
        ApiTypologyEntry Plain(TaxonomyEntry e) => new(e.Code, e.LabelFr, e.LabelEn);
        return new ApiTypology(
            [.. taxonomy.Sectors.Select(s => new ApiTypologySector(s.Code, s.LabelFr, s.LabelEn,
                [.. s.Activities.Select(a => new ApiTypologyActivity(a.Code, a.LabelFr, a.LabelEn, a.NafCodes, a.Perimeter))]))],
            [.. taxonomy.Provinces.Select(p => new ApiTypologyProvince(p.Code, p.LabelFr, p.LabelEn,
                [.. taxonomy.Communes.Where(c => c.ProvinceCode == p.Code).Select(c => new ApiTypologyCommune(c.Code, c.LabelFr, c.LabelEn))]))],
            [.. taxonomy.SizeBands.Select(Plain)],
            [.. taxonomy.LegalForms.Select(Plain)],
            [.. taxonomy.Languages.Select(Plain)],
            [.. ECommerceCapabilities.All.Select(code => new ApiTypologyEntry(code,
                FacetCatalog.ECommerce.LabelOf(code, taxonomy, french),
                FacetCatalog.ECommerce.LabelOf(code, taxonomy, english)))],
            [.. taxonomy.Services.Select(s => new ApiTypologyService(s.Code, s.LabelFr, s.LabelEn,
                Plain(taxonomy.FindServiceCategory(s.CategoryCode)!), s.ActivityCodes))]);
    }
}

/// <summary>
/// A count, or none when it is withheld (statistical confidentiality: the value is never sent). <see cref="Reason"/>
/// says why: "moins-de-3" (0 to 2 companies) or "secret-secondaire" (3 or more, withheld so that a small cell cannot be
/// worked out by subtraction).
/// </summary>
public sealed record ApiStatisticsCell(long? Count, bool Withheld, string? Reason = null)
{
    public const string Small = "moins-de-3";
    public const string Secret = "secret-secondaire";
}

public sealed record ApiStatisticsRow(string Code, string Label, long? Count, bool Withheld, string? Reason = null);

/// <summary>A one-way distribution; <see cref="Total"/> is the segment's (e-commerce capabilities overlap).</summary>
public sealed record ApiStatisticsTable(string Name, string Title, ApiStatisticsCell Total, IReadOnlyList<ApiStatisticsRow> Rows);

public sealed record ApiCrossRow(string Code, string Label, IReadOnlyList<ApiStatisticsCell> Cells, ApiStatisticsCell Total);

public sealed record ApiCrossTab(string Name, string Title, IReadOnlyList<CodeLabel> Columns, IReadOnlyList<ApiCrossRow> Rows, IReadOnlyList<ApiStatisticsCell> ColumnTotals, ApiStatisticsCell Total);

/// <summary>Every figure of a segment at a date (<c>/api/v1/statistiques</c>, <c>/statistiques/export.json</c>).</summary>
public sealed record ApiStatistics(
    DateTime AsOf, string? Snapshot, string Audience, string Segment, ApiStatisticsCell Total,
    IReadOnlyList<ApiStatisticsTable> Distributions, IReadOnlyList<ApiCrossTab> CrossTabs, string Licence, string Notes);

/// <summary>
/// Key indicators of a segment over time: <see cref="Dates"/> are the snapshots' dates, oldest first, then today; each
/// series has one value per date. Keywords (<c>q</c>) are refused: past snapshots have no search index.
/// </summary>
public sealed record ApiTimeSeries(string Audience, string Segment, IReadOnlyList<DateTime> Dates, IReadOnlyList<ApiSeries> Series, string Licence, string Notes);

/// <summary>One indicator over time: "total", "vente-en-ligne", "sector:S05", "province:sud"…</summary>
public sealed record ApiSeries(string Code, string Label, IReadOnlyList<ApiStatisticsCell> Values);

/// <summary>A statistics snapshot: its id is the <c>instantane</c> parameter.</summary>
public sealed record ApiSnapshot(string Id, DateTime TakenAt, string Kind, string? Label, int Published);

/// <summary>
/// The needs buyers posted (<c>/api/v1/statistiques/besoins</c>): the figures (per month, sector, activity, service,
/// province, buyer, answered or not) and the median days to a first answer, null when withheld (fewer than 3 answered).
/// </summary>
public sealed record ApiNeedStatistics(ApiStatistics Figures, double? MedianDaysToFirstAnswer, bool MedianWithheld);
