using System.Globalization;
using System.Text.Json;

namespace AnnuaireFiliere.Core.Companies;

public enum ChangeKind
{
    Created = 0,
    Edited = 1,
    Submitted = 2,
    Approved = 3,
    Rejected = 4,
    Unpublished = 5,
    Republished = 6,
    Imported = 7,
    Confirmed = 8,
    Claimed = 9,
    MemberAdded = 10,
    MemberRemoved = 11,
    MemberRoleChanged = 12,
}

/// <summary>One field's value before and after a change, as text (<c>null</c> when empty).</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>
/// The history of a company (who, when, what, which fields before/after), shown to its members and to moderators.
/// Appended by whoever changes the company; never updated.
/// </summary>
public sealed class CompanyChange
{
    public const int ActorMaxLength = 256;
    public const int ReasonMaxLength = 1000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CompanyId { get; init; }

    public DateTime At { get; init; }

    /// <summary>The account that made the change; <c>null</c> for the import or the system.</summary>
    public Guid? UserId { get; init; }

    /// <summary>How to name who did it, kept as it was then (email, or "import" / "système").</summary>
    public required string Actor { get; init; }

    public ChangeKind Kind { get; init; }

    /// <summary>The reason given (rejection, unpublication), or a note.</summary>
    public string? Reason { get; init; }

    /// <summary>JSON array of <see cref="FieldChange"/>.</summary>
    public string Fields { get; init; } = "[]";

    public IReadOnlyList<FieldChange> FieldChanges =>
        JsonSerializer.Deserialize<List<FieldChange>>(Fields, CompanyFields.Json) ?? [];
}

/// <summary>A company as named fields of text, to compare two states of it for the history.</summary>
public static class CompanyFields
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The fields an owner or a moderator can change, by stable name (the resource key is <c>Field.{name}</c>).</summary>
    public static IReadOnlyDictionary<string, string?> Of(Company company)
    {
        ArgumentNullException.ThrowIfNull(company);
        static string? Join(IEnumerable<string> values) => values.Any() ? string.Join(", ", values) : null;
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["legalName"] = company.LegalName,
            ["tradeName"] = company.TradeName,
            ["acronym"] = company.Acronym,
            ["ridet"] = company.Ridet?.ToString(),
            ["legalForm"] = company.LegalFormCode,
            ["foundingYear"] = company.FoundingYear?.ToString(CultureInfo.InvariantCulture),
            ["sizeBand"] = company.SizeBandCode,
            ["primaryActivity"] = company.PrimaryActivityCode,
            ["secondaryActivities"] = Join(company.SecondaryActivities.Select(a => a.ActivityCode).Order(StringComparer.Ordinal)),
            ["commune"] = company.CommuneCode,
            ["streetAddress"] = company.StreetAddress,
            ["postalCode"] = company.PostalCode,
            ["serviceArea"] = Join(ServiceAreaParts(company.ServiceArea)),
            ["website"] = company.Website,
            ["email"] = company.Email,
            ["phones"] = Join(company.Phones),
            ["socialLinks"] = Join(company.SocialLinks),
            ["descriptionFr"] = company.DescriptionFr,
            ["descriptionEn"] = company.DescriptionEn,
            ["services"] = Join(company.Services),
            ["skills"] = Join(company.Skills),
            ["labels"] = Join(company.Labels),
            ["languages"] = Join(company.Languages),
            ["ecommerce"] = Join(ECommerceParts(company.ECommerce)),
            ["platforms"] = Join(company.ECommerce.Platforms),
            ["contactName"] = company.Contact.Name,
            ["contactRole"] = company.Contact.Role,
            ["logo"] = company.LogoFile,
            ["status"] = company.Status.ToString(),
        };
    }

    /// <summary>The fields whose text differs between two states (in the order of <see cref="Of"/>).</summary>
    public static IReadOnlyList<FieldChange> Diff(IReadOnlyDictionary<string, string?> before, IReadOnlyDictionary<string, string?> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<FieldChange>();
        foreach (var (field, value) in after)
        {
            var old = before.GetValueOrDefault(field);
            if (!string.Equals(Normalize(old), Normalize(value), StringComparison.Ordinal))
            {
                changes.Add(new FieldChange(field, Normalize(old), Normalize(value)));
            }
        }
        return changes;
    }

    /// <summary>A history entry for a change of <paramref name="company"/> from <paramref name="before"/> (or from nothing).</summary>
    public static CompanyChange Change(Company company, ChangeKind kind, DateTime at, Guid? userId, string actor,
        IReadOnlyDictionary<string, string?>? before = null, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(company);
        var fields = Diff(before ?? new Dictionary<string, string?>(), Of(company));
        return new CompanyChange
        {
            CompanyId = company.Id,
            At = at,
            UserId = userId,
            Actor = actor.Length > CompanyChange.ActorMaxLength ? actor[..CompanyChange.ActorMaxLength] : actor,
            Kind = kind,
            Reason = reason,
            Fields = JsonSerializer.Serialize(fields, Json),
        };
    }

    private static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IEnumerable<string> ServiceAreaParts(ServiceArea area)
    {
        if (area.WholeTerritory) yield return "territoire";
        foreach (var province in area.ProvinceCodes) yield return "province:" + province;
        foreach (var commune in area.CommuneCodes) yield return "commune:" + commune;
        if (area.PacificRegion) yield return "pacifique";
        if (area.International) yield return "international";
    }

    private static IEnumerable<string> ECommerceParts(ECommerceProfile e)
    {
        if (e.SellsOnOwnShop) yield return "boutique";
        if (e.SellsOnMarketplaces) yield return "places-de-marche";
        if (e.OnlinePayment) yield return "paiement";
        if (e.DeliversTerritory) yield return "livraison";
        if (e.DeliversIslands) yield return "livraison-iles";
        if (e.B2B) yield return "b2b";
        if (e.B2C) yield return "b2c";
    }
}
