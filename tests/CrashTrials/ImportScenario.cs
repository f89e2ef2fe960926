using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AnnuaireFiliere.CrashTrials;

/// <summary>
/// B. <c>Indexer import</c> of a 10,000-row template file (docs/IMPORT.md) killed at random moments (spread over
/// the time a whole import takes, measured first). After each kill: integrity, the index equal to the published
/// companies after a catch-up, then the same import run again to its end: its created, updated and unchanged rows
/// add up to the file's rows (none rejected), each RIDET of the file is one company, and every row's company is there.
/// </summary>
internal sealed class ImportScenario : CrashScenario
{
    public const int Rows = 10_000;
    private double _fullMs;
    private string _file = string.Empty;
    private HashSet<string> _ridets = [];

    public override string Name => "indexer-import";

    public override string ProgressUnit => "rows committed";

    /// <summary>Each trial imports twice (killed, then to the end) and takes several times as long: a smaller share.</summary>
    public override double Weight => 0.3;

    public override async Task PrepareAsync(TrialContext context, CancellationToken cancellationToken)
    {
        _file = Path.Combine(context.WorkRoot, "import-10000.csv");
        _ridets = WriteTemplateFile(_file);
        var data = context.FreshData(Name, 0);
        var full = await Tools.IndexerAsync(cancellationToken, "import", _file, "--data", data);
        _fullMs = full.ExitCode == 0 ? full.Milliseconds : throw new InvalidOperationException(full.Output);
        Tools.TryDelete(data);
    }

    public override async Task<TrialOutcome> RunTrialAsync(TrialContext context, int trial, Random random, CancellationToken cancellationToken)
    {
        var data = context.FreshData(Name, trial);
        var existing = FileCompanies(data);
        using var victim = Victim.Start(Builds.IndexerDll, ["import", _file, "--data", data]);
        var killed = await victim.KillAfterAsync(Delay(random, 200, _fullMs * 1.1), cancellationToken);
        var victimMs = victim.ElapsedMs;
        var committed = FileCompanies(data) - existing;
        var phase = !killed ? "ended by itself" : committed == 0 ? "killed before the first batch" : committed < Rows ? "killed between batches" : "killed after the last batch";

        var checks = Stopwatch.StartNew();
        var violations = new List<string>();
        if (!killed && victim.ExitCode != 0)
        {
            violations.Add($"import failed ({victim.ExitCode}): {Tail(victim.Output)}");
        }
        await CheckDatabaseAndIndexAsync(context, data, violations, cancellationToken);

        var report = Path.Combine(data, "rapport.csv");
        var again = await Tools.IndexerAsync(cancellationToken, "import", _file, "--data", data, "--report", report);
        if (again.ExitCode != 0)
        {
            violations.Add($"import run again failed ({again.ExitCode}): {Tail(again.Output)}");
        }
        else
        {
            var outcomes = File.ReadLines(report).Skip(1).Select(line => line.Split(';')[3]).GroupBy(o => o).ToDictionary(g => g.Key, g => g.Count());
            var accounted = outcomes.GetValueOrDefault("créée") + outcomes.GetValueOrDefault("mise à jour") + outcomes.GetValueOrDefault("inchangée");
            if (accounted != Rows)
            {
                violations.Add($"import run again: created + updated + unchanged = {accounted}, not {Rows} ({string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}"))})");
            }
        }
        var duplicates = Tools.Rows(data, "SELECT Ridet, COUNT(*) FROM Companies WHERE Ridet IS NOT NULL GROUP BY Ridet HAVING COUNT(*) > 1", r => r.GetString(0))
            .Where(_ridets.Contains).ToList();
        if (duplicates.Count > 0)
        {
            violations.Add($"{duplicates.Count} RIDET of the file held by several companies, e.g. {duplicates[0]}");
        }
        var present = FileCompanies(data);
        if (present != Rows)
        {
            violations.Add($"{present} of the file's {Rows} companies in the database after the import ran again");
        }
        return new TrialOutcome(phase, committed, killed, victimMs, checks.Elapsed.TotalMilliseconds, violations);
    }

    /// <summary>How many of the file's RIDETs have a company.</summary>
    private int FileCompanies(string data) =>
        Tools.Rows(data, "SELECT DISTINCT Ridet FROM Companies WHERE Ridet IS NOT NULL", r => r.GetString(0)).Count(_ridets.Contains);

    /// <summary>A valid template file (the columns of docs/import/exemple-gabarit.csv): <see cref="Rows"/> companies, RIDETs 8000000 and up.</summary>
    private static HashSet<string> WriteTemplateFile(string path)
    {
        string[] activities = ["A0405", "A0501", "A0504", "A0601", "A0505"];
        string[] communes = ["Nouméa", "Dumbéa", "Koné", "Lifou"];
        var ridets = new HashSet<string>(StringComparer.Ordinal);
        var text = new StringBuilder("ridet;raison_sociale;nom_commercial;sigle;forme_juridique;annee_creation;tranche_effectif;activite_principale;activites_secondaires;commune;adresse;code_postal;site_web;courriel;telephones;description;services;competences;labels;langues;vente_boutique_en_ligne;vente_places_de_marche;paiement_en_ligne;livraison_territoire;livraison_iles;b2b;b2c\n");
        for (var row = 0; row < Rows; row++)
        {
            var ridet = (8_000_000 + row).ToString(CultureInfo.InvariantCulture);
            ridets.Add(ridet);
            text.Append(CultureInfo.InvariantCulture,
                $"{ridet};Essai de panne {row} SARL;;;SARL;{2000 + (row % 25)};01;{activities[row % activities.Length]};;{communes[row % communes.Length]};{row} rue des Essais;;;;;Entreprise numéro {row} du fichier des essais de panne.;Sites web|Assistance;C#;;fr;non;non;non;oui;non;oui;non\n");
        }
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return ridets;
    }
}
