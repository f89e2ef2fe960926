namespace AnnuaireFiliere.CrashTrials;

/// <summary>
/// What one trial found: how far the victim got when it was killed (<see cref="Progress"/> in the scenario's
/// <see cref="CrashScenario.ProgressUnit"/>, and a <see cref="Phase"/>), the invariants it broke, and its timings.
/// </summary>
public sealed record TrialOutcome(string Phase, double Progress, bool Killed, double VictimMs, double CheckMs, IReadOnlyList<string> Violations);

/// <summary>Shared by the trials of a run: the work folder and a seeded data folder with its index (copied per trial).</summary>
public sealed class TrialContext(string workRoot, string template, int templateCompanies, bool verifyWithIndexer)
{
    /// <summary>Whether the index is verified by the Indexer's <c>verify</c> process, or by the same calls in the harness's process (faster).</summary>
    public bool VerifyWithIndexer { get; } = verifyWithIndexer;

    public string WorkRoot { get; } = workRoot;

    /// <summary>A data folder with <see cref="TemplateCompanies"/> demo companies and their index, never written by a trial.</summary>
    public string Template { get; } = template;

    public int TemplateCompanies { get; } = templateCompanies;

    /// <summary>A fresh copy of the template for one trial.</summary>
    public string FreshData(string scenario, int trial)
    {
        var data = Path.Combine(WorkRoot, $"{scenario}-{trial:000}");
        Tools.TryDelete(data);
        Tools.Copy(Template, data);
        return data;
    }
}

/// <summary>One kind of victim, killed at random moments, and the invariants checked after each kill.</summary>
public abstract class CrashScenario
{
    /// <summary>Short name (command line, report).</summary>
    public abstract string Name { get; }

    /// <summary>What <see cref="TrialOutcome.Progress"/> counts.</summary>
    public abstract string ProgressUnit { get; }

    /// <summary>Relative share of a run's trials (the slow scenarios get fewer).</summary>
    public virtual double Weight => 1;

    /// <summary>Once per run, before the trials (e.g. a full run timed, to spread the kills over it).</summary>
    public virtual Task PrepareAsync(TrialContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract Task<TrialOutcome> RunTrialAsync(TrialContext context, int trial, Random random, CancellationToken cancellationToken);

    /// <summary>
    /// Kills <paramref name="victim"/> at a random moment: mostly within <paramref name="window"/> ms after it printed
    /// <paramref name="ready"/> (its start-up done), sometimes (one in five) during its start-up. With
    /// <paramref name="busy"/>, half the kills come within the window after that mark instead (e.g. its first
    /// acknowledged save: a slow machine's first one can take longer than the window). True when killed.
    /// </summary>
    private protected static async Task<bool> KillAtRandomAsync(Victim victim, Random random, string ready, double window, CancellationToken cancellationToken,
        string? busy = null)
    {
        ArgumentNullException.ThrowIfNull(victim);
        ArgumentNullException.ThrowIfNull(random);
        var draw = random.NextDouble();
        if (draw < 0.2)
        {
            return await victim.KillAfterAsync(Delay(random, 50, 1500), cancellationToken);
        }
        if (busy is not null && draw >= 0.5)
        {
            ready = busy;
        }
        // Bounded: a victim that never gets ready is killed after a minute like any other.
        for (var waited = 0; waited < 60_000 && !victim.HasExited && !victim.Lines.Any(l => l.Contains(ready, StringComparison.Ordinal)); waited += 20)
        {
            await Task.Delay(20, cancellationToken);
        }
        return await victim.KillAfterAsync(Delay(random, 0, window), cancellationToken);
    }

    /// <summary>A uniform random delay in [<paramref name="min"/>, <paramref name="max"/>] milliseconds.</summary>
    protected static TimeSpan Delay(Random random, double min, double max) =>
        TimeSpan.FromMilliseconds(min + (random.NextDouble() * (max - min)));

    /// <summary>
    /// The checks every scenario on the database makes: SQLite's own, then the index against the published companies
    /// after a catch-up (<c>Indexer verify</c>, or its same calls in this process: <see cref="CoreServices.VerifyAsync"/>).
    /// </summary>
    protected static async Task CheckDatabaseAndIndexAsync(TrialContext context, string data, List<string> violations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var integrity = Tools.IntegrityCheck(data);
        if (integrity != "ok")
        {
            violations.Add($"integrity_check: {integrity}");
        }
        if (context.VerifyWithIndexer)
        {
            var verify = await Tools.IndexerAsync(cancellationToken, "verify", "--data", data);
            if (verify.ExitCode != 0)
            {
                violations.Add($"verify after catch-up exited {verify.ExitCode}: {Tail(verify.Output)}");
            }
            return;
        }
        try
        {
            var report = await CoreServices.VerifyAsync(data, cancellationToken);
            if (!report.InSync)
            {
                violations.Add($"index after catch-up: {report.Missing.Count} missing, {report.Extra.Count} extra, {report.Stale.Count} stale of {report.Published} published");
            }
        }
        catch (Exception failed) when (failed is not OperationCanceledException)
        {
            violations.Add($"verify after catch-up failed: {failed.GetType().Name}: {failed.Message}");
        }
    }

    protected static string Tail(string text, int length = 400) => text.Length <= length ? text : "…" + text[^length..];
}
