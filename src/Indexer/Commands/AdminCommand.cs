using System.ComponentModel;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AnnuaireFiliere.Indexer.Commands;

internal sealed class AdminAddSettings : IndexerSettings
{
    [CommandArgument(0, "<EMAIL>")]
    [LocalizedDescription(nameof(CliText.AdminEmailArgument))]
    public string Email { get; init; } = string.Empty;

    public override ValidationResult Validate() =>
        Email.Contains('@', StringComparison.Ordinal) ? ValidationResult.Success() : ValidationResult.Error(CliText.AdminEmailInvalid);
}

/// <summary><c>admin add &lt;email&gt;</c>: the administrator role for an account that exists (signed up on the site).</summary>
internal sealed class AdminAddCommand : AsyncCommand<AdminAddSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, AdminAddSettings settings, CancellationToken cancellationToken)
    {
        using var host = settings.CreateHostBuilder().Build();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        var outcome = await AdministratorGrant.GrantAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), settings.Email, cancellationToken);
        switch (outcome)
        {
            case GrantOutcome.Granted:
                IndexerCli.Say("green", CliText.AdminGranted, settings.Email);
                return ExitCodes.Success;
            case GrantOutcome.AlreadyAdministrator:
                IndexerCli.Say("green", CliText.AdminAlready, settings.Email);
                return ExitCodes.Success;
            default:
                IndexerCli.Say("red", CliText.AdminNoAccount, settings.Email);
                return ExitCodes.Failure;
        }
    }
}
