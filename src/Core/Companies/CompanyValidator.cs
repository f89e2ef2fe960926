using System.Globalization;
using System.Net.Mail;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Companies;

/// <summary>A rule a company profile breaks: the field (a <see cref="Company"/> property name) and a message for people.</summary>
public sealed record ValidationIssue(string Field, string Message);

/// <summary>
/// The rules every company profile obeys, whatever its way in (web form, import, API, demo data).
/// Messages are in the current UI culture: French, or English.
/// </summary>
public sealed class CompanyValidator(TaxonomyCatalog taxonomy, TimeProvider clock)
{
    public const int NameMaxLength = 200;
    public const int AcronymMaxLength = 20;
    public const int AddressMaxLength = 200;
    public const int UrlMaxLength = 300;
    public const int EmailMaxLength = 254;
    public const int DescriptionMaxLength = 4000;
    public const int MaxPhones = 5;
    public const int MaxSocialLinks = 8;
    public const int MaxListItems = 30;

    /// <summary>Services of the catalogue a company may pick: enough for a general agency, not the whole list.</summary>
    public const int MaxCatalogueServices = 40;
    public const int ListItemMaxLength = 80;
    public const int MaxPlatforms = 10;
    public const int PersonFieldMaxLength = 100;
    public const int EarliestFoundingYear = 1850;

    public IReadOnlyList<ValidationIssue> Validate(Company company)
    {
        ArgumentNullException.ThrowIfNull(company);
        var issues = new List<ValidationIssue>();
        void Add(string field, string message) => issues.Add(new ValidationIssue(field, message));

        RequiredText(nameof(Company.LegalName), company.LegalName, NameMaxLength, Add);
        OptionalText(nameof(Company.TradeName), company.TradeName, NameMaxLength, Add);
        OptionalText(nameof(Company.Acronym), company.Acronym, AcronymMaxLength, Add);
        OptionalCode(nameof(Company.LegalFormCode), company.LegalFormCode, taxonomy.FindLegalForm, Add);
        OptionalCode(nameof(Company.SizeBandCode), company.SizeBandCode, taxonomy.FindSizeBand, Add);

        var lastYear = clock.GetUtcNow().Year;
        if (company.FoundingYear is { } year && (year < EarliestFoundingYear || year > lastYear))
        {
            Add(nameof(Company.FoundingYear), Format(ValidationMessages.FoundingYearRange, EarliestFoundingYear, lastYear));
        }

        ValidateActivities(company, Add);
        ValidateLocation(company, Add);

        if (company.Website is not null && !IsWebAddress(company.Website))
        {
            Add(nameof(Company.Website), ValidationMessages.WebsiteInvalid);
        }
        if (company.Email is not null && !IsEmail(company.Email))
        {
            Add(nameof(Company.Email), Format(ValidationMessages.EmailInvalid, company.Email));
        }
        ValidateList(nameof(Company.Phones), company.Phones, MaxPhones, 30, Add);
        foreach (var phone in company.Phones.Where(p => !PhoneNumber.TryParse(p, out _)))
        {
            Add(nameof(Company.Phones), Format(ValidationMessages.PhoneInvalid, phone));
        }
        ValidateList(nameof(Company.SocialLinks), company.SocialLinks, MaxSocialLinks, UrlMaxLength, Add);
        foreach (var link in company.SocialLinks.Where(l => !IsWebAddress(l)))
        {
            Add(nameof(Company.SocialLinks), Format(ValidationMessages.SocialLinkInvalid, link));
        }

        OptionalText(nameof(Company.DescriptionFr), company.DescriptionFr, DescriptionMaxLength, Add);
        OptionalText(nameof(Company.DescriptionEn), company.DescriptionEn, DescriptionMaxLength, Add);
        ValidateList(nameof(Company.ServiceCodes), company.ServiceCodes, MaxCatalogueServices, ListItemMaxLength, Add);
        foreach (var service in company.ServiceCodes.Where(s => taxonomy.FindService(s) is null))
        {
            Add(nameof(Company.ServiceCodes), Format(ValidationMessages.UnknownCode, FieldLabel(nameof(Company.ServiceCodes)), service));
        }
        ValidateList(nameof(Company.Services), company.Services, MaxListItems, ListItemMaxLength, Add);
        ValidateList(nameof(Company.Skills), company.Skills, MaxListItems, ListItemMaxLength, Add);
        ValidateList(nameof(Company.Labels), company.Labels, MaxListItems, ListItemMaxLength, Add);
        ValidateList(nameof(Company.Languages), company.Languages, MaxListItems, 10, Add);
        foreach (var language in company.Languages.Where(l => taxonomy.FindLanguage(l) is null))
        {
            Add(nameof(Company.Languages), Format(ValidationMessages.UnknownCode, FieldLabel(nameof(Company.Languages)), language));
        }
        ValidateList("Platforms", company.ECommerce.Platforms, MaxPlatforms, ListItemMaxLength, Add);
        OptionalText("ContactName", company.Contact.Name, PersonFieldMaxLength, Add);
        OptionalText("ContactRole", company.Contact.Role, PersonFieldMaxLength, Add);
        return issues;
    }

    /// <summary>The label of a field in the current UI culture (e.g. "Raison sociale" for LegalName).</summary>
    public static string FieldLabel(string field) =>
        ValidationMessages.ResourceManager.GetString("Field_" + field, ValidationMessages.Culture) ?? field;

    /// <summary>Whether a text is an absolute http(s) address with a dotted host name.</summary>
    public static bool IsWebAddress(string value) =>
        value.Length <= UrlMaxLength
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Host.Contains('.', StringComparison.Ordinal)
        && string.IsNullOrEmpty(uri.UserInfo);

    public static bool IsEmail(string value) =>
        value.Length <= EmailMaxLength
        && MailAddress.TryCreate(value, out var address)
        && address.Address == value
        && address.Host.Contains('.', StringComparison.Ordinal);

    private void ValidateActivities(Company company, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(company.PrimaryActivityCode))
        {
            add(nameof(Company.PrimaryActivityCode), Format(ValidationMessages.Required, FieldLabel(nameof(Company.PrimaryActivityCode))));
        }
        else
        {
            OptionalCode(nameof(Company.PrimaryActivityCode), company.PrimaryActivityCode, taxonomy.FindActivity, add);
        }
        if (company.SecondaryActivities.Count > Company.MaxSecondaryActivities)
        {
            add(nameof(Company.SecondaryActivities), Format(ValidationMessages.SecondaryActivitiesTooMany, Company.MaxSecondaryActivities));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal) { company.PrimaryActivityCode ?? string.Empty };
        foreach (var activity in company.SecondaryActivities)
        {
            if (taxonomy.FindActivity(activity.ActivityCode) is not { } known)
            {
                add(nameof(Company.SecondaryActivities), Format(ValidationMessages.UnknownCode, FieldLabel(nameof(Company.SecondaryActivities)), activity.ActivityCode));
            }
            else if (!seen.Add(activity.ActivityCode))
            {
                add(nameof(Company.SecondaryActivities), Format(ValidationMessages.SecondaryActivityDuplicate, known.Label));
            }
        }
    }

    private void ValidateLocation(Company company, Action<string, string> add)
    {
        Commune? commune = null;
        if (string.IsNullOrWhiteSpace(company.CommuneCode))
        {
            add(nameof(Company.CommuneCode), Format(ValidationMessages.Required, FieldLabel(nameof(Company.CommuneCode))));
        }
        else if ((commune = taxonomy.FindCommune(company.CommuneCode)) is null)
        {
            add(nameof(Company.CommuneCode), Format(ValidationMessages.UnknownCode, FieldLabel(nameof(Company.CommuneCode)), company.CommuneCode));
        }
        OptionalText(nameof(Company.StreetAddress), company.StreetAddress, AddressMaxLength, add);
        if (company.PostalCode is { } postalCode)
        {
            if (postalCode.Length != 5 || !postalCode.StartsWith("988", StringComparison.Ordinal) || !postalCode.All(char.IsAsciiDigit))
            {
                add(nameof(Company.PostalCode), ValidationMessages.PostalCodeInvalid);
            }
            else if (commune is not null && !commune.PostalCodes.Contains(postalCode))
            {
                add(nameof(Company.PostalCode), Format(ValidationMessages.PostalCodeMismatch, postalCode, commune.Name, string.Join(", ", commune.PostalCodes)));
            }
        }

        var area = company.ServiceArea;
        if (!area.WholeTerritory && !area.PacificRegion && !area.International && area.ProvinceCodes.Count == 0 && area.CommuneCodes.Count == 0)
        {
            add(nameof(Company.ServiceArea), ValidationMessages.ServiceAreaEmpty);
        }
        foreach (var code in area.ProvinceCodes.Where(c => taxonomy.FindProvince(c) is null))
        {
            add(nameof(Company.ServiceArea), Format(ValidationMessages.UnknownCode, FieldLabel(nameof(Company.ServiceArea)), code));
        }
        foreach (var code in area.CommuneCodes.Where(c => taxonomy.FindCommune(c) is null))
        {
            add(nameof(Company.ServiceArea), Format(ValidationMessages.UnknownCode, FieldLabel(nameof(Company.ServiceArea)), code));
        }
    }

    private static void OptionalCode<T>(string field, string? code, Func<string?, T?> find, Action<string, string> add) where T : class
    {
        if (code is not null && find(code) is null)
        {
            add(field, Format(ValidationMessages.UnknownCode, FieldLabel(field), code));
        }
    }

    private static void RequiredText(string field, string? value, int maxLength, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            add(field, Format(ValidationMessages.Required, FieldLabel(field)));
        }
        else
        {
            OptionalText(field, value, maxLength, add);
        }
    }

    private static void OptionalText(string field, string? value, int maxLength, Action<string, string> add)
    {
        if (value is not null && value.Length > maxLength)
        {
            add(field, Format(ValidationMessages.TooLong, FieldLabel(field), maxLength));
        }
    }

    private static void ValidateList(string field, List<string> items, int maxItems, int maxItemLength, Action<string, string> add)
    {
        if (items.Count > maxItems)
        {
            add(field, Format(ValidationMessages.TooManyItems, FieldLabel(field), maxItems));
        }
        if (items.Any(i => string.IsNullOrWhiteSpace(i) || i.Length > maxItemLength))
        {
            add(field, Format(ValidationMessages.ItemTooLong, FieldLabel(field), maxItemLength));
        }
    }

    private static string Format(string template, params object[] values) =>
        string.Format(CultureInfo.CurrentCulture, template, values);
}
