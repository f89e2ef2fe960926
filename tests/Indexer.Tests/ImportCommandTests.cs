using System.Text;

namespace AnnuaireFiliere.Indexer.Tests;

public sealed class ImportCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "annuaire-indexer-tests", Guid.NewGuid().ToString("N"));

    private static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "import", name);

    [Fact]
    public async Task Template_example_dry_run_then_import_then_reimport_unchanged()
    {
        var dry = await IndexerProcess.RunAsync("import", Example("exemple-gabarit.csv"), "--dry-run", "--data", _data);
        Assert.Equal(ExitCodes.Success, dry.ExitCode);
        Assert.Contains("Simulation : rien n'a été écrit", dry.Output, StringComparison.Ordinal);
        Assert.Contains("Créées │ 5", dry.Output, StringComparison.Ordinal);
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM Companies"));

        var import = await IndexerProcess.RunAsync("import", Example("exemple-gabarit.csv"), "--data", _data);
        Assert.Equal(ExitCodes.Success, import.ExitCode);
        Assert.Contains("Créées │ 5", import.Output, StringComparison.Ordinal);
        Assert.Equal(5L, Scalar("SELECT COUNT(*) FROM Companies WHERE Status = 'Published'"));
        Assert.Equal(5L, Scalar("SELECT COUNT(*) FROM IndexingTasks"));

        var report = Path.Combine(_data, "rapport.csv");
        var again = await IndexerProcess.RunAsync("import", Example("exemple-gabarit.csv"), "--report", report, "--data", _data);
        Assert.Equal(ExitCodes.Success, again.ExitCode);
        Assert.Contains("Inchangées │ 5", again.Output, StringComparison.Ordinal);
        Assert.Equal(5L, Scalar("SELECT COUNT(*) FROM IndexingTasks"));
        var lines = await File.ReadAllLinesAsync(report, TestContext.Current.CancellationToken);
        Assert.Equal("ligne;ridet;nom;resultat;motif", lines[0]);
        Assert.Equal(6, lines.Length);
        Assert.All(lines.Skip(1), line => Assert.Contains(";inchangée;", line, StringComparison.Ordinal));
        Assert.Equal([0xEF, 0xBB, 0xBF], (await File.ReadAllBytesAsync(report, TestContext.Current.CancellationToken))[..3]);
    }

    [Fact]
    public async Task Register_example_keeps_the_typology_only()
    {
        var result = await IndexerProcess.RunAsync("import", Example("exemple-ridet.csv"), "--format", "ridet", "--data", _data);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Créées │ 5", result.Output, StringComparison.Ordinal);
        Assert.Contains("Ignorées (hors typologie) │ 2", result.Output, StringComparison.Ordinal);
        Assert.Equal(5L, Scalar("SELECT COUNT(*) FROM Companies"));
    }

    [Fact]
    public async Task Rejected_rows_are_listed_with_their_reason()
    {
        Directory.CreateDirectory(_data);
        var file = Path.Combine(_data, "recensement.csv");
        await File.WriteAllTextAsync(file, "ridet;raison_sociale;activite_principale;commune\n1234567;Bonne;A0405;Nouméa\n99;Mauvaise;A0405;Atlantis\n", Encoding.UTF8, TestContext.Current.CancellationToken);

        var result = await IndexerProcess.RunAsync("import", file, "--data", _data);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Ligne 3 (Mauvaise) : Commune inconnue : « Atlantis »", result.Output, StringComparison.Ordinal);
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM Companies"));
    }

    [Fact]
    public async Task A_malformed_file_gives_a_message_and_exit_code_2()
    {
        Directory.CreateDirectory(_data);
        var file = Path.Combine(_data, "photo.xlsx");
        await File.WriteAllBytesAsync(file, [0x89, 0x50, 0x4E, 0x47, 0, 1, 2, 3], TestContext.Current.CancellationToken);

        var result = await IndexerProcess.RunAsync("import", file, "--data", _data);

        Assert.Equal(ExitCodes.InvalidArguments, result.ExitCode);
        Assert.Contains("Fichier refusé : Le fichier porte l'extension .xlsx mais n'est pas un classeur Excel", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);

        var missing = await IndexerProcess.RunAsync("import", Path.Combine(_data, "absent.csv"), "--data", _data);
        Assert.Equal(ExitCodes.InvalidArguments, missing.ExitCode);
        Assert.Contains("Fichier introuvable", missing.Output, StringComparison.Ordinal);

        var format = await IndexerProcess.RunAsync("import", file, "--format", "excel", "--data", _data);
        Assert.Equal(ExitCodes.InvalidArguments, format.ExitCode);
        Assert.Contains("Format inconnu", format.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_over_the_configured_limits_is_refused_whole_with_exit_code_2()
    {
        Directory.CreateDirectory(_data);
        var file = Path.Combine(_data, "recensement.csv");
        await File.WriteAllTextAsync(file, "ridet;raison_sociale;activite_principale;commune\n1234567;Une;A0405;Nouméa\n7654321;Deux;A0405;Nouméa\n", Encoding.UTF8, TestContext.Current.CancellationToken);

        var result = await IndexerProcess.RunAsync(new Dictionary<string, string> { ["Import__MaxRows"] = "1" }, "import", file, "--data", _data);

        Assert.Equal(ExitCodes.InvalidArguments, result.ExitCode);
        Assert.Contains("Fichier refusé : Le fichier compte plus de 1 lignes", result.Output, StringComparison.Ordinal);
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM Companies"));
    }

    private long Scalar(string sql) => DataFolder.Scalar(_data, sql);

    public void Dispose() => DataFolder.Delete(_data);
}
