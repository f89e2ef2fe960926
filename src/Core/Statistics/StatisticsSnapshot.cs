namespace AnnuaireFiliere.Core.Statistics;

public enum SnapshotKind
{
    /// <summary>Taken by the schedule on the first day of each month.</summary>
    Monthly = 0,

    /// <summary>Taken by an analyst or the <c>snapshot</c> command.</summary>
    OnDemand = 1,
}

/// <summary>
/// The directory frozen at one moment for time series and "compare two dates": every company's facts (all
/// statuses, no names or contacts), so that any segment can be counted as it was.
/// </summary>
public sealed class StatisticsSnapshot
{
    public const int LabelMaxLength = 120;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public DateTime TakenAt { get; init; }

    public SnapshotKind Kind { get; init; }

    /// <summary>Who asked for it (an account's email or "indexer"), null for the schedule.</summary>
    public string? TakenBy { get; init; }

    public string? Label { get; init; }

    /// <summary>How many companies (all statuses) and how many published ones it holds.</summary>
    public int Companies { get; init; }
    public int Published { get; init; }

    /// <summary><see cref="FactsCodec"/> encoding of the facts.</summary>
    public required byte[] Facts { get; init; }
}
