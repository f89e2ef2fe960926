using AnnuaireFiliere.Core.Import;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Features.Api;
using AnnuaireFiliere.Web.Infrastructure;
using AnnuaireFiliere.Web.Features.Moderation;
using AnnuaireFiliere.Web.Features.MySpace;
using AnnuaireFiliere.Web.Features.OpenData;
using AnnuaireFiliere.Web.Features.Statistics;

var builder = WebApplication.CreateBuilder(args);
builder.AddAppDatabase();   // Core/Data: SQLite under the data folder, taxonomy, company rules
builder.AddDemoData();      // Core/Demo: demo companies for an empty database (on in Development)
builder.AddCompanySearch(); // Core/Search: Lucene (embedded) or Elasticsearch, from configuration
builder.AddIndexing();      // Core/Indexing: task log → search index, in-process in embedded mode
builder.AddDirectoryWeb();  // Razor Pages, localization, security headers, health, compression
builder.AddPublicApi();     // Web/Api: /api/v1 (JSON), OpenAPI, CORS, rate limits
builder.AddSectorStatistics(); // Core/Statistics behind /statistiques
builder.AddImport();        // Core/Import: the moderators' import page (and Indexer import)
builder.AddOpenData();       // Web/OpenData: daily open-data extract behind /donnees
builder.AddAccounts();      // Web/Accounts: Identity, external OpenID Connect providers, roles, policies, mail
builder.AddMySpace();       // Web/MySpace: /mon-espace, company registration, claims and join requests
builder.AddModeration();    // Web/Moderation: queues, decisions, yearly freshness mails

var app = builder.Build();
await app.Services.PrepareDataAsync();  // migrations, reference data, demo data
app.UseDirectoryWeb();
await app.RunAsync();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
