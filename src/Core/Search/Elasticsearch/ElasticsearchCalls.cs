using System.Net.Sockets;
using System.Text.Json;
using Elastic.Transport;
using Elastic.Transport.Products.Elasticsearch;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace AnnuaireFiliere.Core.Search.Elasticsearch;

/// <summary>
/// Elasticsearch did not do what was asked: <see cref="IsTransient"/> when trying again later may work (no answer,
/// 429, 5xx, an unreadable answer), otherwise the request itself is wrong.
/// </summary>
public sealed class ElasticsearchRequestException : Exception
{
    public ElasticsearchRequestException()
    {
    }

    public ElasticsearchRequestException(string message)
        : base(message)
    {
    }

    public ElasticsearchRequestException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public ElasticsearchRequestException(string message, int? statusCode, bool isTransient, Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        IsTransient = isTransient;
    }

    /// <summary>The HTTP status of the answer; null when there was none (connection refused, timeout).</summary>
    public int? StatusCode { get; }
    public bool IsTransient { get; }
}

/// <summary>Checks answers and retries writes: one place for what counts as a failure and what is worth retrying.</summary>
public static partial class ElasticsearchCalls
{
    /// <summary>The answer when it is valid; else an <see cref="ElasticsearchRequestException"/> saying what happened.</summary>
    /// <param name="accept">An answer the client deems invalid but the caller reads itself (a bulk answer with item errors).</param>
    public static T Ensure<T>(T response, string what, Func<T, bool>? accept = null)
        where T : ElasticsearchResponse
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsValidResponse || accept?.Invoke(response) == true)
        {
            return response;
        }
        var details = response.ApiCallDetails;
        var status = details?.HttpStatusCode;
        response.TryGetOriginalException(out var original);
        var reason = response.ElasticsearchServerError?.Error is { } error ? Reason(error) : original?.Message ?? "no details";
        var transient = status is null or 429 or >= 500 || (status is >= 200 and < 300);
        var answer = status is null ? "did not answer" : $"answered {status}";
        throw new ElasticsearchRequestException($"Elasticsearch {answer} to {what} ({reason}).", status, transient, original);
    }

    /// <summary>
    /// The error and its root causes: "all shards failed" says little, the shard's cause says what was refused
    /// (a query the cluster's settings forbid, a field that does not exist).
    /// </summary>
    private static string Reason(Error error)
    {
        var causes = (error.RootCause ?? []).Select(c => $"{c.Type}: {c.Reason}").Distinct(StringComparer.Ordinal).ToList();
        var top = $"{error.Type}: {error.Reason}";
        return causes.Count == 0 || causes is [var only] && only == top ? top : $"{top}; {string.Join("; ", causes)}";
    }

    /// <summary>
    /// Runs one call; an exception of the transport (an answer it could not read, a connection lost mid-way)
    /// becomes a transient <see cref="ElasticsearchRequestException"/> naming the call.
    /// </summary>
    public static async Task<T> CallAsync<T>(Func<Task<T>> call, string what, Func<T, bool>? accept = null)
        where T : ElasticsearchResponse
    {
        ArgumentNullException.ThrowIfNull(call);
        T response;
        try
        {
            response = await call();
        }
        catch (Exception exception) when (exception is TransportException or JsonException or HttpRequestException or IOException)
        {
            throw new ElasticsearchRequestException($"Elasticsearch gave no usable answer to {what} ({exception.Message}).", null, isTransient: true, exception);
        }
        return Ensure(response, what, accept);
    }

    /// <summary>Whether an exception is worth retrying: the cluster was unreachable, overloaded or failing.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        ElasticsearchRequestException request => request.IsTransient,
        HttpRequestException or SocketException or TimeoutException => true,
        _ => false,
    };

    /// <summary>
    /// Retries of one write on transient failures, with exponential backoff and jitter. Writes are idempotent
    /// (external versions, deletes by id), so a write repeated after a lost answer does no harm.
    /// </summary>
    public static ResiliencePipeline WriteRetries(ElasticsearchOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ResiliencePipelineBuilder();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                OnRetry = args =>
                {
                    LogRetry(logger, args.AttemptNumber + 1, options.MaxRetries, args.RetryDelay, args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            });
        }
        return builder.Build();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Elasticsearch write failed, retry {Attempt} of {MaxAttempts} in {Delay}: {Reason}")]
    private static partial void LogRetry(ILogger logger, int attempt, int maxAttempts, TimeSpan delay, string? reason);
}
