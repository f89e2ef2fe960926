using System.Globalization;
using AnnuaireFiliere.Core.Buyers;

namespace AnnuaireFiliere.Web.Features.Needs;

/// <summary>The need form's fields as typed (strings, so that a wrong value comes back as it was typed).</summary>
public sealed class NeedInput
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public List<string> ActivityCodes { get; set; } = [];
    public List<string> ServiceCodes { get; set; } = [];

    /// <summary>A commune code, or empty for the whole territory.</summary>
    public string? CommuneCode { get; set; }

    /// <summary><c>yyyy-MM-dd</c> (the date input's value).</summary>
    public string? Deadline { get; set; }

    public string? BudgetBand { get; set; }

    /// <summary><c>prive</c> or <c>public</c>.</summary>
    public string? BuyerKind { get; set; } = "prive";

    /// <summary><c>courriel</c>, <c>telephone</c> or <c>indifferent</c>.</summary>
    public string? ContactPreference { get; set; } = "courriel";

    public string? Name { get; set; }
    public string? Organisation { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }

    /// <summary>A field people do not see (a robot fills it): a need with it is dropped without a word.</summary>
    public string? Website { get; set; }

    public static string KindCode(BuyerKind kind) => kind == Core.Buyers.BuyerKind.Public ? "public" : "prive";

    public static string PreferenceCode(ContactPreference preference) => preference switch
    {
        Core.Buyers.ContactPreference.Phone => "telephone",
        Core.Buyers.ContactPreference.Either => "indifferent",
        _ => "courriel",
    };

    public NeedDraft ToDraft(string language) => new()
    {
        Title = Title,
        Description = Description,
        ActivityCodes = ActivityCodes,
        ServiceCodes = ServiceCodes,
        CommuneCode = CommuneCode,
        Deadline = DateOnly.TryParseExact(Deadline?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null,
        BudgetBand = BudgetBand,
        BuyerKind = BuyerKind == "public" ? Core.Buyers.BuyerKind.Public : BuyerKind == "prive" ? Core.Buyers.BuyerKind.Private : (Core.Buyers.BuyerKind)(-1),
        ContactPreference = ContactPreference switch
        {
            "courriel" => Core.Buyers.ContactPreference.Email,
            "telephone" => Core.Buyers.ContactPreference.Phone,
            "indifferent" => Core.Buyers.ContactPreference.Either,
            _ => (Core.Buyers.ContactPreference)(-1),
        },
        Name = Name,
        Organisation = Organisation,
        Email = Email,
        Phone = Phone,
        Language = language,
    };
}
