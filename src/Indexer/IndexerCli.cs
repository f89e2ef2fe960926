using System.Globalization;
using AnnuaireFiliere.Indexer.Commands;
using Spectre.Console.Cli;

namespace AnnuaireFiliere.Indexer;

/// <summary>Exit codes of the command line (documented in the README).</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int InvalidArguments = 2;
    public const int Refused = 3;
    public const int Differences = 4;
    public const int Unavailable = 5;
}

internal static class IndexerCli
{
    public static void Configure(IConfigurator config, CultureInfo culture)
    {
        config.SetApplicationName("AnnuaireFiliere.Indexer");
        config.SetApplicationCulture(culture);
        config.Settings.StrictParsing = true;
        config.SetExceptionHandler((exception, _) =>
        {
            Say("red", CliText.Failed, exception.Message);
            return exception is CommandParseException or CommandRuntimeException ? ExitCodes.InvalidArguments : ExitCodes.Failure;
        });
        config.AddCommand<MigrateCommand>("migrate").WithDescription(CliText.MigrateDescription);
        config.AddCommand<MigrateDataCommand>("migrate-data").WithDescription(CliText.MigrateDataDescription)
            .WithExample("migrate-data", "--from", "sqlite:data", "--to", "postgres:Host=db;Database=annuaire;Username=annuaire");
        config.AddCommand<SnapshotCommand>("snapshot").WithDescription(CliText.SnapshotDescription).WithExample("snapshot", "--label", "Livre blanc 2027");
        config.AddCommand<SeedCommand>("seed").WithDescription(CliText.SeedDescription)
            .WithExample("seed", "--count", "100000");
        config.AddCommand<ImportCommand>("import").WithDescription(CliText.ImportDescription)
            .WithExample("import", "docs/import/exemple-gabarit.csv", "--dry-run");
        config.AddCommand<ReindexCommand>("reindex").WithDescription(CliText.ReindexDescription);
        config.AddCommand<VerifyCommand>("verify").WithDescription(CliText.VerifyDescription).WithExample("verify", "--repair");
        config.AddCommand<StatusCommand>("status").WithDescription(CliText.StatusDescription);
        config.AddCommand<BackupCommand>("backup").WithDescription(CliText.BackupDescription).WithExample("backup", "sauvegardes/annuaire.zip");
        config.AddCommand<RestoreCommand>("restore").WithDescription(CliText.RestoreDescription).WithExample("restore", "sauvegardes/annuaire.zip");
        config.AddBranch("admin", admin =>
        {
            admin.SetDescription(CliText.AdminDescription);
            admin.AddCommand<AdminAddCommand>("add").WithDescription(CliText.AdminAddDescription).WithExample("admin", "add", "nom@domaine.nc");
        });
        config.AddCommand<RunCommand>("run").WithDescription(CliText.RunDescription).WithExample("run", "--health-urls", "http://0.0.0.0:8081");
    }

    /// <summary>Writes a localized message (a <see cref="CliText"/> template) in a colour.</summary>
    public static void Say(string colour, string template, params object[] values) =>
        Spectre.Console.AnsiConsole.MarkupLine($"[{colour}]{Spectre.Console.Markup.Escape(string.Format(CultureInfo.CurrentCulture, template, values))}[/]");

    /// <summary>Takes <c>--lang fr|en</c> out of the arguments, else follows the system language.</summary>
    public static CultureInfo ChooseCulture(ref string[] args, string? systemLanguage)
    {
        var index = Array.IndexOf(args, "--lang");
        string? wanted = null;
        if (index >= 0 && index + 1 < args.Length)
        {
            wanted = args[index + 1];
            args = [.. args[..index], .. args[(index + 2)..]];
        }
        wanted ??= systemLanguage?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true ? "en" : "fr";
        return CultureInfo.GetCultureInfo(wanted.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "fr-NC");
    }
}
