using System.Globalization;
using AnnuaireFiliere.Indexer;
using AnnuaireFiliere.Indexer.Commands;
using Spectre.Console.Cli;

// French by default; English when asked with --lang en or when the system language is English.
var culture = IndexerCli.ChooseCulture(ref args, Environment.GetEnvironmentVariable("LANG"));
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = culture;
CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;

var app = new CommandApp();
app.Configure(config => IndexerCli.Configure(config, culture));
return await app.RunAsync(args);
