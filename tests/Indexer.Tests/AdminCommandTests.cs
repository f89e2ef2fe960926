namespace AnnuaireFiliere.Indexer.Tests;

/// <summary><c>admin add &lt;email&gt;</c> run through the real executable on a real database.</summary>
public sealed class AdminCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "annuaire-indexer-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Admin_add_grants_the_role_to_an_existing_account_once()
    {
        Assert.Equal(ExitCodes.Success, (await IndexerProcess.RunAsync("migrate", "--data", _data)).ExitCode);
        DataFolder.Execute(_data, """
            INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, SecurityStamp, PhoneNumberConfirmed,
                TwoFactorEnabled, LockoutEnabled, AccessFailedCount, PreferredLanguage, CreatedAt)
            VALUES ('0F8FAD5B-D9CB-469F-A165-70867728950E', 'Marie.Gope@exemple.nc', 'MARIE.GOPE@EXEMPLE.NC', 'Marie.Gope@exemple.nc',
                'MARIE.GOPE@EXEMPLE.NC', TRUE, 'avant', FALSE, FALSE, TRUE, 0, 'fr', '2026-11-28 00:00:00')
            """);

        var granted = await IndexerProcess.RunAsync("admin", "add", "marie.gope@exemple.nc", "--data", _data);

        Assert.Equal(ExitCodes.Success, granted.ExitCode);
        Assert.Contains("a maintenant le rôle administrator", granted.Output, StringComparison.Ordinal);
        Assert.Equal(1L, AdministratorCount());
        Assert.Equal(0L, DataFolder.Scalar(_data, "SELECT COUNT(*) FROM AspNetUsers WHERE SecurityStamp = 'avant'"));

        var again = await IndexerProcess.RunAsync("admin", "add", "MARIE.GOPE@exemple.nc", "--data", _data);
        Assert.Equal(ExitCodes.Success, again.ExitCode);
        Assert.Contains("a déjà le rôle administrator", again.Output, StringComparison.Ordinal);
        Assert.Equal(1L, AdministratorCount());

        var analyst = await IndexerProcess.RunAsync("admin", "add", "marie.gope@exemple.nc", "--role", "analyst", "--data", _data);
        Assert.Equal(ExitCodes.Success, analyst.ExitCode);
        Assert.Equal(1L, DataFolder.Scalar(_data, "SELECT COUNT(*) FROM AspNetUserRoles ur JOIN AspNetRoles r ON r.Id = ur.RoleId WHERE r.Name = 'analyst'"));
        var unknown = await IndexerProcess.RunAsync("admin", "add", "marie.gope@exemple.nc", "--role", "roi", "--data", _data);
        Assert.Equal(ExitCodes.InvalidArguments, unknown.ExitCode);
        Assert.Contains("Rôle inconnu : « roi »", unknown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_add_for_an_unknown_email_says_to_sign_up_first()
    {
        var result = await IndexerProcess.RunAsync("admin", "add", "personne@exemple.nc", "--data", _data);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("Aucun compte pour personne@exemple.nc", result.Output, StringComparison.Ordinal);
        Assert.Equal(0L, AdministratorCount());
    }

    [Fact]
    public async Task Admin_add_without_an_email_is_an_invalid_argument()
    {
        var result = await IndexerProcess.RunAsync("admin", "add", "pas-un-courriel", "--data", _data);
        Assert.Equal(ExitCodes.InvalidArguments, result.ExitCode);
        Assert.Contains("courriel", result.Output, StringComparison.Ordinal);
    }

    private long AdministratorCount() => DataFolder.Scalar(_data,
        "SELECT COUNT(*) FROM AspNetUserRoles ur JOIN AspNetRoles r ON r.Id = ur.RoleId WHERE r.Name = 'administrator'");

    public void Dispose() => DataFolder.Delete(_data);
}
