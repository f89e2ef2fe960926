namespace AnnuaireFiliere.Web.Infrastructure.Mail;

/// <summary>
/// A mailing that runs at start and then every <c>period</c>: one pass at a time (<see cref="RunOnceAsync"/>, which
/// tests call directly), a failed pass logged and tried again at the next tick, a clean stop on shutdown.
/// </summary>
public abstract partial class PeriodicMailer(TimeSpan period, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected ILogger Logger { get; } = logger;

    /// <summary>One pass: sends the mails due now; returns how many (of what the mailer counts).</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(period, Clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception failed) when (failed is not OperationCanceledException)
            {
                LogFailed(Logger, GetType().Name, period, failed);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Mailer} failed; next try in {Period}")]
    private static partial void LogFailed(ILogger logger, string mailer, TimeSpan period, Exception exception);
}
