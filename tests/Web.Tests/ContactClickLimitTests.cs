using System.Net;
using AnnuaireFiliere.Web.Features.Companies;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>The contact-click beacon on a site of its own (its rate limit counts every request from the test's address).</summary>
public sealed class ContactClickLimitTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_script_posting_clicks_in_a_loop_is_refused_past_the_limit_and_inflates_nothing_more()
    {
        var company = await TestCompanies.PublishedAsync(site.Factory);
        var script = site.Factory.CreateBrowserLikeClient();
        script.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36");
        var beacon = $"/entreprises/{company.Slug}/contact";

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < ProfileAudienceCounting.ClicksPerMinute + 5; i++)
        {
            var response = await script.PostAsync(beacon, null, Cancel);
            answers.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        Assert.True(answers.Count(a => a == HttpStatusCode.NoContent) <= ProfileAudienceCounting.ClicksPerMinute);
        var counted = await site.WithDatabaseAsync(db => Task.FromResult(db.ProfileDailyCounts.Where(c => c.CompanyId == company.Id).Sum(c => c.ContactClicks)));
        Assert.Equal(answers.Count(a => a == HttpStatusCode.NoContent), counted);
    }
}
