namespace AnnuaireFiliere.Core.Buyers;

/// <summary>One company contacted ("Contacter"), or the buyer's shortlist asked for a quote.</summary>
public enum ContactRequestKind
{
    Contact = 0,
    Quote = 1,
}

public enum ContactRequestStatus
{
    /// <summary>Stored, waiting for the buyer to follow the mailed link; nothing has gone to any company.</summary>
    AwaitingConfirmation = 0,

    /// <summary>Confirmed: mailed to each recipient (see <see cref="ContactRecipient"/> for each send).</summary>
    Sent = 1,

    /// <summary>Never confirmed before the link expired; kept for the limits, then purged.</summary>
    Expired = 2,
}

/// <summary>
/// A buyer's message to one or several companies, with no account: stored, confirmed by a mailed link, then mailed
/// to each company's contact address (reply-to the buyer, never naming the other recipients) and listed in each
/// company's "Demandes reçues".
/// </summary>
public sealed class ContactRequest
{
    public const int SubjectMaxLength = 150;
    public const int MessageMinLength = 20;
    public const int MessageMaxLength = 4000;

    /// <summary>The most companies one request may go to (a shortlist holds at most this many).</summary>
    public const int MaxRecipients = 10;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public ContactRequestKind Kind { get; init; }

    public ContactRequestStatus Status { get; set; }

    public BuyerContact Buyer { get; init; } = new();

    public required string Subject { get; init; }

    public required string Message { get; init; }

    /// <summary>When the buyer would like the work done or an answer, if they said.</summary>
    public DateOnly? DesiredDate { get; init; }

    /// <summary>A <see cref="BudgetBands"/> code, if given.</summary>
    public string? BudgetBand { get; init; }

    /// <summary>The buyer's page language (<c>fr</c> or <c>en</c>), for the mails they receive.</summary>
    public string Language { get; init; } = "fr";

    /// <summary>When the buyer ticked the consent text (required).</summary>
    public DateTime ConsentedAt { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? ConfirmedAt { get; set; }

    public List<ContactRecipient> Recipients { get; init; } = [];
}

/// <summary>Where a received request is in a company's list.</summary>
public enum RecipientStatus
{
    New = 0,
    Read = 1,
    Answered = 2,
    Archived = 3,
}

/// <summary>One company a request goes to: the mail sent to it and where the company's members have put it.</summary>
public sealed class ContactRecipient
{
    public const int FailureMaxLength = 500;

    public Guid RequestId { get; init; }

    public Guid CompanyId { get; init; }

    public RecipientStatus Status { get; set; }

    /// <summary>The company's contact address the mail went to (null until sent).</summary>
    public string? SentTo { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>Why the mail could not be sent, or why the company was left out at sending time (requests turned off since).</summary>
    public string? Failure { get; set; }

    /// <summary>When a member first opened it in "Demandes reçues": what the buyer's follow-up page shows.</summary>
    public DateTime? OpenedAt { get; set; }

    public DateTime? StatusChangedAt { get; set; }

    /// <summary>Concurrency token: two members changing the status at once do not overwrite each other silently.</summary>
    public int Version { get; set; }
}
