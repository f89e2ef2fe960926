namespace AnnuaireFiliere.Core.Survey.Results;

/// <summary>Where an analyst's commentary is: waiting for a moderator, approved, or refused (with a reason).</summary>
public enum CommentaryStatus
{
    Pending = 0,
    Published = 1,
    Refused = 2,
}

/// <summary>
/// The short commentary of one indicator (a question of a wave), written by an analyst in the descriptions' limited
/// Markdown and approved by a moderator before it is public. An edit of an approved commentary waits for review
/// again while <see cref="PublishedMarkdown"/>, the text last approved, stays on the key figures page. Changed only
/// by <see cref="SurveyCommentaries"/>.
/// </summary>
public sealed class SurveyCommentary
{
    public const int MarkdownMaxLength = 1500;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid WaveId { get; init; }

    public required string QuestionId { get; init; }

    /// <summary>The text last written by an analyst (what the moderators review).</summary>
    public string Markdown { get; set; } = string.Empty;

    /// <summary>The text last approved, shown to the public; <c>null</c> until one is.</summary>
    public string? PublishedMarkdown { get; set; }

    public CommentaryStatus Status { get; set; }

    /// <summary>The moderator's words when <see cref="Markdown"/> was refused (shown to the analysts).</summary>
    public string? RefusalReason { get; set; }

    public Guid? AuthorId { get; set; }

    public DateTime UpdatedAt { get; set; }

    public Guid? ReviewedBy { get; set; }

    public DateTime? ReviewedAt { get; set; }

    /// <summary>Concurrency token: an edit from an older version is refused, nothing is overwritten.</summary>
    public int Version { get; set; }
}
