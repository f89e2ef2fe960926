using AnnuaireFiliere.Core.Data;

namespace AnnuaireFiliere.Indexer.Tests;

/// <summary>
/// <c>migrate-data</c> through the real executable: an embedded site's SQLite database into PostgreSQL (when the tests
/// run on it; into another SQLite file otherwise), counts shown equal, a second run copying nothing, the index of the
/// target rebuilt and verified.
/// </summary>
public sealed class MigrateDataCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "annuaire-indexer-tests", Guid.NewGuid().ToString("N"));
    private readonly string _target = Path.Combine(Path.GetTempPath(), "annuaire-indexer-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The embedded site, on SQLite whatever the tests run on.</summary>
    private static readonly Dictionary<string, string> Embedded = new() { ["Database__Provider"] = nameof(DatabaseProvider.Sqlite) };

    [Fact]
    public async Task An_embedded_site_moves_with_equal_counts_once_and_its_index_verifies_clean()
    {
        Assert.Equal(ExitCodes.Success, (await IndexerProcess.RunAsync(Embedded, "seed", "--count", "150", "--data", _data)).ExitCode);
        var to = TestPostgres.Active
            ? "postgres:" + DataFolder.Environment(_target)["ConnectionStrings__Annuaire"]
            : "sqlite:" + Path.Combine(_target, "annuaire.db");
        Directory.CreateDirectory(_target);
        // A logo of the embedded site, on its disk: on PostgreSQL it moves into the database's file store.
        Directory.CreateDirectory(Path.Combine(_data, "logos"));
        await File.WriteAllBytesAsync(Path.Combine(_data, "logos", "0123456789abcdef0123456789abcdef-0123456789abcdef.webp"), [1, 2, 3], TestContext.Current.CancellationToken);

        var first = await IndexerProcess.RunAsync("migrate-data", "--from", "sqlite:" + _data, "--to", to);

        Assert.True(first.ExitCode == ExitCodes.Success, first.Output);
        Assert.Contains("Companies : 150 ligne(s) copiée(s)", first.Output, StringComparison.Ordinal);
        Assert.Contains("les nombres de lignes sont égaux", first.Output, StringComparison.Ordinal);
        Assert.Equal(150L, DataFolder.Scalar(_target, "SELECT COUNT(*) FROM Companies"));
        Assert.Equal(
            DataFolder.Scalar(_data, "SELECT COUNT(*) FROM SurveyResponses", embedded: true),
            DataFolder.Scalar(_target, "SELECT COUNT(*) FROM SurveyResponses"));

        if (TestPostgres.Active)
        {
            Assert.Contains("1 fichier(s) copié(s)", first.Output, StringComparison.Ordinal);
            Assert.Equal(1L, DataFolder.Scalar(_target, "SELECT COUNT(*) FROM StoredFiles WHERE Key LIKE 'logos/%'"));
        }

        var again = await IndexerProcess.RunAsync("migrate-data", "--from", "sqlite:" + _data, "--to", to);
        Assert.True(again.ExitCode == ExitCodes.Success, again.Output);
        Assert.DoesNotContain("1 fichier(s) copié(s)", again.Output, StringComparison.Ordinal);
        Assert.Contains("0 ligne(s) copiée(s) maintenant", again.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ligne(s) copiée(s).", again.Output, StringComparison.Ordinal);

        // The site on the target: its index rebuilt from the copied rows, and verified against them.
        Assert.Equal(ExitCodes.Success, (await IndexerProcess.RunAsync("reindex", "--data", _target)).ExitCode);
        var verify = await IndexerProcess.RunAsync("verify", "--data", _target);
        Assert.True(verify.ExitCode == ExitCodes.Success, verify.Output);
    }

    [Theory]
    [InlineData("--from", "fichier.db", "--to", "postgres:Host=127.0.0.1")]
    [InlineData("--from", "sqlite:/nulle/part/annuaire.db", "--to", "mysql:serveur")]
    public async Task Bad_addresses_give_a_message_and_exit_code_2(params string[] args)
    {
        var result = await IndexerProcess.RunAsync(["migrate-data", .. args]);
        Assert.Equal(ExitCodes.InvalidArguments, result.ExitCode);
        Assert.Contains("sqlite:", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_source_is_named_and_nothing_is_written()
    {
        var result = await IndexerProcess.RunAsync("migrate-data", "--from", "sqlite:" + Path.Combine(_data, "absente.db"), "--to", "sqlite:" + Path.Combine(_target, "annuaire.db"));
        Assert.Equal(ExitCodes.InvalidArguments, result.ExitCode);
        Assert.Contains("Pas de base SQLite ici", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_target, "annuaire.db")));
    }

    [Fact]
    public async Task On_postgresql_backup_points_to_pg_dump()
    {
        Assert.SkipUnless(TestPostgres.Active, "the site runs on SQLite in this run (set ANNUAIRE_TEST_POSTGRES for PostgreSQL)");
        await IndexerProcess.RunAsync("migrate", "--data", _data);
        var result = await IndexerProcess.RunAsync("backup", Path.Combine(_data, "s.zip"), "--data", _data);
        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("pg_dump", result.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        DataFolder.Delete(_data);
        DataFolder.Delete(_target);
    }
}
