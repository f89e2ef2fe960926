using System.Diagnostics;
using System.Diagnostics.Metrics;
using AnnuaireFiliere.Core.Diagnostics;

namespace AnnuaireFiliere.Core.Search;

/// <summary>
/// Traces and times every call to the search engine, whichever it is: a <c>search</c>, <c>suggest</c> or
/// <c>match</c> span, and the <c>annuaire.search.duration</c> histogram by operation and engine.
/// </summary>
internal sealed class InstrumentedSearch : ICompanySearch
{
    private readonly ICompanySearch _engine;
    private readonly string _engineName;
    private readonly Histogram<double> _duration;

    public InstrumentedSearch(ICompanySearch engine, string engineName, IMeterFactory meters)
    {
        _engine = engine;
        _engineName = engineName;
        _duration = meters.Create(DirectoryTelemetry.Name).CreateHistogram<double>(
            "annuaire.search.duration", unit: "s", description: "Time the search engine takes to answer.");
    }

    public Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default) =>
        TimedAsync("search", () => _engine.SearchAsync(request, cancellationToken), (activity, result) => activity.SetTag("annuaire.search.total", result.Total));

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(string? prefix, int max = 10, CancellationToken cancellationToken = default) =>
        TimedAsync("suggest", () => _engine.SuggestAsync(prefix, max, cancellationToken), (activity, result) => activity.SetTag("annuaire.search.total", result.Count));

    public Task<IReadOnlySet<Guid>> MatchingIdsAsync(string text, CancellationToken cancellationToken = default) =>
        TimedAsync("match", () => _engine.MatchingIdsAsync(text, cancellationToken), (activity, result) => activity.SetTag("annuaire.search.total", result.Count));

    private async Task<T> TimedAsync<T>(string operation, Func<Task<T>> call, Action<Activity, T> describe)
    {
        using var activity = DirectoryTelemetry.Source.StartActivity(operation, ActivityKind.Client);
        activity?.SetTag("db.system.name", _engineName);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await call();
            if (activity is not null)
            {
                describe(activity, result);
            }
            return result;
        }
        catch (Exception exception) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
        finally
        {
            _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("engine", _engineName));
        }
    }
}
