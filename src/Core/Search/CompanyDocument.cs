using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Search;

/// <summary>What search knows of a published company: the projection every engine indexes.</summary>
public sealed record CompanyDocument
{
    public required Guid Id { get; init; }
    public required int Version { get; init; }
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public required string LegalName { get; init; }
    public string? Acronym { get; init; }
    public IReadOnlyList<string> ActivityCodes { get; init; } = [];
    public IReadOnlyList<string> SectorCodes { get; init; } = [];

    /// <summary>Activity labels in French and English, for free text.</summary>
    public IReadOnlyList<string> ActivityLabels { get; init; } = [];
    public required string CommuneCode { get; init; }
    public IReadOnlyList<string> ProvinceCodes { get; init; } = [];

    /// <summary>Where the company works besides its commune: communes and provinces it names, or the whole territory.</summary>
    public IReadOnlyList<string> AreaCommunes { get; init; } = [];
    public IReadOnlyList<string> AreaProvinces { get; init; } = [];
    public bool ServesWholeTerritory { get; init; }
    public string? SizeBandCode { get; init; }
    public string? SizeFacetBand { get; init; }
    public string? LegalFormCode { get; init; }
    public IReadOnlyList<string> ECommerce { get; init; } = [];
    public IReadOnlyList<string> Languages { get; init; } = [];
    public IReadOnlyList<string> Labels { get; init; } = [];
    public int? FoundingYear { get; init; }
    public string? Description { get; init; }
    public string? DescriptionEn { get; init; }

    /// <summary>Services of the catalogue (codes, the <see cref="FacetNames.Service"/> facet).</summary>
    public IReadOnlyList<string> ServiceCodes { get; init; } = [];

    /// <summary>What the company offers, in French as buyers read it: the catalogue's labels, then its own words.</summary>
    public IReadOnlyList<string> Services { get; init; } = [];

    /// <summary>The English labels of the catalogue services, for free text in English.</summary>
    public IReadOnlyList<string> ServicesEn { get; init; } = [];
    public IReadOnlyList<string> Skills { get; init; } = [];
    public DateTime UpdatedAt { get; init; }
    public DateTime PublishedAt { get; init; }
}

public static class CompanyDocumentMapping
{
    /// <summary>The search projection of a company (its secondary activities must be loaded).</summary>
    public static CompanyDocument ToDocument(this Company company, TaxonomyCatalog taxonomy)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(taxonomy);
        var activities = company.AllActivityCodes.Distinct(StringComparer.Ordinal).ToList();
        var known = activities.Select(taxonomy.FindActivity).OfType<Activity>().ToList();
        var commune = taxonomy.FindCommune(company.CommuneCode);
        var services = company.ServiceCodes.Distinct(StringComparer.Ordinal).Select(taxonomy.FindService).OfType<Service>().ToList();
        return new CompanyDocument
        {
            Id = company.Id,
            Version = company.Version,
            Slug = company.Slug,
            Name = company.DisplayName,
            LegalName = company.LegalName,
            Acronym = company.Acronym,
            ActivityCodes = activities,
            SectorCodes = [.. known.Select(a => a.SectorCode).Distinct(StringComparer.Ordinal)],
            ActivityLabels = [.. known.SelectMany(a => new[] { a.LabelFr, a.LabelEn })],
            CommuneCode = company.CommuneCode,
            ProvinceCodes = commune is null ? [] : [commune.ProvinceCode, .. commune.OtherProvinceCodes],
            AreaCommunes = company.ServiceArea.CommuneCodes,
            AreaProvinces = company.ServiceArea.ProvinceCodes,
            ServesWholeTerritory = company.ServiceArea.WholeTerritory,
            SizeBandCode = company.SizeBandCode,
            SizeFacetBand = taxonomy.FindSizeBand(company.SizeBandCode)?.FacetBand,
            LegalFormCode = company.LegalFormCode,
            ECommerce = Capabilities(company.ECommerce),
            Languages = company.Languages,
            Labels = company.Labels,
            FoundingYear = company.FoundingYear,
            // Indexed and quoted without the Markdown markup (**, [text](url)…).
            Description = DescriptionText.Plain(company.DescriptionFr, htmlAsText: true),
            DescriptionEn = DescriptionText.Plain(company.DescriptionEn, htmlAsText: true),
            ServiceCodes = [.. services.Select(s => s.Code)],
            Services = [.. services.Select(s => s.LabelFr), .. company.Services],
            ServicesEn = [.. services.Select(s => s.LabelEn)],
            Skills = company.Skills,
            UpdatedAt = company.UpdatedAt,
            PublishedAt = company.PublishedAt ?? company.CreatedAt,
        };
    }

    public static List<string> Capabilities(ECommerceProfile shop)
    {
        var codes = new List<string>();
        if (shop.SellsOnline) codes.Add(ECommerceCapabilities.SellsOnline);
        if (shop.SellsOnOwnShop) codes.Add(ECommerceCapabilities.OwnShop);
        if (shop.SellsOnMarketplaces) codes.Add(ECommerceCapabilities.Marketplaces);
        if (shop.OnlinePayment) codes.Add(ECommerceCapabilities.OnlinePayment);
        if (shop.DeliversTerritory) codes.Add(ECommerceCapabilities.DeliversTerritory);
        if (shop.DeliversIslands) codes.Add(ECommerceCapabilities.DeliversIslands);
        if (shop.B2B) codes.Add(ECommerceCapabilities.B2B);
        if (shop.B2C) codes.Add(ECommerceCapabilities.B2C);
        return codes;
    }
}
