using AnnuaireFiliere.Core.Data;

namespace AnnuaireFiliere.Web.Infrastructure.Mail;

/// <summary>
/// A mailing that runs at start and then every <c>period</c>: one pass at a time in a fresh scope
/// (<see cref="RunOnceAsync"/>, which tests call directly), a failed pass logged and tried again at the next tick, a
/// clean stop on shutdown. On a farm of nodes, a tick runs its pass only where the job's lease is held
/// (<see cref="TickAsync"/>, docs/adr/0035); the passes mark what they sent, so a later pass elsewhere sends nothing twice.
/// </summary>
public abstract partial class PeriodicMailer(IServiceScopeFactory scopes, TimeSpan period, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected ILogger Logger { get; } = logger;

    /// <summary>One pass: sends the mails due now; returns how many (of what the mailer counts).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await PassAsync(scope.ServiceProvider, cancellationToken);
    }

    /// <summary>
    /// What each tick does: the pass, if this node takes (or holds) the lease of this mailer (named after its class);
    /// false, having sent nothing, when another node holds it.
    /// </summary>
    public async Task<bool> TickAsync(CancellationToken cancellationToken)
    {
        JobLeases leases;
        await using (var scope = scopes.CreateAsyncScope())
        {
            leases = scope.ServiceProvider.GetRequiredService<JobLeases>();
        }
        return await leases.RunIfHeldAsync(GetType().Name, RunOnceAsync, cancellationToken);
    }

    /// <summary>The pass itself, with the services of its scope.</summary>
    protected abstract Task<int> PassAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(period, Clock);
        do
        {
            try
            {
                await TickAsync(stoppingToken);
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
