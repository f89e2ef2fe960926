using System.ComponentModel.DataAnnotations;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary><c>Accounts</c>: who administers the site from the start, and how many account forms an address may post.</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>Emails that receive the administrator role when their (confirmed) account is created or signs in.</summary>
    public string[] Administrators { get; init; } = [];

    /// <summary>POSTs per minute and client address on each of sign-in, sign-up and password reset before a 429.</summary>
    [Range(1, 10_000)]
    public int FormPostsPerMinute { get; init; } = 10;

    /// <summary>Wrong passwords in a row before an account is locked for <see cref="LockoutDuration"/>.</summary>
    [Range(1, 100)]
    public int MaxFailedAttempts { get; init; } = 5;

    public TimeSpan LockoutDuration { get; init; } = TimeSpan.FromMinutes(15);

    public bool IsAdministrator(string? email) =>
        email is not null && Administrators.Any(a => string.Equals(a.Trim(), email, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One external OpenID Connect provider (<c>Authentication:OpenIdConnect:Providers:N</c>).</summary>
public sealed class OpenIdProviderOptions
{
    /// <summary>The authentication scheme, also in the callback path <c>/signin-{Name}</c>: letters, digits and dashes.</summary>
    public string? Name { get; init; }

    public string? DisplayName { get; init; }

    public string? Authority { get; init; }

    /// <summary>Where the site reads the discovery document when it reaches the provider by another address than
    /// the browser does (a container network); by default the authority's <c>/.well-known/openid-configuration</c>.</summary>
    public string? MetadataAddress { get; init; }

    public string? ClientId { get; init; }

    public string? ClientSecret { get; init; }

    /// <summary>Scopes besides <c>openid</c>, <c>profile</c> and <c>email</c>.</summary>
    public string[] Scopes { get; init; } = [];
}
