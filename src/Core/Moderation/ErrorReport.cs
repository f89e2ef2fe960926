namespace AnnuaireFiliere.Core.Moderation;

public enum ErrorReportStatus
{
    Open = 0,
    Resolved = 1,
    Dismissed = 2,
}

/// <summary>
/// "Signaler une erreur": a visitor's note that something on a public profile is wrong, queued for the
/// moderators. The reporter's email is optional and only used to answer them.
/// </summary>
public sealed class ErrorReport
{
    public const int MessageMinLength = 10;
    public const int MessageMaxLength = 2000;
    public const int EmailMaxLength = 254;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CompanyId { get; init; }

    public required string Message { get; init; }

    public string? ReporterEmail { get; init; }

    /// <summary>The page language of the reporter, to answer in it (<c>fr</c> or <c>en</c>).</summary>
    public string Language { get; init; } = "fr";

    public ErrorReportStatus Status { get; set; } = ErrorReportStatus.Open;

    public DateTime CreatedAt { get; init; }

    public DateTime? HandledAt { get; set; }
}
