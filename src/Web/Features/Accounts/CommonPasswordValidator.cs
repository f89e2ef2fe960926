using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using AnnuaireFiliere.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary>
/// Refuses the passwords everyone tries first (<c>common-passwords.txt</c>, embedded: leaked favourites and local
/// words with their usual endings), compared without case or accents. Identity runs it at sign-up, reset and change.
/// </summary>
public sealed class CommonPasswordValidator(IStringLocalizer<SharedResource> text) : IPasswordValidator<DirectoryUser>
{
    public const string Code = "PasswordTooCommon";

    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<DirectoryUser> manager, DirectoryUser user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password)
            ? IdentityResult.Failed(new IdentityError { Code = Code, Description = text["Account.PasswordCommon"] })
            : IdentityResult.Success);

    public static bool IsCommon(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Common.Value.Contains(Normalize(password));
    }

    /// <summary>Lower case, without accents (<c>Nouméa2024</c> is <c>noumea2024</c>).</summary>
    private static string Normalize(string password)
    {
        var decomposed = password.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark))
        {
            kept.Append(c);
        }
        return kept.ToString().Normalize(NormalizationForm.FormC);
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream(typeof(CommonPasswordValidator), "common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded list common-passwords.txt is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                words.Add(Normalize(line));
            }
        }
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
