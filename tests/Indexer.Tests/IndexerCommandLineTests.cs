namespace AnnuaireFiliere.Indexer.Tests;

public sealed class IndexerCommandLineTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "annuaire-indexer-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Help_is_in_french_by_default()
    {
        var result = await IndexerProcess.RunAsync("--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("UTILISATION", result.Output, StringComparison.Ordinal);
        Assert.Contains("Remplit une base vide avec des entreprises de démonstration", result.Output, StringComparison.Ordinal);
        Assert.Contains("migrate", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_is_in_english_on_request()
    {
        var result = await IndexerProcess.RunAsync("seed", "--help", "--lang", "en");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("USAGE", result.Output, StringComparison.Ordinal);
        Assert.Contains("Number of companies to generate", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_creates_the_database_in_the_data_folder()
    {
        var result = await IndexerProcess.RunAsync("migrate", "--data", _data);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Base de données prête", result.Output, StringComparison.Ordinal);
        Assert.Equal(33L, Scalar("SELECT COUNT(*) FROM Communes"));
    }

    [Fact]
    public async Task Seed_writes_the_companies_and_refuses_a_second_time()
    {
        var result = await IndexerProcess.RunAsync("seed", "--count", "250", "--batch-size", "100", "--data", _data);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("250 entreprises écrites", result.Output, StringComparison.Ordinal);
        Assert.Equal(250L, Scalar("SELECT COUNT(*) FROM Companies"));
        Assert.Equal(Scalar("SELECT COUNT(*) FROM Companies WHERE Status = 'Published'"), Scalar("SELECT COUNT(*) FROM IndexingTasks"));

        var again = await IndexerProcess.RunAsync("seed", "--count", "10", "--data", _data);
        Assert.Equal(ExitCodes.Refused, again.ExitCode);
        Assert.Contains("déjà 250 entreprise", again.Output, StringComparison.Ordinal);
        Assert.Equal(250L, Scalar("SELECT COUNT(*) FROM Companies"));
    }

    [Fact]
    public async Task Snapshot_stores_the_statistics_of_the_moment_with_its_label()
    {
        Assert.Equal(ExitCodes.Success, (await IndexerProcess.RunAsync("seed", "--count", "90", "--data", _data)).ExitCode);

        var result = await IndexerProcess.RunAsync("snapshot", "--label", "Livre blanc", "--data", _data);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("90 entreprises dont", result.Output, StringComparison.Ordinal);
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM StatisticsSnapshots WHERE Kind = 'OnDemand' AND Label = 'Livre blanc' AND Companies = 90 AND TakenBy = 'indexer'"));
    }

    [Theory]
    [InlineData("seed", "--count", "0")]
    [InlineData("seed", "--count", "beaucoup")]
    [InlineData("seed", "--batch-size", "-4")]
    [InlineData("seed", "--inconnu")]
    [InlineData("commande-inconnue")]
    public async Task Bad_arguments_give_a_message_and_exit_code_2(params string[] args)
    {
        var result = await IndexerProcess.RunAsync([.. args, "--data", _data]);
        Assert.Equal(ExitCodes.InvalidArguments, result.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(result.Output));
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal); // no stack trace
        Assert.False(File.Exists(Path.Combine(_data, "annuaire.db")));
    }

    private long Scalar(string sql) => DataFolder.Scalar(_data, sql);

    public void Dispose() => DataFolder.Delete(_data);
}

public sealed class SearchIndexCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "annuaire-indexer-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Reindex_builds_the_index_and_status_and_verify_report_it()
    {
        Assert.Equal(ExitCodes.Success, (await IndexerProcess.RunAsync("seed", "--count", "120", "--data", _data)).ExitCode);

        var reindex = await IndexerProcess.RunAsync("reindex", "--data", _data);
        Assert.Equal(ExitCodes.Success, reindex.ExitCode);
        Assert.Contains("documents indexés", reindex.Output, StringComparison.Ordinal);

        var status = await IndexerProcess.RunAsync("status", "--data", _data);
        Assert.Equal(ExitCodes.Success, status.ExitCode);
        Assert.Contains("Tâches en attente", status.Output, StringComparison.Ordinal);

        var verify = await IndexerProcess.RunAsync("verify", "--data", _data);
        Assert.Equal(ExitCodes.Success, verify.ExitCode);
        Assert.Contains("L'index est à jour", verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_index_another_process_writes_is_refused_with_a_clear_message()
    {
        await IndexerProcess.RunAsync("migrate", "--data", _data);
        // This test process plays the Web site in embedded mode: it holds the index writer.
        using var held = new AnnuaireFiliere.Core.Search.Lucene.LuceneIndex(Path.Combine(_data, "index"),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AnnuaireFiliere.Core.Search.Lucene.LuceneIndex>.Instance);

        var result = await IndexerProcess.RunAsync("reindex", "--data", _data);

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("déjà ouvert en écriture", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_finds_an_index_that_drifted_and_repair_fixes_it()
    {
        await IndexerProcess.RunAsync("seed", "--count", "60", "--data", _data);
        await IndexerProcess.RunAsync("reindex", "--data", _data);
        // Unpublish companies behind the indexer's back (no task written): the index now has extra documents.
        Assert.Equal(3, DataFolder.Execute(_data, "UPDATE Companies SET Status = 'Archived' WHERE Id IN (SELECT Id FROM Companies WHERE Status = 'Published' LIMIT 3)"));

        var found = await IndexerProcess.RunAsync("verify", "--data", _data);
        Assert.Equal(ExitCodes.Differences, found.ExitCode);
        Assert.Contains("--repair", found.Output, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Success, (await IndexerProcess.RunAsync("verify", "--repair", "--data", _data)).ExitCode);
        Assert.Equal(ExitCodes.Success, (await IndexerProcess.RunAsync("verify", "--data", _data)).ExitCode);
    }

    [Fact]
    public async Task A_backup_restores_into_another_folder_with_its_index_rebuilt_and_never_over_an_index_being_written()
    {
        TestPostgres.SkipOnPostgres("backup and restore are the embedded SQLite site's; on PostgreSQL backups are pg_dump's (README, Scaling)");
        Assert.Equal(ExitCodes.Success, (await IndexerProcess.RunAsync("seed", "--count", "80", "--data", _data)).ExitCode);
        var archive = Path.Combine(_data, "sauvegardes", "annuaire.zip");
        var backup = await IndexerProcess.RunAsync("backup", archive, "--data", _data);
        Assert.Equal(ExitCodes.Success, backup.ExitCode);
        Assert.Contains("Sauvegarde écrite", backup.Output, StringComparison.Ordinal);
        var other = Path.Combine(_data, "autre");

        var restore = await IndexerProcess.RunAsync("restore", archive, "--data", other);

        Assert.Equal(ExitCodes.Success, restore.ExitCode);
        Assert.Equal(80L, DataFolder.Scalar(other, "SELECT COUNT(*) FROM Companies"));
        var published = DataFolder.Scalar(other, "SELECT COUNT(*) FROM Companies WHERE Status = 'Published'");
        Assert.Contains($"{published} entreprises dans l'index", restore.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, (await IndexerProcess.RunAsync("verify", "--data", other)).ExitCode);

        // This test process plays the site running on that folder: it holds the index writer.
        using (var held = new AnnuaireFiliere.Core.Search.Lucene.LuceneIndex(Path.Combine(other, "index"),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AnnuaireFiliere.Core.Search.Lucene.LuceneIndex>.Instance))
        {
            var refused = await IndexerProcess.RunAsync("restore", archive, "--data", other);
            Assert.Equal(ExitCodes.Refused, refused.ExitCode);
        }
        Assert.Empty(Directory.GetFiles(other, "*avant-restauration*"));

        var hostile = Path.Combine(_data, "pas-une-sauvegarde.zip");
        await File.WriteAllTextAsync(hostile, "bonjour", TestContext.Current.CancellationToken);
        var invalid = await IndexerProcess.RunAsync("restore", hostile, "--data", other);
        Assert.Equal(ExitCodes.InvalidArguments, invalid.ExitCode);
        Assert.Contains("Restauration refusée", invalid.Output, StringComparison.Ordinal);
    }

    public void Dispose() => DataFolder.Delete(_data);
}
