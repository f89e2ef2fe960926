using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace AnnuaireFiliere.Web.Infrastructure;

/// <summary>
/// Ids in a mailed link, signed and time-limited by ASP.NET Data Protection for one purpose: holding the link is the
/// proof (the yearly freshness confirmation, the census for a company without an account). A token made for one
/// purpose means nothing for another.
/// </summary>
public sealed class SignedIds(IDataProtectionProvider protection, string purpose, TimeProvider clock)
{
    private ITimeLimitedDataProtector Protector => protection.CreateProtector(purpose).ToTimeLimitedDataProtector();

    public string Sign(DateTimeOffset expires, params ReadOnlySpan<Guid> ids)
    {
        var parts = new string[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            parts[i] = ids[i].ToString("N");
        }
        return Protector.Protect(string.Join('|', parts), expires);
    }

    /// <summary>The <paramref name="count"/> ids of a token, or <c>null</c> when it is forged, damaged, expired or of another shape.</summary>
    public Guid[]? Read(string? token, int count)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2000)
        {
            return null;
        }
        try
        {
            var parts = Protector.Unprotect(token, out var expiration).Split('|');
            var ids = new Guid[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                if (!Guid.TryParseExact(parts[i], "N", out ids[i]))
                {
                    return null;
                }
            }
            return expiration >= clock.GetUtcNow() && ids.Length == count ? ids : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
