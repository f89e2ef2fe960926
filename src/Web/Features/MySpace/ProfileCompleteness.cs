using AnnuaireFiliere.Core.Companies;

namespace AnnuaireFiliere.Web.Features.MySpace;

/// <summary>
/// One thing buyers look for on a profile: its name (the resource key <c>Completeness.{Key}</c>), the editor's section
/// and control that fill it (<see cref="Section"/> is null for the logo, which has its own page), and whether it is there.
/// </summary>
public sealed record CompletenessItem(string Key, ProfileSection? Section, string? FieldId, bool Done);

/// <summary>
/// How complete a profile is for buyers: the share of <see cref="Items"/> filled, each worth as much. The required
/// fields (name, primary activity, commune) are not counted: every profile has them.
/// </summary>
public sealed record ProfileCompleteness(IReadOnlyList<CompletenessItem> Items)
{
    public int Percent => Items.Count == 0 ? 100 : (int)Math.Round(100.0 * Items.Count(i => i.Done) / Items.Count, MidpointRounding.AwayFromZero);

    public IEnumerable<CompletenessItem> Missing => Items.Where(i => !i.Done);

    /// <summary>The items of a saved company (its logo included), or of the editor's form (<paramref name="company"/> from
    /// <see cref="ProfileInput.ToCompany"/>, without the logo: <paramref name="withLogo"/> false).</summary>
    public static ProfileCompleteness Of(Company company, bool withLogo = true)
    {
        ArgumentNullException.ThrowIfNull(company);
        var area = company.ServiceArea;
        var items = new List<CompletenessItem>
        {
            new("description", ProfileSection.Contact, "contact-descriptionfr", !string.IsNullOrWhiteSpace(company.DescriptionFr) || !string.IsNullOrWhiteSpace(company.DescriptionEn)),
            new("services", ProfileSection.Activities, "activities-services", company.ServiceCodes.Count > 0 || company.Services.Count > 0),
            new("skills", ProfileSection.Activities, "activities-skills", company.Skills.Count > 0),
            new("secondaryActivities", ProfileSection.Activities, "activites-secondaires", company.SecondaryActivities.Count > 0),
            new("website", ProfileSection.Contact, "contact-website", !string.IsNullOrWhiteSpace(company.Website)),
            new("phoneOrEmail", ProfileSection.Contact, "contact-phones", company.Phones.Count > 0 || !string.IsNullOrWhiteSpace(company.Email)),
            new("serviceArea", ProfileSection.Location, "zone-intervention",
                area.WholeTerritory || area.PacificRegion || area.International || area.ProvinceCodes.Count > 0 || area.CommuneCodes.Count > 0),
            new("foundingYear", ProfileSection.Identity, "identity-foundingyear", company.FoundingYear is not null),
            new("sizeBand", ProfileSection.Identity, "identity-sizebandcode", !string.IsNullOrWhiteSpace(company.SizeBandCode)),
        };
        if (withLogo)
        {
            items.Insert(1, new("logo", null, null, company.LogoFile is not null));
        }
        return new ProfileCompleteness(items);
    }
}
