namespace AnnuaireFiliere.Core.Buyers;

public enum AlertFrequency
{
    Daily = 0,
    Weekly = 1,
}

/// <summary>
/// A search an account saved, with a mail of the companies that matched it and are new or updated since the last
/// mail. Unsubscribed in one click from a signed link, listed and deleted in the account page.
/// </summary>
public sealed class SavedSearch
{
    public const int NameMaxLength = 120;
    public const int QueryMaxLength = 2000;

    /// <summary>The most saved searches one account may keep.</summary>
    public const int MaxPerAccount = 20;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid UserId { get; init; }

    public required string Name { get; set; }

    /// <summary>The search page's query string (without <c>?</c>, without page): what the buyer saved.</summary>
    public required string Query { get; init; }

    public AlertFrequency Frequency { get; set; }

    /// <summary>False once unsubscribed: the search stays listed, no mail goes.</summary>
    public bool Alerts { get; set; } = true;

    public string Language { get; init; } = "fr";

    public DateTime CreatedAt { get; init; }

    /// <summary>The end of the window the last mail covered (at first, when saved): the next mail covers what changed after it.</summary>
    public DateTime CheckedUntil { get; set; }

    public DateTime? LastMailedAt { get; set; }
}
