using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace AnnuaireFiliere.Core.Indexing;

/// <summary>
/// The indexing loop: wakes on <see cref="IndexingSignal"/> (a save wrote tasks) or every poll interval, and
/// consumes the task log. A failure is retried with exponential backoff (up to a minute between tries), never skipped.
/// </summary>
public sealed partial class IndexingService(IndexingPipeline pipeline, IndexingSignal signal, IOptions<IndexingOptions> options, ILogger<IndexingService> logger)
    : BackgroundService
{
    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromMinutes(1),
            OnRetry = args =>
            {
                LogRetrying(logger, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _retry.ExecuteAsync(async token => await pipeline.CatchUpAsync(token), stoppingToken);
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indexing failed; try {Attempt} in {Delay}")]
    private static partial void LogRetrying(ILogger logger, int attempt, TimeSpan delay, Exception? exception);
}
