namespace AnnuaireFiliere.Core.Buyers;

/// <summary>
/// Who a buyer is, as typed in a request or a need (personal data: shown only to the companies the buyer chose or
/// that answered, and to moderators). The address is proved by a mailed link before anything is sent.
/// </summary>
public sealed class BuyerContact
{
    public const int NameMaxLength = 120;
    public const int OrganisationMaxLength = 200;
    public const int EmailMaxLength = 254;
    public const int PhoneMaxLength = 30;

    public string Name { get; set; } = string.Empty;
    public string? Organisation { get; set; }
    public string Email { get; set; } = string.Empty;
    public string? Phone { get; set; }
}

/// <summary>Budget bands a buyer may give (in CFP francs, XPF), from the smallest.</summary>
public static class BudgetBands
{
    public const string Under500k = "moins-500k";
    public const string From500kTo2M = "500k-2m";
    public const string From2MTo10M = "2m-10m";
    public const string Over10M = "plus-10m";

    public static IReadOnlyList<string> All { get; } = [Under500k, From500kTo2M, From2MTo10M, Over10M];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code, StringComparer.Ordinal);
}

/// <summary>
/// An email address or a whole domain that moderators blocked: requests and needs from it are refused (with the
/// same words as any other refusal, so that the sender learns nothing).
/// </summary>
public sealed class BlockedSender
{
    public const int PatternMaxLength = 254;
    public const int ReasonMaxLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>A lower-case address (<c>nom@exemple.nc</c>) or a domain (<c>exemple.nc</c>, which also blocks its sub-domains).</summary>
    public required string Pattern { get; init; }

    public string? Reason { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>The moderator's account (null once deleted).</summary>
    public Guid? CreatedBy { get; init; }
}
