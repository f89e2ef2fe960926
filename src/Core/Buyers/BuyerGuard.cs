using System.Text.RegularExpressions;
using AnnuaireFiliere.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Buyers;

/// <summary>
/// What every buyer's text and address must pass before it is stored (contact requests, needs, answers): no links
/// (the site must not relay spam), no blocked sender. Moderators block an address or a domain
/// (<see cref="BlockAsync"/>); a blocked sender gets the same refusal as any other, so it learns nothing.
/// </summary>
public sealed partial class BuyerGuard(AppDbContext db, TimeProvider clock)
{
    /// <summary>
    /// True when <paramref name="text"/> holds a link: a scheme (<c>http:</c>, <c>ftp:</c>, <c>data:</c>, …), a
    /// <c>www.</c> name, an HTML link, or a bare domain name (<c>exemple.com/page</c>, <c>promo.biz</c>). An email address
    /// in the text is not a link (a buyer may write theirs); a decimal number or "M." is not a domain.
    /// </summary>
    public static bool HasLink(string? text) =>
        !string.IsNullOrEmpty(text) && (SchemeOrWww().IsMatch(text) || BareDomain().Matches(text).Any(m => !IsInEmail(text, m.Index)));

    private static bool IsInEmail(string text, int index) => index > 0 && text[index - 1] == '@';

    [GeneratedRegex(@"(?i)\b(?:[a-z][a-z0-9+.-]{1,15}://|www\.|(?:https?|ftp|data|javascript|mailto|file):)|<\s*a\b|\[[^\]]*\]\([^)]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex SchemeOrWww();

    // A name, a dot, a top-level domain of letters (2 to 24), not followed by a letter or digit: "exemple.com",
    // "bit.ly/x". Words joined by a full stop without a space ("merci.Bonjour") are rare in a message and cost a retype.
    [GeneratedRegex(@"(?i)(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|net|org|info|biz|io|co|nc|fr|ly|me|xyz|top|site|online|ru|cn|tk|app|dev|shop|store|link|click|pw|cc|ws|su|gl|to|eu|de|uk|us|be|ch|ca|au|nz|pf)\b(?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex BareDomain();

    /// <summary>The address folded for comparisons and limits (trimmed, lower case).</summary>
    public static string Fold(string email) => email.Trim().ToLowerInvariant();

    /// <summary>True when the address or one of its domains (the domain and its parents) is blocked.</summary>
    public async Task<bool> IsBlockedAsync(string email, CancellationToken cancellationToken)
    {
        var folded = Fold(email);
        var at = folded.LastIndexOf('@');
        var patterns = new List<string> { folded };
        if (at >= 0)
        {
            var domain = folded[(at + 1)..];
            while (domain.Contains('.', StringComparison.Ordinal))
            {
                patterns.Add(domain);
                domain = domain[(domain.IndexOf('.', StringComparison.Ordinal) + 1)..];
            }
        }
        return await db.BlockedSenders.AnyAsync(b => patterns.Contains(b.Pattern), cancellationToken);
    }

    /// <summary>
    /// Blocks an address or a domain (<c>@</c> optional in front of a domain); returns false when the pattern is
    /// neither, or already blocked.
    /// </summary>
    public async Task<bool> BlockAsync(string pattern, string? reason, Guid? moderator, CancellationToken cancellationToken)
    {
        var folded = NormalizePattern(pattern);
        if (folded is null || await db.BlockedSenders.AnyAsync(b => b.Pattern == folded, cancellationToken))
        {
            return false;
        }
        db.BlockedSenders.Add(new BlockedSender
        {
            Pattern = folded,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedBy = moderator,
        });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>A pattern as stored (<c>nom@exemple.nc</c> or <c>exemple.nc</c>), or null when it is neither.</summary>
    public static string? NormalizePattern(string? pattern)
    {
        var folded = Fold(pattern ?? string.Empty).TrimStart('@');
        if (folded.Length is 0 or > BlockedSender.PatternMaxLength)
        {
            return null;
        }
        var at = folded.IndexOf('@', StringComparison.Ordinal);
        var domain = at < 0 ? folded : folded[(at + 1)..];
        var local = at < 0 ? "x" : folded[..at];
        return local.Length > 0 && !local.Contains('@', StringComparison.Ordinal) && Domain().IsMatch(domain) ? folded : null;
    }

    [GeneratedRegex(@"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$", RegexOptions.CultureInvariant)]
    private static partial Regex Domain();
}
