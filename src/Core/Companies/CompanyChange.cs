using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

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
/// Appended by <see cref="CompanyLifecycle"/>, the only writer; never updated.
/// </summary>
public sealed class CompanyChange
{
    public const int ActorMaxLength = 256;
    public const int ReasonMaxLength = 1000;
    public const int DetailsMaxLength = 1000;

    /// <summary>How the history names a deleted account (<see cref="UserId"/> then <c>null</c>); shown in the reader's language.</summary>
    public const string DeletedAccountActor = "compte supprimé";

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CompanyId { get; init; }

    public DateTime At { get; init; }

    /// <summary>The account that made the change; <c>null</c> for the import or the system.</summary>
    public Guid? UserId { get; init; }

    /// <summary>How to name who did it, kept as it was then (email, or "import" / "système").</summary>
    public required string Actor { get; init; }

    public ChangeKind Kind { get; init; }

    /// <summary>Words a person typed: a moderator's reason for a refusal or an unpublication, never the site's own text.</summary>
    public string? Reason { get; init; }

    /// <summary>What the site says about the change, coded (JSON of a <see cref="ChangeNote"/>), or <c>null</c>.</summary>
    public string? Details { get; init; }

    public ChangeNote? Note => ChangeNote.Parse(Details);

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
            ["serviceCodes"] = Join(company.ServiceCodes),
            ["services"] = Join(company.Services),
            ["skills"] = Join(company.Skills),
            ["labels"] = Join(company.Labels),
            ["languages"] = Join(company.Languages),
            ["ecommerce"] = Join(ECommerceParts(company.ECommerce)),
            ["openDataOptOut"] = company.OpenDataOptOut ? "oui" : null,
            ["requestsOff"] = company.RequestsOff ? "oui" : null,
            ["needsOff"] = company.NeedsOff ? "oui" : null,
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

/// <summary>
/// The site's own words about a history entry, as a code and values, rendered in the reader's language (resource
/// <c>History.Note.{code}</c>, with the email as <c>{0}</c>, the role as <c>{1}</c>, the file as <c>{2}</c>, the RIDET as <c>{3}</c>,
/// a réalisation's title as <c>{4}</c>). Stored as JSON
/// in <see cref="CompanyChange.Details"/>: <c>{"note":"claim","email":"x@y.nc"}</c>. The codes are listed in <see cref="Codes"/>.
/// </summary>
public sealed record ChangeNote
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Accented file names and addresses stay readable in the database.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    [JsonPropertyName("note")]
    public required string Code { get; init; }

    public string? Email { get; init; }

    public MemberRole? Role { get; init; }

    public string? File { get; init; }

    /// <summary>The RIDET a member asked for (<c>null</c> with <c>ridet-requested</c>: none).</summary>
    public string? Ridet { get; init; }

    /// <summary>The title of the réalisation the entry is about (docs/adr/0026).</summary>
    public string? Title { get; init; }

    /// <summary>Every code the life cycle writes (each has a text in French and English).</summary>
    public static IReadOnlyList<string> Codes { get; } =
    [
        "confirmed-from-mail", "checked-by-moderation", "import-file", "claim", "join-request", "invitation",
        "invitation-accepted", "role-changed", "member-removed", "ownership-transferred", "ridet-duplicate", "ridet-requested",
        "ridet-request", "realisation-added", "realisation-edited", "realisation-removed", "realisation-approved", "realisation-refused",
        "realisation-moved",
    ];

    /// <summary>An owner confirmed the profile with the yearly mail's link.</summary>
    public static ChangeNote ConfirmedFromMail { get; } = new() { Code = "confirmed-from-mail" };

    /// <summary>A moderator checked a profile nobody had confirmed for long.</summary>
    public static ChangeNote CheckedByModeration { get; } = new() { Code = "checked-by-moderation" };

    public static ChangeNote ImportedFile(string file) => new() { Code = "import-file", File = file };

    /// <summary>The decision on a claim, a join request or a RIDET change asked by <paramref name="email"/>.</summary>
    public static ChangeNote Request(AccessRequestKind kind, string? email) =>
        new()
        {
            Code = kind switch { AccessRequestKind.Claim => "claim", AccessRequestKind.Join => "join-request", _ => "ridet-request" },
            Email = email,
        };

    /// <summary>The RIDET was removed by the migration <c>OneCompanyPerRidet</c>: another company registered before had it (docs/adr/0020).</summary>
    public static ChangeNote RidetDuplicate { get; } = new() { Code = "ridet-duplicate" };

    /// <summary>A member asked to change the RIDET to <paramref name="ridet"/> (none when <c>null</c>): moderators decide.</summary>
    public static ChangeNote RidetRequested(Ridet? ridet) => new() { Code = "ridet-requested", Ridet = ridet?.ToString() };

    public static ChangeNote Invitation(string email, MemberRole role) => new() { Code = "invitation", Email = email, Role = role };

    public static ChangeNote InvitationAccepted(string email, MemberRole role) => new() { Code = "invitation-accepted", Email = email, Role = role };

    public static ChangeNote RoleChanged(string? email, MemberRole role) => new() { Code = "role-changed", Email = email, Role = role };

    public static ChangeNote MemberRemoved(string? email) => new() { Code = "member-removed", Email = email };

    public static ChangeNote OwnershipTransferred(string? email) => new() { Code = "ownership-transferred", Email = email };

    /// <summary>A réalisation added, edited, removed, approved or refused (<paramref name="code"/> is one of the <c>realisation-</c> codes).</summary>
    public static ChangeNote RealisationNote(string code, string title) => new() { Code = code, Title = title };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The note stored as <paramref name="json"/>, or <c>null</c> (none, or not a note).</summary>
    public static ChangeNote? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<ChangeNote>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
