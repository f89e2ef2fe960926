using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Companies;

/// <summary>A company's profile in the directory.</summary>
public sealed class Company
{
    public const int MaxSecondaryActivities = 5;

    public Guid Id { get; init; }

    /// <summary>URL name (<c>/entreprises/{slug}</c>): unique, and stable once assigned (a rename keeps it).</summary>
    public required string Slug { get; set; }

    public required string LegalName { get; set; }
    public string? TradeName { get; set; }
    public string? Acronym { get; set; }

    public Ridet? Ridet { get; set; }
    public string? LegalFormCode { get; set; }
    public int? FoundingYear { get; set; }

    /// <summary>INSEE "tranche d'effectif salarié" code.</summary>
    public string? SizeBandCode { get; set; }

    public required string PrimaryActivityCode { get; set; }
    public List<CompanyActivity> SecondaryActivities { get; init; } = [];

    /// <summary>Head office commune (INSEE code).</summary>
    public required string CommuneCode { get; set; }
    public string? StreetAddress { get; set; }
    public string? PostalCode { get; set; }

    public ServiceArea ServiceArea { get; set; } = new();

    public string? Website { get; set; }
    public string? Email { get; set; }

    /// <summary>Phone numbers, 6 digits each (see <see cref="PhoneNumber"/>).</summary>
    public List<string> Phones { get; set; } = [];
    public List<string> SocialLinks { get; set; } = [];

    public string? DescriptionFr { get; set; }
    public string? DescriptionEn { get; set; }

    /// <summary>Services picked from the catalogue (<see cref="TaxonomyCatalog.Services"/> codes): a filter buyers tick.</summary>
    public List<string> ServiceCodes { get; set; } = [];

    /// <summary>Other services, in the company's words (one per entry): what the catalogue does not have.</summary>
    public List<string> Services { get; set; } = [];
    public List<string> Skills { get; set; } = [];
    public List<string> Labels { get; set; } = [];

    /// <summary>ISO 639 codes from the languages catalogue.</summary>
    public List<string> Languages { get; set; } = [];

    public ECommerceProfile ECommerce { get; set; } = new();

    /// <summary>Personal data: never in public structured data or public exports.</summary>
    public ContactPerson Contact { get; set; } = new();

    public PublicationStatus Status { get; set; } = PublicationStatus.Draft;

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>When the profile was first published (UTC), for "new profiles per month".</summary>
    public DateTime? PublishedAt { get; set; }

    /// <summary>When an owner last confirmed that the profile is right (UTC).</summary>
    public DateTime? LastConfirmedAt { get; set; }

    /// <summary>When the yearly "is your profile still right?" mail was last sent to its members.</summary>
    public DateTime? FreshnessMailedAt { get; set; }

    /// <summary>
    /// The owners asked that the profile be left out of the open data (<c>/donnees</c>): it stays in the directory.
    /// A member's choice, kept in the history that moderators read.
    /// </summary>
    public bool OpenDataOptOut { get; set; }

    /// <summary>The owners turned buyers' contact and quote requests off: the profile's "Contacter" says so.</summary>
    public bool RequestsOff { get; set; }

    /// <summary>
    /// The owners turned the needs board's daily digest off. Only profiles with an owner receive digests (on by default
    /// once claimed): nobody would answer for the others.
    /// </summary>
    public bool NeedsOff { get; set; }

    /// <summary>The logo's file name under the data folder's <c>logos</c> (re-encoded by the site; never SVG).</summary>
    public string? LogoFile { get; set; }

    /// <summary>
    /// The values the last import wrote (JSON object: field name → value), or null for a profile never imported.
    /// An import overwrites a field only while its current value still equals the last imported one, so an
    /// owner's edit is never lost (see docs/IMPORT.md).
    /// </summary>
    public string? ImportedValues { get; set; }

    /// <summary>Incremented on every save; the optimistic concurrency token and the search document version.</summary>
    public int Version { get; set; }

    /// <summary>The name buyers know: the trade name when there is one.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(TradeName) ? LegalName : TradeName;

    /// <summary>
    /// Moves the free-text services that mean a catalogue service into <see cref="ServiceCodes"/> (kept once, in
    /// order); returns whether any moved. Run wherever free text comes in: the profile form, imports, demo data and the
    /// migration of profiles written before the catalogue.
    /// </summary>
    public bool MoveCatalogueServices(TaxonomyCatalog taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        var (codes, extras) = taxonomy.SortServices(Services);
        if (extras.Count == Services.Count)
        {
            return false;
        }
        ServiceCodes = [.. ServiceCodes.Union(codes, StringComparer.Ordinal)];
        Services = extras;
        return true;
    }

    /// <summary>The primary activity, then the others; none that is still empty (a draft not yet classified).</summary>
    public IEnumerable<string> AllActivityCodes =>
        SecondaryActivities.Select(a => a.ActivityCode).Prepend(PrimaryActivityCode).Where(code => !string.IsNullOrEmpty(code));
}

/// <summary>A secondary activity of a company (the primary one is <see cref="Company.PrimaryActivityCode"/>).</summary>
public sealed class CompanyActivity
{
    public Guid CompanyId { get; set; }
    public required string ActivityCode { get; init; }
}

public enum PublicationStatus
{
    Draft = 0,
    PendingReview = 1,
    Published = 2,
    Rejected = 3,
    Archived = 4,
}

/// <summary>Where the company works.</summary>
public sealed class ServiceArea
{
    public bool WholeTerritory { get; set; }
    public List<string> ProvinceCodes { get; set; } = [];
    public List<string> CommuneCodes { get; set; } = [];
    public bool PacificRegion { get; set; }
    public bool International { get; set; }
}

public sealed class ECommerceProfile
{
    public bool SellsOnOwnShop { get; set; }
    public bool SellsOnMarketplaces { get; set; }
    public bool OnlinePayment { get; set; }
    public bool DeliversTerritory { get; set; }
    public bool DeliversIslands { get; set; }
    public bool B2B { get; set; }
    public bool B2C { get; set; }
    public List<string> Platforms { get; set; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public bool SellsOnline => SellsOnOwnShop || SellsOnMarketplaces;
}

/// <summary>The person to contact (personal data).</summary>
public sealed class ContactPerson
{
    public string? Name { get; set; }
    public string? Role { get; set; }
}
