using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Statistics;

/// <summary>
/// The figures of any segment of the directory today: the segment's filters are applied to the companies' facts
/// (<see cref="CompanyFactsSource"/>) with the search's semantics, its text by the search engine (which holds the
/// published companies only, so a text segment counts published companies, for analysts too).
/// </summary>
public sealed class StatisticsService(CompanyFactsSource facts, ICompanySearch search, TaxonomyCatalog taxonomy, TimeProvider clock)
{
    public async Task<StatisticsReport> ComputeAsync(SearchRequest segment, StatisticsAudience audience, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var current = await facts.CurrentAsync(cancellationToken);
        var matches = await TextMatchesAsync(segment, cancellationToken);
        return StatisticsCalculator.Compute(current.All, segment, audience, clock.GetUtcNow().UtcDateTime, taxonomy, matches);
    }

    /// <summary>The companies the segment's text matches, or null when it has none.</summary>
    public async Task<IReadOnlySet<Guid>?> TextMatchesAsync(SearchRequest segment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return string.IsNullOrWhiteSpace(segment.Text) ? null : await search.MatchingIdsAsync(segment.Text, cancellationToken);
    }
}
