using Microsoft.Extensions.Logging;

namespace AnnuaireFiliere.Core.Search.Elasticsearch;

/// <summary>
/// Whether the cluster runs the queries it calls expensive: a cluster with <c>search.allow_expensive_queries:
/// false</c> refuses <c>fuzzy</c> and <c>prefix</c> queries with a 400. The first refusal is logged and
/// remembered for the life of the process: searches then go without typo tolerance and prefixes (exact words,
/// stems and synonyms still match), and <c>/health/ready</c> says so, rather than every search failing.
/// </summary>
public sealed partial class ElasticsearchExpensiveQueries(ILogger<ElasticsearchExpensiveQueries> logger)
{
    public const string Setting = "search.allow_expensive_queries";

    private int _refused;

    /// <summary>False once the cluster has refused an expensive query.</summary>
    public bool Allowed => Volatile.Read(ref _refused) == 0;

    /// <summary>Whether a failure is the cluster refusing an expensive query (and not a request it finds wrong).</summary>
    public static bool IsRefusal(ElasticsearchRequestException failure) =>
        failure is { StatusCode: 400 } && failure.Message.Contains(Setting, StringComparison.Ordinal);

    /// <summary>Remembers the refusal; logged the first time only.</summary>
    public void Refused(ElasticsearchRequestException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (Interlocked.Exchange(ref _refused, 1) == 0)
        {
            LogRefused(failure.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Elasticsearch refuses expensive queries (search.allow_expensive_queries: false): searching without typo tolerance and prefixes until the site restarts. {Reason}")]
    private partial void LogRefused(string reason);
}
