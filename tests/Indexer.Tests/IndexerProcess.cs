using System.Diagnostics;

namespace AnnuaireFiliere.Indexer.Tests;

/// <summary>Runs the real Indexer executable (built next to the tests) and captures what it prints.</summary>
internal static class IndexerProcess
{
    public sealed record Result(int ExitCode, string Output);

    public static Task<Result> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs the Indexer to its end with extra environment variables (configuration such as <c>Search__Provider</c>).</summary>
    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(environment, args))!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        // Spectre.Console wraps long lines to the terminal width: words are compared, not line breaks.
        return new Result(process.ExitCode, System.Text.RegularExpressions.Regex.Replace(await output + await errors, @"\s+", " "));
    }

    /// <summary>Starts the Indexer and leaves it running; its output is collected in <paramref name="output"/>.</summary>
    public static Process Start(System.Text.StringBuilder output, params string[] args) => Start(output, new Dictionary<string, string>(), args);

    public static Process Start(System.Text.StringBuilder output, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var process = Process.Start(StartInfo(environment, args))!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AnnuaireFiliere.Indexer.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["LANG"] = "C.UTF-8";
        start.Environment["NO_COLOR"] = "1";
        start.Environment["COLUMNS"] = "200";
        // On PostgreSQL, the database of the folder given with --data (the caller's settings win).
        var data = args.Select((arg, i) => (arg, i)).Where(a => a.arg == "--data" && a.i + 1 < args.Length).Select(a => args[a.i + 1]).FirstOrDefault();
        foreach (var (name, value) in data is null ? new Dictionary<string, string>() : DataFolder.Environment(data))
        {
            start.Environment[name] = value;
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        return start;
    }
}
