namespace AnnuaireFiliere.Core.Companies;

/// <summary>
/// Who makes a change to a company, as its history keeps it: an account (its id and how to name it, its email at
/// that time), or the import, which has no account. <see cref="IsModerator"/> decides the rules that differ for
/// moderators (their edit of a refused profile does not send it back to review).
/// </summary>
public sealed record Actor(Guid? UserId, string Name, bool IsModerator = false)
{
    /// <summary>The import from the command line (no account).</summary>
    public static Actor Import { get; } = new(null, "import");
}
