using System.Diagnostics;

namespace AnnuaireFiliere.Indexer.Tests;

/// <summary>Runs the real Indexer executable (built next to the tests) and captures what it prints.</summary>
internal static class IndexerProcess
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(params string[] args)
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
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        // Spectre.Console wraps long lines to the terminal width: words are compared, not line breaks.
        return new Result(process.ExitCode, System.Text.RegularExpressions.Regex.Replace(await output + await errors, @"\s+", " "));
    }
}
