using System.Globalization;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Web.Features.MySpace;

/// <summary>The sections of a company profile form, in the wizard's order (each is one step of <c>/mon-espace/inscrire</c>).</summary>
public enum ProfileSection
{
    Ridet,
    Identity,
    Activities,
    Location,
    Contact,
}

/// <summary>
/// The company profile as a form (bound as <c>Input</c>): shared by the registration wizard (one section per step,
/// kept as the draft's JSON) and the editor (every section at once). Text as typed, so a bad value is never lost.
/// </summary>
public sealed class ProfileInput
{
    public RidetInput Ridet { get; set; } = new();
    public IdentityInput Identity { get; set; } = new();
    public ActivitiesInput Activities { get; set; } = new();
    public LocationInput Location { get; set; } = new();
    public ContactInput Contact { get; set; } = new();

    /// <summary>Copies one section from another form (the wizard keeps the others from the draft).</summary>
    public void CopySection(ProfileSection section, ProfileInput from)
    {
        ArgumentNullException.ThrowIfNull(from);
        switch (section)
        {
            case ProfileSection.Ridet: Ridet = from.Ridet; break;
            case ProfileSection.Identity: Identity = from.Identity; break;
            case ProfileSection.Activities: Activities = from.Activities; break;
            case ProfileSection.Location: Location = from.Location; break;
            default: Contact = from.Contact; break;
        }
    }

    public static ProfileInput From(Company company)
    {
        ArgumentNullException.ThrowIfNull(company);
        return new ProfileInput
        {
            Ridet = new RidetInput { Number = company.Ridet?.ToString(), None = company.Ridet is null },
            Identity = new IdentityInput
            {
                LegalName = company.LegalName, TradeName = company.TradeName, Acronym = company.Acronym,
                LegalFormCode = company.LegalFormCode, SizeBandCode = company.SizeBandCode,
                FoundingYear = company.FoundingYear?.ToString(CultureInfo.InvariantCulture),
            },
            Activities = new ActivitiesInput
            {
                PrimaryCode = company.PrimaryActivityCode,
                SecondaryCodes = [.. company.SecondaryActivities.Select(a => a.ActivityCode)],
                ServiceCodes = [.. company.ServiceCodes], Services = Lines(company.Services), Skills = Lines(company.Skills), Labels = Lines(company.Labels),
                Languages = [.. company.Languages],
            },
            Location = new LocationInput
            {
                CommuneCode = company.CommuneCode, StreetAddress = company.StreetAddress, PostalCode = company.PostalCode,
                WholeTerritory = company.ServiceArea.WholeTerritory, ProvinceCodes = [.. company.ServiceArea.ProvinceCodes],
                CommuneCodes = [.. company.ServiceArea.CommuneCodes], Pacific = company.ServiceArea.PacificRegion,
                International = company.ServiceArea.International,
            },
            Contact = new ContactInput
            {
                Website = company.Website, Email = company.Email, Phones = Lines(company.Phones),
                SocialLinks = Lines(company.SocialLinks), DescriptionFr = company.DescriptionFr, DescriptionEn = company.DescriptionEn,
                SellsOnOwnShop = company.ECommerce.SellsOnOwnShop, SellsOnMarketplaces = company.ECommerce.SellsOnMarketplaces,
                OnlinePayment = company.ECommerce.OnlinePayment, DeliversTerritory = company.ECommerce.DeliversTerritory,
                DeliversIslands = company.ECommerce.DeliversIslands, B2B = company.ECommerce.B2B, B2C = company.ECommerce.B2C,
                Platforms = Lines(company.ECommerce.Platforms), ContactName = company.Contact.Name, ContactRole = company.Contact.Role,
                OpenDataOptOut = company.OpenDataOptOut, RequestsOff = company.RequestsOff, NeedsOff = company.NeedsOff,
            },
        };
    }

    /// <summary>A new company from the form (call <see cref="Validate"/> first).</summary>
    public Company ToCompany()
    {
        var company = new Company
        {
            Id = Guid.CreateVersion7(),
            Slug = string.Empty,
            LegalName = string.Empty,
            PrimaryActivityCode = string.Empty,
            CommuneCode = string.Empty,
        };
        ApplyTo(company);
        return company;
    }

    /// <summary>Writes every field of the form into <paramref name="company"/> (values that do not parse become empty).</summary>
    public void ApplyTo(Company company)
    {
        ArgumentNullException.ThrowIfNull(company);
        company.Ridet = Core.Companies.Ridet.TryParse(Ridet.Number, out var ridet) ? ridet : null;
        company.LegalName = Identity.LegalName?.Trim() ?? string.Empty;
        company.TradeName = Text(Identity.TradeName);
        company.Acronym = Text(Identity.Acronym);
        company.LegalFormCode = Text(Identity.LegalFormCode);
        company.SizeBandCode = Text(Identity.SizeBandCode);
        company.FoundingYear = int.TryParse(Identity.FoundingYear, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null;

        company.PrimaryActivityCode = Activities.PrimaryCode?.Trim() ?? string.Empty;
        var secondary = Activities.SecondaryCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal).ToList();
        company.SecondaryActivities.RemoveAll(a => !secondary.Contains(a.ActivityCode));
        foreach (var code in secondary.Where(c => company.SecondaryActivities.All(a => a.ActivityCode != c)))
        {
            company.SecondaryActivities.Add(new CompanyActivity { CompanyId = company.Id, ActivityCode = code });
        }
        company.ServiceCodes = [.. Activities.ServiceCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal)];
        company.Services = Split(Activities.Services);
        // "Création de sites internet" typed as free text is the catalogue's service: ticked, and found by the filter.
        company.MoveCatalogueServices(TaxonomyCatalog.Default);
        company.Skills = Split(Activities.Skills);
        company.Labels = Split(Activities.Labels);
        company.Languages = [.. Activities.Languages.Where(l => !string.IsNullOrWhiteSpace(l)).Distinct(StringComparer.Ordinal)];

        company.CommuneCode = Location.CommuneCode?.Trim() ?? string.Empty;
        company.StreetAddress = Text(Location.StreetAddress);
        company.PostalCode = Text(Location.PostalCode);
        company.ServiceArea = new ServiceArea
        {
            WholeTerritory = Location.WholeTerritory,
            ProvinceCodes = [.. Location.ProvinceCodes.Distinct(StringComparer.Ordinal)],
            CommuneCodes = [.. Location.CommuneCodes.Distinct(StringComparer.Ordinal)],
            PacificRegion = Location.Pacific,
            International = Location.International,
        };

        company.Website = Text(Contact.Website);
        company.Email = Text(Contact.Email);
        company.Phones = [.. Split(Contact.Phones).Select(p => PhoneNumber.TryParse(p, out var phone) ? phone.Digits : p)];
        company.SocialLinks = Split(Contact.SocialLinks);
        company.DescriptionFr = Text(Contact.DescriptionFr);
        company.DescriptionEn = Text(Contact.DescriptionEn);
        company.ECommerce = new ECommerceProfile
        {
            SellsOnOwnShop = Contact.SellsOnOwnShop, SellsOnMarketplaces = Contact.SellsOnMarketplaces,
            OnlinePayment = Contact.OnlinePayment, DeliversTerritory = Contact.DeliversTerritory,
            DeliversIslands = Contact.DeliversIslands, B2B = Contact.B2B, B2C = Contact.B2C,
            Platforms = Split(Contact.Platforms),
        };
        company.Contact = new ContactPerson { Name = Text(Contact.ContactName), Role = Text(Contact.ContactRole) };
        company.OpenDataOptOut = Contact.OpenDataOptOut;
        company.RequestsOff = Contact.RequestsOff;
        company.NeedsOff = Contact.NeedsOff;
    }

    /// <summary>
    /// The problems of the given sections, keyed by form field name (<c>Input.Identity.LegalName</c>): what the
    /// form cannot read, then the <see cref="CompanyValidator"/> rules.
    /// </summary>
    public IReadOnlyList<(string Key, string Message)> Validate(CompanyValidator validator, IReadOnlySet<ProfileSection> sections, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<(string Key, string Message)>();
        if (sections.Contains(ProfileSection.Ridet))
        {
            if (!string.IsNullOrWhiteSpace(Ridet.Number) && !Core.Companies.Ridet.TryParse(Ridet.Number, out _))
            {
                problems.Add(("Input.Ridet.Number", text("Register.RidetInvalid")));
            }
            else if (string.IsNullOrWhiteSpace(Ridet.Number) && !Ridet.None)
            {
                problems.Add(("Input.Ridet.Number", text("Register.RidetRequired")));
            }
        }
        if (sections.Contains(ProfileSection.Identity) && !string.IsNullOrWhiteSpace(Identity.FoundingYear)
            && !int.TryParse(Identity.FoundingYear, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            problems.Add(("Input.Identity.FoundingYear", text("Register.YearInvalid")));
        }
        foreach (var issue in validator.Validate(ToCompany()))
        {
            if (Fields.TryGetValue(issue.Field, out var field) && sections.Contains(field.Section)
                && problems.All(p => p.Key != field.Key))
            {
                problems.Add((field.Key, issue.Message));
            }
        }
        return problems;
    }

    /// <summary>Every <see cref="CompanyValidator"/> field: its section and its form field name.</summary>
    private static readonly Dictionary<string, (ProfileSection Section, string Key)> Fields = new(StringComparer.Ordinal)
    {
        [nameof(Company.Ridet)] = (ProfileSection.Ridet, "Input.Ridet.Number"),
        [nameof(Company.LegalName)] = (ProfileSection.Identity, "Input.Identity.LegalName"),
        [nameof(Company.TradeName)] = (ProfileSection.Identity, "Input.Identity.TradeName"),
        [nameof(Company.Acronym)] = (ProfileSection.Identity, "Input.Identity.Acronym"),
        [nameof(Company.LegalFormCode)] = (ProfileSection.Identity, "Input.Identity.LegalFormCode"),
        [nameof(Company.FoundingYear)] = (ProfileSection.Identity, "Input.Identity.FoundingYear"),
        [nameof(Company.SizeBandCode)] = (ProfileSection.Identity, "Input.Identity.SizeBandCode"),
        [nameof(Company.PrimaryActivityCode)] = (ProfileSection.Activities, "Input.Activities.PrimaryCode"),
        [nameof(Company.SecondaryActivities)] = (ProfileSection.Activities, "Input.Activities.SecondaryCodes"),
        [nameof(Company.ServiceCodes)] = (ProfileSection.Activities, "Input.Activities.ServiceCodes"),
        [nameof(Company.Services)] = (ProfileSection.Activities, "Input.Activities.Services"),
        [nameof(Company.Skills)] = (ProfileSection.Activities, "Input.Activities.Skills"),
        [nameof(Company.Labels)] = (ProfileSection.Activities, "Input.Activities.Labels"),
        [nameof(Company.Languages)] = (ProfileSection.Activities, "Input.Activities.Languages"),
        [nameof(Company.CommuneCode)] = (ProfileSection.Location, "Input.Location.CommuneCode"),
        [nameof(Company.StreetAddress)] = (ProfileSection.Location, "Input.Location.StreetAddress"),
        [nameof(Company.PostalCode)] = (ProfileSection.Location, "Input.Location.PostalCode"),
        [nameof(Company.ServiceArea)] = (ProfileSection.Location, "Input.Location.ServiceArea"),
        [nameof(Company.Website)] = (ProfileSection.Contact, "Input.Contact.Website"),
        [nameof(Company.Email)] = (ProfileSection.Contact, "Input.Contact.Email"),
        [nameof(Company.Phones)] = (ProfileSection.Contact, "Input.Contact.Phones"),
        [nameof(Company.SocialLinks)] = (ProfileSection.Contact, "Input.Contact.SocialLinks"),
        [nameof(Company.DescriptionFr)] = (ProfileSection.Contact, "Input.Contact.DescriptionFr"),
        [nameof(Company.DescriptionEn)] = (ProfileSection.Contact, "Input.Contact.DescriptionEn"),
        ["Platforms"] = (ProfileSection.Contact, "Input.Contact.Platforms"),
        ["ContactName"] = (ProfileSection.Contact, "Input.Contact.ContactName"),
        ["ContactRole"] = (ProfileSection.Contact, "Input.Contact.ContactRole"),
    };

    /// <summary>The profile as labelled lines of text (preview, and "current value / yours" after a conflict).</summary>
    public IReadOnlyList<(string Label, string? Value)> Describe(TaxonomyCatalog taxonomy, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(text);
        var company = ToCompany();
        string? Labels<T>(IEnumerable<string> codes, Func<string?, T?> find) where T : TaxonomyEntry =>
            codes.Any() ? string.Join(", ", codes.Select(c => find(c)?.Label ?? c)) : null;
        string? Label<T>(string? code, Func<string?, T?> find) where T : TaxonomyEntry =>
            string.IsNullOrEmpty(code) ? null : find(code)?.Label ?? code;
        static string? Join(IEnumerable<string> values) => values.Any() ? string.Join(", ", values) : null;
        static string L(string field) => CompanyValidator.FieldLabel(field);
        var area = company.ServiceArea;
        var areaParts = new List<string>();
        if (area.WholeTerritory) areaParts.Add(text("Profile.WholeTerritory"));
        areaParts.AddRange(area.ProvinceCodes.Select(c => taxonomy.FindProvince(c)?.Label ?? c));
        areaParts.AddRange(area.CommuneCodes.Select(c => taxonomy.FindCommune(c)?.Label ?? c));
        if (area.PacificRegion) areaParts.Add(text("Profile.Pacific"));
        if (area.International) areaParts.Add(text("Profile.International"));
        return
        [
            (L(nameof(Company.Ridet)), company.Ridet?.ToString()),
            (L(nameof(Company.LegalName)), company.LegalName),
            (L(nameof(Company.TradeName)), company.TradeName),
            (L(nameof(Company.Acronym)), company.Acronym),
            (L(nameof(Company.LegalFormCode)), Label(company.LegalFormCode, taxonomy.FindLegalForm)),
            (L(nameof(Company.FoundingYear)), company.FoundingYear?.ToString(CultureInfo.InvariantCulture)),
            (L(nameof(Company.SizeBandCode)), Label(company.SizeBandCode, taxonomy.FindSizeBand)),
            (L(nameof(Company.PrimaryActivityCode)), Label(company.PrimaryActivityCode, taxonomy.FindActivity)),
            (L(nameof(Company.SecondaryActivities)), Labels(company.SecondaryActivities.Select(a => a.ActivityCode), taxonomy.FindActivity)),
            (L(nameof(Company.ServiceCodes)), Labels(company.ServiceCodes, taxonomy.FindService)),
            (L(nameof(Company.Services)), Join(company.Services)),
            (L(nameof(Company.Skills)), Join(company.Skills)),
            (L(nameof(Company.Labels)), Join(company.Labels)),
            (L(nameof(Company.Languages)), Labels(company.Languages, taxonomy.FindLanguage)),
            (L(nameof(Company.CommuneCode)), Label(company.CommuneCode, taxonomy.FindCommune)),
            (L(nameof(Company.StreetAddress)), company.StreetAddress),
            (L(nameof(Company.PostalCode)), company.PostalCode),
            (L(nameof(Company.ServiceArea)), Join(areaParts)),
            (L(nameof(Company.Website)), company.Website),
            (L(nameof(Company.Email)), company.Email),
            (L(nameof(Company.Phones)), Join(company.Phones.Select(p => PhoneNumber.TryParse(p, out var phone) ? phone.ToString() : p))),
            (L(nameof(Company.SocialLinks)), Join(company.SocialLinks)),
            (L(nameof(Company.DescriptionFr)), company.DescriptionFr),
            (L(nameof(Company.DescriptionEn)), company.DescriptionEn),
            (text("Register.ECommerce"), Join(ECommerceFlags(company.ECommerce).Select(f => text("Register.ECommerce." + f)))),
            (L("Platforms"), Join(company.ECommerce.Platforms)),
            (L("ContactName"), company.Contact.Name),
            (L("ContactRole"), company.Contact.Role),
        ];
    }

    private static IEnumerable<string> ECommerceFlags(ECommerceProfile e)
    {
        if (e.SellsOnOwnShop) yield return nameof(ContactInput.SellsOnOwnShop);
        if (e.SellsOnMarketplaces) yield return nameof(ContactInput.SellsOnMarketplaces);
        if (e.OnlinePayment) yield return nameof(ContactInput.OnlinePayment);
        if (e.DeliversTerritory) yield return nameof(ContactInput.DeliversTerritory);
        if (e.DeliversIslands) yield return nameof(ContactInput.DeliversIslands);
        if (e.B2B) yield return nameof(ContactInput.B2B);
        if (e.B2C) yield return nameof(ContactInput.B2C);
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Lines(List<string> values) => values.Count == 0 ? null : string.Join('\n', values);

    private static List<string> Split(string? lines) =>
        lines is null ? [] : [.. lines.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}

public sealed class RidetInput
{
    public string? Number { get; set; }

    /// <summary>No RIDET number (an association, a project being created).</summary>
    public bool None { get; set; }
}

public sealed class IdentityInput
{
    public string? LegalName { get; set; }
    public string? TradeName { get; set; }
    public string? Acronym { get; set; }
    public string? LegalFormCode { get; set; }
    public string? FoundingYear { get; set; }
    public string? SizeBandCode { get; set; }
}

public sealed class ActivitiesInput
{
    public string? PrimaryCode { get; set; }
    public List<string> SecondaryCodes { get; set; } = [];

    /// <summary>Services ticked in the catalogue (codes).</summary>
    public List<string> ServiceCodes { get; set; } = [];

    /// <summary>Other services, one per line.</summary>
    public string? Services { get; set; }
    public string? Skills { get; set; }
    public string? Labels { get; set; }
    public List<string> Languages { get; set; } = [];
}

public sealed class LocationInput
{
    public string? CommuneCode { get; set; }
    public string? StreetAddress { get; set; }
    public string? PostalCode { get; set; }
    public bool WholeTerritory { get; set; }
    public List<string> ProvinceCodes { get; set; } = [];
    public List<string> CommuneCodes { get; set; } = [];
    public bool Pacific { get; set; }
    public bool International { get; set; }

    /// <summary>
    /// The service area as the form's checkboxes mean it: a province ticked ("Toute la province") is all of its
    /// communes, which are then not kept one by one, and all the communes of a province ticked are that province.
    /// Codes the typology does not know are kept, for the validator to refuse.
    /// </summary>
    public void NormalizeArea(TaxonomyCatalog taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        var provinces = ProvinceCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal).ToList();
        var communes = CommuneCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var province in taxonomy.Provinces.Where(p => !p.IsRetired))
        {
            var own = taxonomy.Communes.Where(c => !c.IsRetired && c.ProvinceCode == province.Code).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
            if (!provinces.Contains(province.Code) && own.Count > 0 && own.All(communes.Contains))
            {
                provinces.Add(province.Code);
            }
            if (provinces.Contains(province.Code))
            {
                communes.RemoveAll(own.Contains);
            }
        }
        ProvinceCodes = provinces;
        CommuneCodes = communes;
    }
}

public sealed class ContactInput
{
    public string? Website { get; set; }
    public string? Email { get; set; }
    public string? Phones { get; set; }
    public string? SocialLinks { get; set; }
    public string? DescriptionFr { get; set; }
    public string? DescriptionEn { get; set; }
    public bool SellsOnOwnShop { get; set; }
    public bool SellsOnMarketplaces { get; set; }
    public bool OnlinePayment { get; set; }
    public bool DeliversTerritory { get; set; }
    public bool DeliversIslands { get; set; }
    public bool B2B { get; set; }
    public bool B2C { get; set; }
    public string? Platforms { get; set; }
    public string? ContactName { get; set; }
    public string? ContactRole { get; set; }
    public bool OpenDataOptOut { get; set; }

    /// <summary>No contact or quote requests from buyers (<see cref="Company.RequestsOff"/>).</summary>
    public bool RequestsOff { get; set; }

    /// <summary>No daily digest of the needs board (<see cref="Company.NeedsOff"/>).</summary>
    public bool NeedsOff { get; set; }
}
