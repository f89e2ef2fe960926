using System.ComponentModel;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Demo;
using AnnuaireFiliere.Core.Import;
using AnnuaireFiliere.Core.Indexing;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Statistics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console.Cli;

namespace AnnuaireFiliere.Indexer.Commands;

/// <summary>A <see cref="DescriptionAttribute"/> read from the localized <see cref="CliText"/> resources.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class LocalizedDescriptionAttribute(string key) : DescriptionAttribute
{
    public override string Description => CliText.ResourceManager.GetString(key, CliText.Culture) ?? key;
}

/// <summary>Options every command takes.</summary>
internal class IndexerSettings : CommandSettings
{
    [CommandOption("--data <FOLDER>")]
    [LocalizedDescription(nameof(CliText.DataOption))]
    public string? DataDirectory { get; init; }

    /// <summary>The same Core services as the Web process, from appsettings.json, environment and --data.</summary>
    public HostApplicationBuilder CreateHostBuilder()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            ApplicationName = "AnnuaireFiliere.Indexer",
        });
        Configure(builder, runIndexing: false);
        return builder;
    }

    /// <summary>
    /// Configuration (appsettings.json next to the executable, environment, --data) and the Core services; the
    /// indexing loop runs only for <c>run</c>.
    /// </summary>
    public void Configure(IHostApplicationBuilder builder, bool runIndexing)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        builder.Configuration.AddEnvironmentVariables();
        if (DataDirectory is not null)
        {
            builder.Configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.DataDirectory)}"] = DataDirectory;
        }
        builder.Logging.AddSimpleConsole(options => options.SingleLine = true);
        builder.Configuration[$"{IndexingOptions.Section}:{nameof(IndexingOptions.RunInProcess)}"] = runIndexing ? "true" : "false";
        builder.AddAppDatabase();
        builder.AddDemoData();
        builder.AddCompanySearch();
        builder.AddIndexing();
        builder.AddStatistics();
        builder.AddImport();
        builder.AddBackups(daily: false);
    }
}
