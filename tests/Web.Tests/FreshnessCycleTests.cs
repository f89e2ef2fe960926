using System.Net;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Web.Features.Moderation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>The site with the yearly freshness mails switched off as a hosted service: the tests run each pass themselves.</summary>
public sealed class FreshnessCycleSite : IAsyncLifetime
{
    public AccountSite Site { get; } = new();

    public ValueTask InitializeAsync()
    {
        Site.Factory.Settings["Moderation:FreshnessMails"] = "false";
        return Site.InitializeAsync();
    }

    public ValueTask DisposeAsync() => Site.DisposeAsync();
}

/// <summary>
/// The freshness mails over time, with the mailer's clock set by the test: owners only, profiles not confirmed for a
/// year only, then nothing until a year after the last mail; a link that is expired or forged confirms nothing even
/// when posted.
/// </summary>
public sealed class FreshnessCycleTests(FreshnessCycleSite fixture) : IClassFixture<FreshnessCycleSite>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private AccountSite Site => fixture.Site;

    [Fact]
    public async Task Only_owners_of_profiles_unconfirmed_for_a_year_are_mailed_and_then_not_again_for_a_year()
    {
        var now = DateTime.UtcNow;
        var stale = await CompanyAsync("Lifou Logiciels", publishedAt: now.AddMonths(-13));
        var recent = await CompanyAsync("Maré Médias", publishedAt: now.AddMonths(-6));
        await MemberAsync("gerante.lifou@exemple.nc", stale, MemberRole.Owner);
        await MemberAsync("redacteur.lifou@exemple.nc", stale, MemberRole.Editor);
        await MemberAsync("gerant.mare@exemple.nc", recent, MemberRole.Owner);

        Assert.True(await PassAsync(now) >= 1);
        Assert.Equal(0, await PassAsync(now.AddDays(1)));

        await Site.MailToAsync("gerante.lifou@exemple.nc", "Votre fiche Lifou Logiciels est-elle toujours exacte ?");
        Assert.Single(MailsTo("gerante.lifou@exemple.nc"));
        Assert.Empty(MailsTo("redacteur.lifou@exemple.nc"));
        Assert.Empty(MailsTo("gerant.mare@exemple.nc"));
        Assert.Equal(now, (await ColumnAsync(stale, c => c.FreshnessMailedAt))!.Value, TimeSpan.FromSeconds(1));
        Assert.Null(await ColumnAsync(recent, c => c.FreshnessMailedAt));

        // Not confirmed after the mail: nothing more for eleven months, the next mail a year on.
        await PassAsync(now.AddMonths(11));
        Assert.Single(MailsTo("gerante.lifou@exemple.nc"));
        await PassAsync(now.AddMonths(13));
        Assert.Equal(2, MailsTo("gerante.lifou@exemple.nc").Count);
    }

    [Fact]
    public async Task An_expired_or_forged_token_posted_in_place_of_a_good_one_confirms_nothing()
    {
        var company = await CompanyAsync("Koumac Code", publishedAt: DateTime.UtcNow.AddMonths(-14));
        var owner = await MemberAsync("gerant.koumac@exemple.nc", company, MemberRole.Owner);
        var protection = Site.Factory.Services.GetRequiredService<IDataProtectionProvider>();
        var valid = new FreshnessLinks(protection, TimeProvider.System).Token(company, owner);
        // Made two months and a day ago: its lifetime is over.
        var expired = new FreshnessLinks(protection, new FakeTimeProvider(DateTimeOffset.UtcNow - FreshnessLinks.Lifetime - TimeSpan.FromDays(1))).Token(company, owner);
        var forged = valid[..^4] + (valid.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var visitor = Site.Factory.CreateBrowserLikeClient();
        var validUrl = "/mon-espace/confirmer?jeton=" + Uri.EscapeDataString(valid);

        foreach (var token in new[] { expired, forged, "pas-un-jeton" })
        {
            // The good link's form, with another token in its place.
            var refused = await AccountForms.SubmitAsync(visitor, validUrl, "/mon-espace/confirmer", ("jeton", token));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await DirectoryWebFactory.ParseAsync(refused);
            Assert.Equal("Ce lien n'est pas valable ou a expiré. Connectez-vous pour confirmer votre fiche depuis votre espace.", page.QuerySelector("[role=alert]")!.TextContent);
            Assert.NotNull(page.QuerySelector("main a[href='/mon-espace']"));
        }

        Assert.Null(await ColumnAsync(company, c => c.LastConfirmedAt));
        Assert.False(await Site.Factory.WithDatabaseAsync(db => db.CompanyChanges.AnyAsync(c => c.CompanyId == company && c.Kind == ChangeKind.Confirmed, Cancel)));
    }

    /// <summary>One pass of the mailer with its clock at <paramref name="at"/>.</summary>
    private Task<int> PassAsync(DateTime at) =>
        new FreshnessMailer(Site.Factory.Services.GetRequiredService<IServiceScopeFactory>(), new FakeTimeProvider(at), NullLogger<FreshnessMailer>.Instance).RunOnceAsync(Cancel);

    private IReadOnlyList<netDumbster.smtp.SmtpMessage> MailsTo(string address) => Site.MailsTo(address);

    private Task<DateTime?> ColumnAsync(Guid company, System.Linq.Expressions.Expression<Func<Company, DateTime?>> column) =>
        Site.Factory.WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company).Select(column).SingleAsync(Cancel));

    private async Task<Guid> CompanyAsync(string name, DateTime publishedAt)
    {
        var company = await TestCompanies.AddAsync(Site.Factory, name, PublicationStatus.Published);
        // Dated after saving, which stamps a publication with today.
        await Site.Factory.WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company.Id).ExecuteUpdateAsync(set => set
            .SetProperty(c => c.PublishedAt, publishedAt).SetProperty(c => c.CreatedAt, publishedAt).SetProperty(c => c.LastConfirmedAt, (DateTime?)null), Cancel));
        return company.Id;
    }

    private async Task<Guid> MemberAsync(string email, Guid company, MemberRole role)
    {
        var user = await AccountForms.ConfirmedUserAsync(Site.Factory.Services, email);
        await Site.Factory.WithDatabaseAsync(async db =>
        {
            db.CompanyMembers.Add(new CompanyMember { CompanyId = company, UserId = user.Id, Role = role, Since = DateTime.UtcNow });
            return await db.SaveChangesAsync(Cancel);
        });
        return user.Id;
    }
}
