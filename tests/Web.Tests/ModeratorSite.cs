namespace AnnuaireFiliere.Web.Tests;

/// <summary>A site (demo data, indexed) whose tests sign in many moderators: the sign-in rate limit is lifted.</summary>
public sealed class ModeratorSite : SiteFixture
{
    protected override void StartServer()
    {
        Factory.Settings["Accounts:FormPostsPerMinute"] = "1000";
        base.StartServer();
    }
}
