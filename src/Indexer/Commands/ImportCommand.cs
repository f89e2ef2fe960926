using System.Diagnostics;
using System.Globalization;
using System.Text;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Import;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AnnuaireFiliere.Indexer.Commands;

internal sealed class ImportSettings : IndexerSettings
{
    [CommandArgument(0, "<FILE>")]
    [LocalizedDescription(nameof(CliText.FileArgument))]
    public string File { get; init; } = string.Empty;

    [CommandOption("--format <FORMAT>")]
    [LocalizedDescription(nameof(CliText.FormatOption))]
    public string? Format { get; init; }

    [CommandOption("--dry-run")]
    [LocalizedDescription(nameof(CliText.DryRunOption))]
    public bool DryRun { get; init; }

    [CommandOption("--report <CSV>")]
    [LocalizedDescription(nameof(CliText.ReportOption))]
    public string? Report { get; init; }

    public ImportFormat ParsedFormat => Format?.ToLowerInvariant() switch
    {
        "gabarit" => ImportFormat.Gabarit,
        "ridet" => ImportFormat.Ridet,
        _ => ImportFormat.Auto,
    };

    public override ValidationResult Validate() =>
        Format is not null && ParsedFormat == ImportFormat.Auto ? ValidationResult.Error(CliText.FormatInvalid)
        : ValidationResult.Success();
}

/// <summary><c>import &lt;file&gt;</c>: the template or the register extract, with a per-row report.</summary>
internal sealed class ImportCommand : AsyncCommand<ImportSettings>
{
    private const int RejectedShown = 20;

    public override async Task<int> ExecuteAsync(CommandContext context, ImportSettings settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.File))
        {
            IndexerCli.Say("red", CliText.FileNotFound, settings.File);
            return ExitCodes.InvalidArguments;
        }
        using var host = settings.CreateHostBuilder().Build();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        var importer = scope.ServiceProvider.GetRequiredService<ImportService>();
        var options = new ImportOptions { Format = settings.ParsedFormat, DryRun = settings.DryRun, Actor = new Actor(null, "import (Indexer)") };
        var stopwatch = Stopwatch.StartNew();
        ImportReport report = null!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                await using var stream = File.OpenRead(settings.File);
                var task = progress.AddTask(CliText.Importing, maxValue: Math.Max(1, stream.Length));
                // Bytes read is the honest measure of progress: the number of rows is unknown until the end.
                report = await importer.ImportAsync(stream, Path.GetFileName(settings.File), options,
                    new ReadProgress(() => task.Value = Math.Min(stream.Position, stream.Length)), cancellationToken);
                task.Value = task.MaxValue;
            });
        if (report.FileError is not null)
        {
            IndexerCli.Say("red", CliText.ImportFileRefused, report.FileError);
            return ExitCodes.InvalidArguments;
        }

        var table = new Table().AddColumn(CliText.ImportOutcome).AddColumn(new TableColumn(CliText.ImportRows).RightAligned());
        foreach (var (label, outcome) in new[]
        {
            (CliText.ImportCreated, ImportOutcome.Created), (CliText.ImportUpdated, ImportOutcome.Updated),
            (CliText.ImportUnchanged, ImportOutcome.Unchanged), (CliText.ImportRejected, ImportOutcome.Rejected),
            (CliText.ImportSkipped, ImportOutcome.Skipped),
        })
        {
            table.AddRow(Markup.Escape(label), report.Count(outcome).ToString("N0", CultureInfo.CurrentCulture));
        }
        AnsiConsole.Write(table);
        var rejected = report.Rows.Where(r => r.Outcome == ImportOutcome.Rejected).Take(RejectedShown).ToList();
        if (rejected.Count > 0)
        {
            IndexerCli.Say("yellow", CliText.ImportFirstRejected);
            foreach (var row in rejected)
            {
                IndexerCli.Say("yellow", CliText.ImportRowReason, row.Row, row.Ridet ?? row.Name ?? "?", row.Reason ?? string.Empty);
            }
        }
        if (settings.Report is not null)
        {
            await WriteReportAsync(settings.Report, report, cancellationToken);
            IndexerCli.Say("green", CliText.ImportReportWritten, settings.Report);
        }
        if (settings.DryRun)
        {
            IndexerCli.Say("blue", CliText.ImportDryRun);
        }
        var seconds = Math.Max(stopwatch.Elapsed.TotalSeconds, 0.001);
        IndexerCli.Say("green", CliText.ImportDone, report.Rows.Count, seconds, report.Rows.Count / seconds);
        return ExitCodes.Success;
    }

    /// <summary>The full report for French Excel: <c>;</c>-separated, UTF-8 with BOM.</summary>
    private static async Task WriteReportAsync(string path, ImportReport report, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";" });
        foreach (var header in new[] { "ligne", "ridet", "nom", "resultat", "motif" })
        {
            csv.WriteField(header);
        }
        await csv.NextRecordAsync();
        foreach (var row in report.Rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            csv.WriteField(row.Row);
            csv.WriteField(row.Ridet);
            csv.WriteField(row.Name);
            csv.WriteField(OutcomeLabel(row.Outcome));
            csv.WriteField(row.Reason);
            await csv.NextRecordAsync();
        }
    }

    private static string OutcomeLabel(ImportOutcome outcome) => outcome switch
    {
        ImportOutcome.Created => "créée",
        ImportOutcome.Updated => "mise à jour",
        ImportOutcome.Unchanged => "inchangée",
        ImportOutcome.Rejected => "rejetée",
        _ => "ignorée",
    };
}

/// <summary>Reports at once on the caller's thread (<see cref="Progress{T}"/> posts later, maybe after the file is closed).</summary>
internal sealed class ReadProgress(Action update) : IProgress<int>
{
    public void Report(int value) => update();
}
