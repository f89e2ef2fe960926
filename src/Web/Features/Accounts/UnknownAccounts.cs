using System.Security.Cryptography;
using AnnuaireFiliere.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary>
/// A sign-in for an address that has no account does what one for an account does, so that neither the answer nor
/// its time tells them apart: the password is checked (against a hash of a random one, with Identity's own hasher),
/// and after <see cref="AccountsOptions.MaxFailedAttempts"/> failures the address is "locked" for
/// <see cref="AccountsOptions.LockoutDuration"/> like an account. The failures are counted in memory (bounded).
/// </summary>
public sealed class UnknownAccounts(IOptions<AccountsOptions> options) : IDisposable
{
    /// <summary>Addresses counted at most; beyond, a new one is not counted (it then never shows the lockout).</summary>
    private const int MaxAddresses = 10_000;

    private static readonly DirectoryUser Nobody = new();

    /// <summary>A random password nobody knows, hashed once (by the first hasher asked: the site has one).</summary>
    private string? _hash;

    private readonly MemoryCache _failures = new(new MemoryCacheOptions { SizeLimit = MaxAddresses });

    /// <summary>Always a failure: <see cref="SignInResult.LockedOut"/> once the address had too many, else <see cref="SignInResult.Failed"/>.</summary>
    public SignInResult SignIn(IPasswordHasher<DirectoryUser> hasher, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(email);
        var key = email.Trim().ToUpperInvariant();
        var failures = _failures.TryGetValue(key, out int counted) ? counted : 0;
        // A locked account is refused before its password is checked; so is a "locked" address.
        if (failures >= options.Value.MaxFailedAttempts)
        {
            return SignInResult.LockedOut;
        }
        _hash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        hasher.VerifyHashedPassword(Nobody, _hash, password);
        failures++;
        _failures.Set(key, failures, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.Value.LockoutDuration });
        return failures >= options.Value.MaxFailedAttempts ? SignInResult.LockedOut : SignInResult.Failed;
    }

    /// <summary>Hashes <paramref name="password"/> for nothing: the work a new account's creation does (sign-up with a taken address).</summary>
    public static void HashForNothing(IPasswordHasher<DirectoryUser> hasher, string password)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        hasher.HashPassword(Nobody, password);
    }

    public void Dispose() => _failures.Dispose();
}
