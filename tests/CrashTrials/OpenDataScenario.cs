using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace AnnuaireFiliere.CrashTrials;

/// <summary>
/// C. The daily open-data extract: this project's <c>worker open-data</c> runs the site's own <c>OpenDataStore</c> and
/// <c>OpenDataWriter</c> (written into a hidden folder, then renamed to its date), one day after another, and is
/// killed at random moments; one data folder for all the trials, so leftovers of a kill meet the next start.
/// After each kill: the extract the site would serve (the newest dated folder) and every extract reported written
/// (and not pruned since) is complete: four files, each CSV and JSON whole (as many companies as the descriptor
/// says), each gzip copy equal to its file.
/// </summary>
internal sealed class OpenDataScenario : CrashScenario
{
    private const int Keep = 3;
    private string _data = string.Empty;
    private static readonly string[] Files = ["entreprises.csv", "entreprises.json", "typologie.csv", "datapackage.json"];

    public override string Name => "open-data";

    public override string ProgressUnit => "extracts written";

    public override Task PrepareAsync(TrialContext context, CancellationToken cancellationToken)
    {
        _data = context.FreshData(Name, 0);
        return Task.CompletedTask;
    }

    public override async Task<TrialOutcome> RunTrialAsync(TrialContext context, int trial, Random random, CancellationToken cancellationToken)
    {
        var root = Path.Combine(_data, "donnees");
        var before = Leftovers(root);
        var start = Dated(root).Select(d => d.Date).DefaultIfEmpty(new DateOnly(2026, 1, 1)).Max().AddDays(1);
        using var victim = Victim.Start(Builds.WorkerDll, ["worker", "open-data", "--data", _data, "--start", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--keep", Keep.ToString(CultureInfo.InvariantCulture)]);
        var killed = await KillAtRandomAsync(victim, random, "READY", 5000, cancellationToken);
        var victimMs = victim.ElapsedMs;
        var written = victim.Lines.Where(l => l.StartsWith("WROTE ", StringComparison.Ordinal)).Select(l => DateOnly.ParseExact(l[6..], "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        // A hidden folder that was not there before the start is an extract the kill interrupted.
        var interrupted = Leftovers(root).Except(before).Any();
        var phase = !killed ? "ended by itself" : interrupted ? "killed while writing" : written.Count > 0 ? "killed between extracts" : "killed before the first";

        var checks = Stopwatch.StartNew();
        var violations = new List<string>();
        var dated = Dated(root);
        if (dated.Count > 0)
        {
            var served = dated.MaxBy(d => d.Date);
            violations.AddRange(Incomplete(served.Path).Select(p => $"served extract {served.Date:yyyy-MM-dd}: {p}"));
        }
        var kept = dated.OrderByDescending(d => d.Date).Take(Keep).ToDictionary(d => d.Date, d => d.Path);
        var newestKept = kept.Count == 0 ? DateOnly.MinValue : kept.Keys.Min();
        foreach (var date in written.Where(d => d >= newestKept))
        {
            if (!kept.TryGetValue(date, out var path))
            {
                violations.Add($"extract {date:yyyy-MM-dd} reported written is missing");
            }
            else if (date != dated.MaxBy(d => d.Date).Date)
            {
                violations.AddRange(Incomplete(path).Select(p => $"extract {date:yyyy-MM-dd}: {p}"));
            }
        }
        return new TrialOutcome(phase, written.Count, killed, victimMs, checks.Elapsed.TotalMilliseconds, violations);
    }

    private static HashSet<string> Leftovers(string root) =>
        Directory.Exists(root) ? [.. Directory.EnumerateDirectories(root, ".tmp-*").Select(Path.GetFileName).OfType<string>()] : [];

    private static List<(DateOnly Date, string Path)> Dated(string root) =>
        !Directory.Exists(root) ? []
        : [.. Directory.EnumerateDirectories(root)
            .Select(path => (Ok: DateOnly.TryParseExact(Path.GetFileName(path), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date), Date: date, Path: path))
            .Where(d => d.Ok).Select(d => (d.Date, d.Path))];

    /// <summary>What is wrong with an extract folder (nothing when it is complete).</summary>
    private static List<string> Incomplete(string folder)
    {
        var problems = new List<string>();
        foreach (var file in Files.SelectMany(f => new[] { f, f + ".gz" }))
        {
            if (!File.Exists(Path.Combine(folder, file)))
            {
                problems.Add($"{file} missing");
            }
        }
        if (problems.Count > 0)
        {
            return problems;
        }
        try
        {
            using var descriptor = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "datapackage.json")));
            var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "entreprises.json")));
            var jsonCount = json.RootElement.GetArrayLength();
            json.Dispose();
            using var reader = new StreamReader(Path.Combine(folder, "entreprises.csv"));
            using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = true });
            var csvCount = -1;   // the header
            while (csv.Read())
            {
                csvCount++;
            }
            if (csvCount != jsonCount)
            {
                problems.Add($"entreprises.csv has {csvCount} companies, entreprises.json {jsonCount}");
            }
            foreach (var file in Files)
            {
                using var gzip = new GZipStream(File.OpenRead(Path.Combine(folder, file + ".gz")), CompressionMode.Decompress);
                using var copy = new MemoryStream();
                gzip.CopyTo(copy);
                if (!copy.ToArray().AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(folder, file))))
                {
                    problems.Add($"{file}.gz differs from {file}");
                }
            }
        }
        catch (Exception broken) when (broken is JsonException or IOException or InvalidDataException or CsvHelperException)
        {
            problems.Add($"unreadable: {broken.Message}");
        }
        return problems;
    }
}
