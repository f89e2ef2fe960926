using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Web.Features.Api;
using AnnuaireFiliere.Web.Features.Companies;
using AnnuaireFiliere.Web.Features.Search;
using AnnuaireFiliere.Web.Features.Shortlist;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.ResponseCompression;

namespace AnnuaireFiliere.Web.Infrastructure;

public static class WebSetup
{
    /// <summary>The cultures of the site: French (New Caledonia) first, English on request.</summary>
    public static readonly CultureInfo[] Cultures = [CultureInfo.GetCultureInfo("fr-NC"), CultureInfo.GetCultureInfo("en")];

    /// <summary>The configuration section bound to the framework's <see cref="HstsOptions"/>.</summary>
    public const string HstsSection = "Hsts";

    /// <summary>The Data Protection application name: the same on every node, whatever folder each runs from.</summary>
    public const string DataProtectionApplicationName = "AnnuaireFiliere";

    public static IHostApplicationBuilder AddDirectoryWeb(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        // Write French as French (é, not &#xE9;): HTML-significant characters are still encoded.
        builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        // One folder per feature holds its pages, page models and services (docs/adr/0015).
        builder.Services.AddRazorPages(options =>
            {
                options.RootDirectory = "/Features";
                // A POST to a page that only reads is a 405, not the page without its data.
                options.Conventions.ConfigureFilter(new MethodNotAllowedFilter());
            })
            // Forms are checked on the server and answered with the page (no client validation script): tag helpers
            // write no data-val-* attributes, whose messages would be the framework's English ones.
            .AddViewOptions(options => options.HtmlHelperOptions.ClientValidationEnabled = false)
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            // The language is the visitor's explicit choice (cookie), not the browser's: the site is French first.
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        var formTargets = Features.Accounts.AccountsSetup.ProviderOrigins(builder.Configuration);
        builder.Services.AddSecurityHeaderPolicies(policies => policies.SetDefaultPolicy(SecurityHeaders.Policy(formTargets)));
        // The keys behind cookies, antiforgery tokens and signed links live in the database, under one application
        // name: any node of a farm reads what another wrote (docs/adr/0034). With SQLite, the same file as the data.
        builder.Services.AddDataProtection()
            .SetApplicationName(DataProtectionApplicationName)
            .PersistKeysToDbContext<AppDbContext>();
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "af.antiforgery";
            // Secure over HTTPS (the framework's default leaves it off), still usable on plain HTTP in development.
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // HSTS (outside Development, over HTTPS): a year by default; Hsts:IncludeSubDomains, Hsts:Preload, Hsts:MaxAge.
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        builder.Services.Configure<HstsOptions>(builder.Configuration.GetSection(HstsSection));
        // Bounded: every entry declares a size (statistics reports count 1), so no query string can fill the memory.
        builder.Services.AddMemoryCache(options => options.SizeLimit = 500);
        builder.AddPublicAddress();
        builder.AddRateLimits();
        return builder;
    }

    public static WebApplication UseDirectoryWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // First: the client's address and scheme as the trusted reverse proxy saw them (Site:KnownProxies).
        app.UseForwardedHeaders();
        // Then the path base (Site:PathBase), before anything reads the path: links, redirects and cookies carry it.
        app.UseSitePathBase();
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/erreur",
                // A search engine that cannot answer is "temporarily unavailable", not a bug.
                // A body over the server's limit (an upload without a declared length) is the sender's: 413.
                StatusCodeSelector = exception => exception switch
                {
                    SearchUnavailableException => StatusCodes.Status503ServiceUnavailable,
                    BadHttpRequestException bad => bad.StatusCode,
                    _ => StatusCodes.Status500InternalServerError,
                },
            });
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/erreur/{0}");
        app.UseSecurityHeaders();
        // The open-data files carry their own gzip copies (and are too big to compress per request).
        app.UseWhen(context => !Features.OpenData.OpenDataEndpoints.IsDownload(context.Request.Path), branch => branch.UseResponseCompression());
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        // The API's answers (not its reference, a page like the others: never kept, its forms carry a token).
        app.UseWhen(context => context.Request.Path.StartsWithSegments(PublicApi.VersionPrefix), api => api.UseMiddleware<Features.Api.ConditionalGet>());
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapLanguageSwitch();
        return app;
    }
}
