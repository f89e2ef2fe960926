namespace AnnuaireFiliere.Core.Search;

/// <summary>
/// A synonym rule as moderators keep it (<c>/moderation/synonymes</c>): one line of the rule syntax
/// (<c>a, b, c</c> or <c>a, b => c</c>), enabled or not. Written only by <see cref="SynonymRules"/>, which appends a
/// <see cref="SynonymRuleChange"/> for each change; read by <see cref="SynonymStore"/> for the engines.
/// </summary>
public sealed class SynonymRuleRecord
{
    public int Id { get; init; }

    /// <summary>The rule, as <see cref="SynonymLines.Normalize"/> wrote it.</summary>
    public required string Line { get; set; }

    public bool Enabled { get; set; } = true;

    public DateTime CreatedAt { get; init; }

    /// <summary>The account that added it; <c>null</c> for the rules of <c>Search/synonyms.txt</c>, or once that account is deleted.</summary>
    public Guid? CreatedBy { get; init; }

    public DateTime UpdatedAt { get; set; }

    public Guid? UpdatedBy { get; set; }

    /// <summary>Optimistic concurrency: a save over a newer version is refused (two moderators at once).</summary>
    public int Version { get; set; } = 1;
}

public enum SynonymChangeKind
{
    /// <summary>Copied from <c>Search/synonyms.txt</c> into an empty database.</summary>
    Imported = 0,
    Added = 1,
    Edited = 2,
    Disabled = 3,
    Enabled = 4,
    Removed = 5,
}

/// <summary>One change of a synonym rule: what it was and what it became, who, when and why. Appended, never updated.</summary>
public sealed class SynonymRuleChange
{
    public long Id { get; init; }

    /// <summary>The rule changed (not a foreign key: a removed rule keeps its history).</summary>
    public int RuleId { get; init; }

    public SynonymChangeKind Kind { get; init; }

    public string? Before { get; init; }

    public string? After { get; init; }

    /// <summary>What the moderator typed, if anything.</summary>
    public string? Reason { get; init; }

    public DateTime At { get; init; }

    /// <summary>The account that made it; <c>null</c> for the file import, or once that account is deleted.</summary>
    public Guid? UserId { get; init; }
}
