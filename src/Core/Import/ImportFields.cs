using System.Globalization;
using AnnuaireFiliere.Core.Companies;

namespace AnnuaireFiliere.Core.Import;

/// <summary>
/// A company field an import can write, as text: lists joined with <c>|</c>, flags as <c>oui</c>/<c>non</c>,
/// empty as null. The same text is stored in <see cref="Company.ImportedValues"/>.
/// </summary>
internal sealed record ImportField(string Name, Func<Company, string?> Get, Action<Company, string?> Set)
{
    public static readonly IReadOnlyList<ImportField> All =
    [
        Text(nameof(Company.LegalName), c => c.LegalName, (c, v) => c.LegalName = v ?? string.Empty),
        Text(nameof(Company.TradeName), c => c.TradeName, (c, v) => c.TradeName = v),
        Text(nameof(Company.Acronym), c => c.Acronym, (c, v) => c.Acronym = v),
        Text(nameof(Company.LegalFormCode), c => c.LegalFormCode, (c, v) => c.LegalFormCode = v),
        Text(nameof(Company.FoundingYear), c => c.FoundingYear?.ToString(CultureInfo.InvariantCulture),
            (c, v) => c.FoundingYear = v is null ? null : int.Parse(v, CultureInfo.InvariantCulture)),
        Text(nameof(Company.SizeBandCode), c => c.SizeBandCode, (c, v) => c.SizeBandCode = v),
        Text(nameof(Company.PrimaryActivityCode), c => c.PrimaryActivityCode, (c, v) => c.PrimaryActivityCode = v ?? string.Empty),
        new(nameof(Company.SecondaryActivities), c => Join(c.SecondaryActivities.Select(a => a.ActivityCode).Order(StringComparer.Ordinal)), SetSecondaryActivities),
        Text(nameof(Company.CommuneCode), c => c.CommuneCode, (c, v) => c.CommuneCode = v ?? string.Empty),
        Text(nameof(Company.StreetAddress), c => c.StreetAddress, (c, v) => c.StreetAddress = v),
        Text(nameof(Company.PostalCode), c => c.PostalCode, (c, v) => c.PostalCode = v),
        new("ServiceAreaProvinces", c => Join(c.ServiceArea.ProvinceCodes), (c, v) => c.ServiceArea.ProvinceCodes = Split(v)),
        Text(nameof(Company.Website), c => c.Website, (c, v) => c.Website = v),
        Text(nameof(Company.Email), c => c.Email, (c, v) => c.Email = v),
        new(nameof(Company.Phones), c => Join(c.Phones), (c, v) => c.Phones = Split(v)),
        Text(nameof(Company.DescriptionFr), c => c.DescriptionFr, (c, v) => c.DescriptionFr = v),
        new(nameof(Company.ServiceCodes), c => Join(c.ServiceCodes), (c, v) => c.ServiceCodes = Split(v)),
        new(nameof(Company.Services), c => Join(c.Services), (c, v) => c.Services = Split(v)),
        new(nameof(Company.Skills), c => Join(c.Skills), (c, v) => c.Skills = Split(v)),
        new(nameof(Company.Labels), c => Join(c.Labels), (c, v) => c.Labels = Split(v)),
        new(nameof(Company.Languages), c => Join(c.Languages), (c, v) => c.Languages = Split(v)),
        Flag("SellsOnOwnShop", c => c.ECommerce.SellsOnOwnShop, (c, v) => c.ECommerce.SellsOnOwnShop = v),
        Flag("SellsOnMarketplaces", c => c.ECommerce.SellsOnMarketplaces, (c, v) => c.ECommerce.SellsOnMarketplaces = v),
        Flag("OnlinePayment", c => c.ECommerce.OnlinePayment, (c, v) => c.ECommerce.OnlinePayment = v),
        Flag("DeliversTerritory", c => c.ECommerce.DeliversTerritory, (c, v) => c.ECommerce.DeliversTerritory = v),
        Flag("DeliversIslands", c => c.ECommerce.DeliversIslands, (c, v) => c.ECommerce.DeliversIslands = v),
        Flag("B2B", c => c.ECommerce.B2B, (c, v) => c.ECommerce.B2B = v),
        Flag("B2C", c => c.ECommerce.B2C, (c, v) => c.ECommerce.B2C = v),
    ];

    public static readonly IReadOnlyDictionary<string, ImportField> ByName = All.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public const string Yes = "oui";
    public const string No = "non";

    public static string? Join(IEnumerable<string> items)
    {
        var text = string.Join('|', items);
        return text.Length == 0 ? null : text;
    }

    public static List<string> Split(string? text) =>
        text is null ? [] : [.. text.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static ImportField Text(string name, Func<Company, string?> get, Action<Company, string?> set) =>
        new(name, c => string.IsNullOrWhiteSpace(get(c)) ? null : get(c), set);

    private static ImportField Flag(string name, Func<Company, bool> get, Action<Company, bool> set) =>
        new(name, c => get(c) ? Yes : No, (c, v) => set(c, v == Yes));

    /// <summary>Keeps the tracked rows of activities that stay (EF would refuse a second instance with the same key).</summary>
    private static void SetSecondaryActivities(Company company, string? value)
    {
        var wanted = Split(value);
        company.SecondaryActivities.RemoveAll(a => !wanted.Contains(a.ActivityCode));
        foreach (var code in wanted.Where(code => company.SecondaryActivities.All(a => a.ActivityCode != code)))
        {
            company.SecondaryActivities.Add(new CompanyActivity { CompanyId = company.Id, ActivityCode = code });
        }
    }
}
