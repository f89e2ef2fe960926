namespace AnnuaireFiliere.Core.Companies;

/// <summary>Where a réalisation is: waiting for a moderator, shown on the profile, or refused (with a reason).</summary>
public enum RealisationStatus
{
    PendingReview = 0,
    Published = 1,
    Refused = 2,
}

/// <summary>
/// A piece of past work a company shows on its profile (docs/adr/0026): a title, for what kind of client, the year, a
/// short plain text, an optional image (WebP, redrawn like the logos, with its alt text) and an optional link. Its
/// members add and edit it; a moderator approves it before it is shown. Changed only by <see cref="CompanyLifecycle"/>.
/// </summary>
public sealed class Realisation
{
    /// <summary>At most this many per company, whatever their state: a refused one is corrected or deleted.</summary>
    public const int MaxPerCompany = 6;

    public const int TitleMaxLength = 100;
    public const int TextMaxLength = 500;
    public const int ImageAltMaxLength = 150;
    public const int EarliestYear = 1950;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CompanyId { get; init; }

    public string Title { get; set; } = string.Empty;

    /// <summary>One of <see cref="ClientTypes.All"/>.</summary>
    public string ClientType { get; set; } = string.Empty;

    public int Year { get; set; }

    /// <summary>Plain text, shown as typed (no markup).</summary>
    public string? Text { get; set; }

    /// <summary>The file name of the image (under the data folder's <c>realisations</c>), or <c>null</c>.</summary>
    public string? ImageFile { get; set; }

    /// <summary>The stored image's size in pixels, for the page's <c>width</c> and <c>height</c>.</summary>
    public int? ImageWidth { get; set; }

    public int? ImageHeight { get; set; }

    /// <summary>What the image shows, for people who cannot see it; required with an image.</summary>
    public string? ImageAlt { get; set; }

    /// <summary>An absolute http(s) address, checked like the company's website.</summary>
    public string? Link { get; set; }

    /// <summary>The order on the profile (smallest first).</summary>
    public int Position { get; set; }

    public RealisationStatus Status { get; set; }

    /// <summary>The moderator's words when it was refused (shown to the company's members).</summary>
    public string? RefusalReason { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Concurrency token: two saves of the same version, the second changes nothing.</summary>
    public int Version { get; set; }
}

/// <summary>The kinds of client a réalisation was made for (labels: resource <c>Realisation.Client.{code}</c>).</summary>
public static class ClientTypes
{
    public const string Company = "entreprise";
    public const string Administration = "collectivite";
    public const string Association = "association";
    public const string Individuals = "particuliers";

    public static IReadOnlyList<string> All { get; } = [Company, Administration, Association, Individuals];
}

/// <summary>What a member typed for a réalisation (and the image it keeps or gets), before it is saved.</summary>
public sealed record RealisationDraft(string? Title, string? ClientType, int? Year, string? Text, string? Link,
    string? ImageFile, int? ImageWidth, int? ImageHeight, string? ImageAlt);

/// <summary>A rule a réalisation breaks (each has a French and English message <c>Realisation.Error.{name}</c>).</summary>
public enum RealisationProblem
{
    TitleRequired,
    TitleTooLong,
    ClientTypeUnknown,
    YearOutOfRange,
    TextTooLong,
    LinkInvalid,
    ImageAltRequired,
    ImageAltTooLong,
}

/// <summary>The rules of a réalisation, whatever its way in: the field (a <see cref="RealisationDraft"/> property) and the problem.</summary>
public static class RealisationRules
{
    public static IReadOnlyList<(string Field, RealisationProblem Problem)> Check(RealisationDraft draft, int currentYear)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var problems = new List<(string, RealisationProblem)>();
        if (string.IsNullOrWhiteSpace(draft.Title))
        {
            problems.Add((nameof(draft.Title), RealisationProblem.TitleRequired));
        }
        else if (draft.Title.Trim().Length > Realisation.TitleMaxLength)
        {
            problems.Add((nameof(draft.Title), RealisationProblem.TitleTooLong));
        }
        if (draft.ClientType is null || !ClientTypes.All.Contains(draft.ClientType))
        {
            problems.Add((nameof(draft.ClientType), RealisationProblem.ClientTypeUnknown));
        }
        if (draft.Year is not { } year || year < Realisation.EarliestYear || year > currentYear)
        {
            problems.Add((nameof(draft.Year), RealisationProblem.YearOutOfRange));
        }
        if (draft.Text is { } text && text.Trim().Length > Realisation.TextMaxLength)
        {
            problems.Add((nameof(draft.Text), RealisationProblem.TextTooLong));
        }
        if (!string.IsNullOrWhiteSpace(draft.Link) && !CompanyValidator.IsWebAddress(draft.Link.Trim()))
        {
            problems.Add((nameof(draft.Link), RealisationProblem.LinkInvalid));
        }
        if (draft.ImageFile is not null && string.IsNullOrWhiteSpace(draft.ImageAlt))
        {
            problems.Add((nameof(draft.ImageAlt), RealisationProblem.ImageAltRequired));
        }
        else if (draft.ImageAlt is { } alt && alt.Trim().Length > Realisation.ImageAltMaxLength)
        {
            problems.Add((nameof(draft.ImageAlt), RealisationProblem.ImageAltTooLong));
        }
        return problems;
    }
}
