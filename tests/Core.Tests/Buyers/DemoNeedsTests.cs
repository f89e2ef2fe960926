using AnnuaireFiliere.Core.Buyers;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Demo;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Core.Tests.Buyers;

/// <summary>The demo's buyers' needs: a year of them, in every state, answered by companies that do the work.</summary>
public sealed class DemoNeedsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seeding_posts_a_year_of_needs_answered_by_published_companies_with_one_of_their_activities()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var services = database.DemoServices())
        {
            await services.GetRequiredService<DemoSeeder>().SeedAsync(600, 2014, batchSize: 200, cancellationToken: Cancel);
        }
        var now = database.Clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        await using var db = database.Context();
        var needs = await db.Needs.AsNoTracking().ToListAsync(Cancel);
        var answers = await db.NeedAnswers.AsNoTracking().ToListAsync(Cancel);
        var changes = await db.NeedChanges.AsNoTracking().ToListAsync(Cancel);
        var companies = await db.Companies.AsNoTracking().Include(c => c.SecondaryActivities).ToDictionaryAsync(c => c.Id, Cancel);

        Assert.Equal(36, needs.Count);
        Assert.Equal(needs.Count, needs.Select(n => n.Slug).Distinct().Count());
        Assert.Equal(2, needs.Count(n => n.Status == NeedStatus.PendingReview));
        Assert.Contains(needs, n => n.Status == NeedStatus.Published);
        Assert.Contains(needs, n => n.Status == NeedStatus.Filled);
        Assert.Contains(needs, n => n.BuyerKind == BuyerKind.Public);
        Assert.Contains(needs, n => n.BuyerKind == BuyerKind.Private);
        Assert.Contains(needs, n => n.CommuneCode is null);
        Assert.InRange(needs.Select(n => ((n.PublishedAt ?? n.CreatedAt).Year, (n.PublishedAt ?? n.CreatedAt).Month)).Distinct().Count(), 10, 14);
        Assert.All(needs, need =>
        {
            Assert.InRange(need.CreatedAt, now.AddDays(-370), now);
            Assert.All(need.ActivityCodes, code => Assert.NotNull(TaxonomyCatalog.Default.FindActivity(code)));
            Assert.All(need.ServiceCodes, code => Assert.NotNull(TaxonomyCatalog.Default.FindService(code)));
            Assert.False(BuyerGuard.HasLink(need.Description));
            Assert.EndsWith("@exemple.nc", need.Buyer.Email, StringComparison.Ordinal);
            switch (need.Status)
            {
                case NeedStatus.PendingReview:
                    Assert.Null(need.PublishedAt);
                    Assert.True(need.Deadline > today);
                    break;
                case NeedStatus.Published:
                    Assert.True(need.Deadline >= today);
                    Assert.Null(need.ClosedAt);
                    break;
                default:
                    Assert.NotNull(need.ClosedAt);
                    Assert.InRange(need.ClosedAt!.Value, need.PublishedAt!.Value, now);
                    break;
            }
            var history = changes.Where(c => c.NeedId == need.Id).OrderBy(c => c.At).ToList();
            Assert.Equal(NeedStatus.PendingReview, history[0].Status);
            Assert.Equal(need.Status, history[^1].Status);
        });

        Assert.NotEmpty(answers);
        Assert.All(answers, answer =>
        {
            var need = needs.Single(n => n.Id == answer.NeedId);
            var company = companies[answer.CompanyId];
            Assert.Equal(PublicationStatus.Published, company.Status);
            Assert.True(need.ActivityCodes.Intersect(company.AllActivityCodes).Any(), $"{company.DisplayName} answered \"{need.Title}\"");
            Assert.InRange(answer.CreatedAt, need.PublishedAt!.Value, now);
            Assert.True(DateOnly.FromDateTime(answer.CreatedAt) <= need.Deadline);
        });
        Assert.Equal(answers.Count, answers.Select(a => (a.NeedId, a.CompanyId)).Distinct().Count());
    }
}
