using Microsoft.AspNetCore.Identity;

namespace AnnuaireFiliere.Core.Accounts;

/// <summary>A person with an account: a professional, a moderator or an administrator (ASP.NET Core Identity).</summary>
public sealed class DirectoryUser : IdentityUser<Guid>
{
    public const int LanguageMaxLength = 5;

    /// <summary>Two-letter language of the mails and of the site after sign-in: <c>fr</c> (default) or <c>en</c>.</summary>
    public string PreferredLanguage { get; set; } = "fr";

    public DateTime CreatedAt { get; set; }
}

/// <summary>The roles of the directory. A member manages their companies; moderators and administrators more.</summary>
public static class Roles
{
    public const string Member = "member";
    public const string Moderator = "moderator";
    public const string Administrator = "administrator";

    /// <summary>The observatory's analysts: they run the census and alone read its answers one by one (not moderators).</summary>
    public const string Analyst = "analyst";

    /// <summary>The roles the Indexer's <c>admin add --role</c> grants.</summary>
    public static readonly IReadOnlyList<string> Grantable = [Administrator, Moderator, Analyst];

    /// <summary>The roles with fixed ids, created by the migration (so the Indexer and the site find them).</summary>
    public static readonly IReadOnlyList<IdentityRole<Guid>> All =
    [
        Role(Member, "6d1f3a52-4c59-4f6b-9a55-7c0f6c2b0a01"),
        Role(Moderator, "6d1f3a52-4c59-4f6b-9a55-7c0f6c2b0a02"),
        Role(Administrator, "6d1f3a52-4c59-4f6b-9a55-7c0f6c2b0a03"),
        Role(Analyst, "6d1f3a52-4c59-4f6b-9a55-7c0f6c2b0a04"),
    ];

    private static IdentityRole<Guid> Role(string name, string id) => new(name)
    {
        Id = Guid.Parse(id),
        NormalizedName = name.ToUpperInvariant(),
        ConcurrencyStamp = id,
    };
}
