namespace AnnuaireFiliere.Core.Buyers;

/// <summary>Where a need is, from posting to closing.</summary>
public enum NeedStatus
{
    /// <summary>Posted without an account: waits for the buyer to follow the mailed link.</summary>
    AwaitingConfirmation = 0,

    /// <summary>Waiting for a moderator.</summary>
    PendingReview = 1,

    /// <summary>On <c>/besoins</c> until its deadline; matching companies are mailed.</summary>
    Published = 2,

    Rejected = 3,

    /// <summary>Closed by the buyer: someone does the work.</summary>
    Filled = 4,

    /// <summary>Closed by the buyer: nobody will.</summary>
    Cancelled = 5,

    /// <summary>The deadline passed while it was published.</summary>
    Expired = 6,
}

public enum BuyerKind
{
    Private = 0,
    Public = 1,
}

/// <summary>How the buyer would like to be contacted by the companies that answer.</summary>
public enum ContactPreference
{
    Email = 0,
    Phone = 1,
    Either = 2,
}

/// <summary>
/// A need posted on the needs board ("déposer un besoin"): what is needed (activities of the typology and/or services
/// of the catalogue), where (a commune, or the whole territory when <see cref="CommuneCode"/> is null), by when, and
/// for roughly how much. Moderated before it is published; matching companies get it in a daily digest; companies
/// answer "Je suis intéressé". The buyer's contact details are shown only to the companies that answered.
/// </summary>
public sealed class Need
{
    public const int TitleMinLength = 10;
    public const int TitleMaxLength = 120;
    public const int DescriptionMinLength = 30;
    public const int DescriptionMaxLength = 4000;
    public const int OutcomeMaxLength = 1000;
    public const int ReasonMaxLength = 1000;

    /// <summary>The most activities plus services one need may ask for (a need for everything matches everybody).</summary>
    public const int MaxCodes = 8;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>URL name (<c>/besoins/{slug}</c>), unique.</summary>
    public required string Slug { get; init; }

    public required string Title { get; set; }

    public required string Description { get; set; }

    /// <summary>Activity codes of the typology.</summary>
    public List<string> ActivityCodes { get; set; } = [];

    /// <summary>Service codes of the catalogue.</summary>
    public List<string> ServiceCodes { get; set; } = [];

    /// <summary>The commune where the work is (INSEE code), or null for the whole territory.</summary>
    public string? CommuneCode { get; set; }

    /// <summary>The last day answers are useful; the need leaves the board after it.</summary>
    public DateOnly Deadline { get; set; }

    public string? BudgetBand { get; set; }

    public BuyerKind BuyerKind { get; set; }

    public ContactPreference ContactPreference { get; set; }

    public BuyerContact Buyer { get; init; } = new();

    /// <summary>The buyer's account, when posted signed in (null when posted with a confirmed address).</summary>
    public Guid? UserId { get; init; }

    public string Language { get; init; } = "fr";

    public NeedStatus Status { get; set; }

    /// <summary>The moderator's words when refused (shown to the buyer).</summary>
    public string? RefusalReason { get; set; }

    /// <summary>The buyer's words when closing: what came of it.</summary>
    public string? Outcome { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime? PublishedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>When the matching companies were chosen (at publication): the digests then send what was chosen.</summary>
    public DateTime? MatchedAt { get; set; }

    /// <summary>Concurrency token.</summary>
    public int Version { get; set; }
}

/// <summary>A company's "Je suis intéressé" to a need, with a short message.</summary>
public sealed class NeedAnswer
{
    public const int MessageMinLength = 10;
    public const int MessageMaxLength = 1500;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid NeedId { get; init; }

    public Guid CompanyId { get; init; }

    /// <summary>The member who answered (null once the account is deleted).</summary>
    public Guid? UserId { get; init; }

    public required string Message { get; init; }

    public DateTime CreatedAt { get; init; }
}

/// <summary>
/// A company chosen for a need at publication; <see cref="DigestedAt"/> is set when the need went out in the
/// company's daily digest (at most one digest a day per company).
/// </summary>
public sealed class NeedMatch
{
    public Guid NeedId { get; init; }

    public Guid CompanyId { get; init; }

    public DateTime MatchedAt { get; init; }

    public DateTime? DigestedAt { get; set; }
}

/// <summary>A line of a need's history: who did what, when (posting, confirmation, moderation, answers, closing).</summary>
public sealed class NeedChange
{
    public const int ActorMaxLength = 256;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid NeedId { get; init; }

    public DateTime At { get; init; }

    /// <summary>Who: an account's address, "acheteur" (the confirmed buyer), or "site".</summary>
    public required string Actor { get; init; }

    /// <summary>The status after the change.</summary>
    public NeedStatus Status { get; init; }

    /// <summary>A moderator's reason or the buyer's outcome.</summary>
    public string? Note { get; init; }
}
