using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Demo;
using AnnuaireFiliere.Core.Import;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.ServiceDefaults;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Features.Api;
using AnnuaireFiliere.Web.Features.Companies;
using AnnuaireFiliere.Web.Features.Moderation;
using AnnuaireFiliere.Web.Features.MySpace;
using AnnuaireFiliere.Web.Features.Needs;
using AnnuaireFiliere.Web.Features.OpenData;
using AnnuaireFiliere.Web.Features.SavedSearches;
using AnnuaireFiliere.Web.Features.Requests;
using AnnuaireFiliere.Web.Features.Search;
using AnnuaireFiliere.Web.Features.Shortlist;
using AnnuaireFiliere.Web.Features.Statistics;
using AnnuaireFiliere.Web.Features.Survey;
using AnnuaireFiliere.Web.Infrastructure;
using AnnuaireFiliere.Web.Infrastructure.Mail;

var builder = WebApplication.CreateBuilder(args);
builder.AddDirectoryDefaults();    // ServiceDefaults: health checks, OpenTelemetry, JSON logs in Production (shared with the Indexer)
builder.AddAppDatabase();       // Core/Data: SQLite under the data folder, taxonomy, company rules
builder.AddDemoData();          // Core/Demo: demo companies for an empty database (on in Development)
builder.AddCompanySearch();     // Core/Search: Lucene (embedded) or Elasticsearch, from configuration
builder.AddIndexing();          // Core/Indexing: task log → search index, in-process in embedded mode
builder.AddQueryLog();          // Core/Search: searched texts counted in memory, written every 30 s, kept 13 months
builder.AddImport();            // Core/Import: the census template and RIDET extract importer
builder.AddBackups(daily: true); // Core/Data: a daily archive of the database and logos when Backup:Directory is set
builder.AddDirectoryWeb();      // Infrastructure: Razor Pages, localization, security headers, rate limits, compression
builder.AddMail();              // Infrastructure/Mail: SMTP, or .eml files without a server
builder.AddAccounts();          // Features/Accounts: Identity, OpenID Connect providers, roles, policies, account mails
builder.AddCompanyPages();      // Features/Companies: profiles, error reports, logos, sitemaps
builder.AddPublicApi();         // Features/Api: /api/v1 (JSON), OpenAPI, CORS
builder.AddSectorStatistics();  // Features/Statistics: /statistiques and its downloads
builder.AddOpenData();          // Features/OpenData: the daily open-data extract behind /donnees
builder.AddMySpace();           // Features/MySpace: /mon-espace, registration, claims, members
builder.AddModeration();        // Features/Moderation: queues, decisions, import page, yearly freshness mails
builder.AddContactRequests(); // Features/Requests: buyers' contact and quote requests, confirmed by a mailed link
builder.AddSurvey();            // Features/Survey: census invitations and reminders (hourly), the signed link's page
builder.AddSavedSearches();     // Features/SavedSearches: saved searches, their alerts (hourly), the one-click unsubscribe
builder.AddNeeds();             // Features/Needs: the needs board, its mails and the companies' daily digest

var app = builder.Build();
await app.Services.PrepareDataAsync();  // migrations, reference data, demo data
app.UseDirectoryWeb();          // middleware, static assets, Razor Pages
app.MapDirectoryHealth();       // ServiceDefaults: /health/live, /health/ready
app.MapSearchSuggestions();
app.MapShortlist();
app.MapCompanyPages();
app.MapPublicApi();
app.MapStatisticsDownloads();
app.MapOpenData();
await app.RunAsync();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
