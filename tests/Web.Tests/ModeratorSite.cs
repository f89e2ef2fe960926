namespace AnnuaireFiliere.Web.Tests;

/// <summary>A site (demo data, indexed) whose tests sign in many moderators: the sign-in rate limit is lifted.</summary>
public class ModeratorSite : SiteFixture
{
    protected override void StartServer()
    {
        Factory.Settings["Accounts:FormPostsPerMinute"] = "1000";
        base.StartServer();
    }
}

/// <summary>A <see cref="ModeratorSite"/> whose files are in the database (<c>Storage:Files=Database</c>).</summary>
public sealed class FilesInDatabaseModeratorSite : ModeratorSite
{
    public FilesInDatabaseModeratorSite() => Factory.Settings["Storage:Files"] = "Database";
}
