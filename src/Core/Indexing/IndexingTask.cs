namespace AnnuaireFiliere.Core.Indexing;

/// <summary>
/// One row of the indexing task log (outbox): a change to a company that affects what search shows.
/// Written by <see cref="Data.AppDbContext"/> in the same transaction as the change; the indexer reads the
/// log after its cursor (<see cref="Id"/>, strictly increasing).
/// </summary>
public sealed class IndexingTask
{
    public long Id { get; init; }
    public Guid CompanyId { get; init; }
    public IndexingTaskReason Reason { get; init; }

    /// <summary>The company's <see cref="Companies.Company.Version"/> after the change.</summary>
    public int CompanyVersion { get; init; }
    public DateTime CreatedAt { get; init; }
}

public enum IndexingTaskReason
{
    Created = 0,
    Updated = 1,
    Published = 2,
    Unpublished = 3,
    Deleted = 4,
}
