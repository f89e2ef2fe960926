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

    [CommandOption("--role <ROLE>")]
    [LocalizedDescription(nameof(CliText.AdminRoleOption))]
    [DefaultValue(Roles.Administrator)]
    public string Role { get; init; } = Roles.Administrator;

    public override ValidationResult Validate() =>
        !Email.Contains('@', StringComparison.Ordinal) ? ValidationResult.Error(CliText.AdminEmailInvalid)
        : !Roles.Grantable.Contains(Role) ? ValidationResult.Error(string.Format(System.Globalization.CultureInfo.CurrentCulture, CliText.AdminRoleInvalid, Role, string.Join(", ", Roles.Grantable)))
        : ValidationResult.Success();
}

/// <summary><c>admin add &lt;email&gt; [--role analyst]</c>: a role (administrator by default) for an account that exists (signed up on the site).</summary>
internal sealed class AdminAddCommand : AsyncCommand<AdminAddSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, AdminAddSettings settings, CancellationToken cancellationToken)
    {
        using var host = settings.CreateHostBuilder().Build();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        var outcome = await AdministratorGrant.GrantAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), settings.Email, settings.Role, cancellationToken);
        switch (outcome)
        {
            case GrantOutcome.Granted:
                IndexerCli.Say("green", CliText.AdminGranted, settings.Email, settings.Role);
                return ExitCodes.Success;
            case GrantOutcome.AlreadyHeld:
                IndexerCli.Say("green", CliText.AdminAlready, settings.Email, settings.Role);
                return ExitCodes.Success;
            default:
                IndexerCli.Say("red", CliText.AdminNoAccount, settings.Email);
                return ExitCodes.Failure;
        }
    }
}
