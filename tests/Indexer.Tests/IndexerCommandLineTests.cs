using Microsoft.Data.Sqlite;

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

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "annuaire.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
