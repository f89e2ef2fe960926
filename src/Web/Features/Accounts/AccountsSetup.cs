using System.Globalization;
using System.Text.RegularExpressions;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Web.Infrastructure;
using AnnuaireFiliere.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary>
/// Accounts: ASP.NET Core Identity on the <see cref="AppDbContext"/> (local accounts with confirmed email, lockout,
/// password reset), the external OpenID Connect providers of the configuration, roles and policies, rate limits of
/// the account forms, and the account mails.
/// </summary>
public static partial class AccountsSetup
{
    public const string SignInLimit = "compte-connexion";
    public const string SignUpLimit = "compte-inscription";
    public const string PasswordLimit = "compte-mot-de-passe";
    public const string ProvidersSection = "Authentication:OpenIdConnect:Providers";

    private static readonly string[] BaseScopes = ["openid", "profile", "email"];

    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        var accounts = builder.Configuration.GetSection(AccountsOptions.Section).Get<AccountsOptions>() ?? new AccountsOptions();

        builder.Services.AddIdentity<DirectoryUser, IdentityRole<Guid>>(options =>
            {
                options.SignIn.RequireConfirmedEmail = true;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = accounts.MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = accounts.LockoutDuration;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddErrorDescriber<FrenchIdentityErrors>();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "af.compte";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // A signed-in visitor refused a page gets a 403 in place, with the French error page (status code pages
            // re-execute /erreur/403): the status says what happened, and no redirect loses the address.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            options.ReturnUrlParameter = "returnUrl";
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
        });
        // The sign-in and sign-out pages by name, once the routes are known (the first request reads these options); the
        // cookie handler adds the path base.
        builder.Services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<LinkGenerator>((options, links) =>
        {
            options.LoginPath = links.GetPathByPage("/Accounts/SignIn", handler: null, values: null) ?? throw new InvalidOperationException("No route leads to the sign-in page.");
            options.LogoutPath = links.GetPathByPage("/Accounts/SignOut", handler: null, values: null) ?? throw new InvalidOperationException("No route leads to the sign-out page.");
        });
        builder.Services.ConfigureExternalCookie(options =>
        {
            options.Cookie.Name = "af.externe";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddAuthorizationBuilder().AddDirectoryPolicies();
        builder.Services.AddScoped<AccountRoles>();
        builder.Services.AddScoped<AccountMails>();
        builder.Services.AddScoped<EmailConfirmation>();
        builder.Services.AddSingleton<UnknownAccounts>();
        builder.Services.AddScoped<IAuthorizationHandler, CompanyAuthorizationHandler>();
        AddOpenIdProviders(builder);
        AddFormLimits(builder);
        builder.AddMail();
        return builder;
    }

    /// <summary>The origins of the configured providers (the sign-in form redirects there).</summary>
    public static IEnumerable<string> ProviderOrigins(IConfiguration configuration) =>
        (configuration.GetSection(ProvidersSection).Get<OpenIdProviderOptions[]>() ?? [])
            .Select(p => Uri.TryCreate(p.Authority, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null)
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>The external providers, validated now: a wrong one stops the start with the setting's name.</summary>
    private static void AddOpenIdProviders(IHostApplicationBuilder builder)
    {
        var providers = builder.Configuration.GetSection(ProvidersSection).Get<OpenIdProviderOptions[]>() ?? [];
        var authentication = builder.Services.AddAuthentication();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < providers.Length; i++)
        {
            var provider = providers[i];
            var at = $"{ProvidersSection}:{i}";
            var failures = new List<string>();
            if (provider.Name is null || !SchemeName().IsMatch(provider.Name))
            {
                failures.Add($"{at}:Name is required (letters, digits and dashes), for example \"keycloak\".");
            }
            else if (!names.Add(provider.Name))
            {
                failures.Add($"{at}:Name \"{provider.Name}\" is declared twice.");
            }
            if (!Uri.TryCreate(provider.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            {
                failures.Add($"{at}:Authority is required: the issuer's absolute URL, for example https://login.example.nc/realms/annuaire.");
            }
            else if (authority.Scheme == "http" && !authority.IsLoopback)
            {
                failures.Add($"{at}:Authority must use HTTPS (plain HTTP only on loopback, for development).");
            }
            Uri? metadata = null;
            if (provider.MetadataAddress is not null
                && (!Uri.TryCreate(provider.MetadataAddress, UriKind.Absolute, out metadata)
                    || !(metadata.Scheme == "https" || (metadata.Scheme == "http" && authority is { Scheme: "http", IsLoopback: true }))))
            {
                failures.Add($"{at}:MetadataAddress must be an absolute HTTPS URL (plain HTTP only with a loopback HTTP authority, for development).");
            }
            if (string.IsNullOrWhiteSpace(provider.ClientId))
            {
                failures.Add($"{at}:ClientId is required.");
            }
            if (failures.Count > 0)
            {
                throw new OptionsValidationException(ProvidersSection, typeof(OpenIdProviderOptions), failures);
            }
            authentication.AddOpenIdConnect(provider.Name!, provider.DisplayName ?? provider.Name, options =>
            {
                options.SignInScheme = IdentityConstants.ExternalScheme;
                options.Authority = authority!.AbsoluteUri;
                options.RequireHttpsMetadata = authority.Scheme == "https" && metadata is not { Scheme: "http" };
                if (metadata is not null)
                {
                    options.MetadataAddress = metadata.AbsoluteUri;
                }
                options.ClientId = provider.ClientId;
                options.ClientSecret = string.IsNullOrEmpty(provider.ClientSecret) ? null : provider.ClientSecret;
                options.ResponseType = "code";
                options.UsePkce = true;
                options.CallbackPath = $"/signin-{provider.Name}";
                options.SignedOutCallbackPath = $"/signout-callback-{provider.Name}";
                options.GetClaimsFromUserInfoEndpoint = true;
                options.MapInboundClaims = false;
                options.SaveTokens = false;
                options.Scope.Clear();
                foreach (var scope in BaseScopes.Concat(provider.Scopes).Distinct(StringComparer.Ordinal))
                {
                    options.Scope.Add(scope);
                }
                // The code comes back in the query of a top-level GET: the correlation and nonce cookies can then be
                // SameSite=Lax, which also works on plain HTTP loopback (development), unlike SameSite=None.
                options.ResponseMode = "query";
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            });
        }
    }

    /// <summary>Named rate limits of the account forms: POSTs only, per client address; the French 429 page.</summary>
    private static void AddFormLimits(IHostApplicationBuilder builder)
    {
        foreach (var name in new[] { SignInLimit, SignUpLimit, PasswordLimit })
        {
            builder.AddClientAddressPolicy(name, services => services.GetRequiredService<IOptions<AccountsOptions>>().Value.FormPostsPerMinute,
                TimeSpan.FromMinutes(1), postsOnly: true);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,40}$")]
    private static partial Regex SchemeName();
}

/// <summary>Roles given by the configuration: every account is a member; listed emails are administrators.</summary>
public sealed class AccountRoles(UserManager<DirectoryUser> users, IOptions<AccountsOptions> options)
{
    /// <summary>Call before signing in (the cookie carries the roles). Only a confirmed email can be an administrator.</summary>
    public async Task ApplyAsync(DirectoryUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await users.IsInRoleAsync(user, Roles.Member))
        {
            await users.AddToRoleAsync(user, Roles.Member);
        }
        if (user.EmailConfirmed && options.Value.IsAdministrator(user.Email) && !await users.IsInRoleAsync(user, Roles.Administrator))
        {
            await users.AddToRoleAsync(user, Roles.Administrator);
        }
    }
}
