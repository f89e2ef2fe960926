using System.Diagnostics;
using System.Text.RegularExpressions;

namespace AnnuaireFiliere.CrashTrials;

/// <summary>
/// A real child process (<c>dotnet some.dll …</c>) whose output lines are collected as they come; it is ended only by
/// <see cref="Process.Kill(bool)"/> (SIGKILL on Linux, the whole tree), never asked to stop.
/// </summary>
internal sealed class Victim : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private Victim(Process process) => _process = process;

    /// <summary>Milliseconds since the start.</summary>
    public double ElapsedMs => _clock.Elapsed.TotalMilliseconds;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The lines printed so far (standard output and error, in arrival order).</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public string Output => Regex.Replace(string.Join('\n', Lines), @"\s+", " ");

    public static Victim Start(string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["LANG"] = "C.UTF-8";
        start.Environment["NO_COLOR"] = "1";
        start.Environment["COLUMNS"] = "200";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__AnnuaireFiliere"] = "Warning";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {dll}");
        var victim = new Victim(process);
        process.OutputDataReceived += (_, e) => victim.Add(e.Data);
        process.ErrorDataReceived += (_, e) => victim.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return victim;
    }

    /// <summary>
    /// Waits <paramref name="delay"/> (or less, if the process ends first), then kills it. True when it was killed, false
    /// when it had ended on its own before.
    /// </summary>
    public async Task<bool> KillAfterAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(delay);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // the delay is over and it still runs: the point of the trial
            }
        }
        var killed = false;
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
                killed = true;
            }
            catch (InvalidOperationException)
            {
                // it ended between the check and the kill
            }
        }
        await _process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return killed;
    }

    /// <summary>Waits for the end (bounded: past <paramref name="timeout"/> it is killed and this throws).</summary>
    public async Task<int> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (await KillAfterAsync(timeout, cancellationToken))
        {
            throw new TimeoutException($"{_process.StartInfo.ArgumentList.Skip(1).FirstOrDefault()} did not end within {timeout.TotalSeconds:0} s: {Output}");
        }
        return _process.ExitCode;
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_lines)
        {
            _lines.Add(line);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
        }
        _process.Dispose();
    }
}
