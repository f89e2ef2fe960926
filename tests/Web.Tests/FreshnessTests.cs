using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Web.Features.Moderation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>
/// The yearly "is your profile still right?" mail: once a year per company to its owners, with a signed one-click link
/// that changes nothing until the button is pressed. The background pass is off here; the test runs one itself.
/// </summary>
public sealed class FreshnessTests : IAsyncLifetime
{
    private readonly AccountSite _site = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _site.Factory.Settings["Moderation:FreshnessMails"] = "false";
        await _site.InitializeAsync();
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task Owners_of_a_profile_unconfirmed_for_a_year_are_mailed_once_and_confirm_with_one_click()
    {
        const string email = "proprio.fraicheur@exemple.nc";
        var company = await TestCompanies.PublishedAsync(_site.Factory);
        // Dated after saving, which stamps a publication with today.
        await _site.Factory.WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company.Id).ExecuteUpdateAsync(set => set
            .SetProperty(c => c.PublishedAt, DateTime.UtcNow.AddMonths(-14)).SetProperty(c => c.LastConfirmedAt, (DateTime?)null), Cancel));
        await AccountForms.MemberClientAsync(_site.Factory, email, company.Id);
        var mailer = _site.Factory.Services.GetRequiredService<FreshnessMailer>();

        Assert.Equal(1, await mailer.RunOnceAsync(Cancel));
        Assert.Equal(0, await mailer.RunOnceAsync(Cancel));

        var mail = await _site.MailToAsync(email, $"Votre fiche {company.DisplayName} est-elle toujours exacte ?");
        var link = new Uri(AccountForms.LinkIn(mail)).PathAndQuery;
        var anonymous = _site.Factory.CreateBrowserLikeClient();
        var page = await DirectoryWebFactory.ParseAsync(await anonymous.GetAsync(link, Cancel));
        Assert.Contains(company.DisplayName, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await ConfirmedAtAsync(company.Id));

        var confirmed = await AccountForms.SubmitAsync(anonymous, link, "/mon-espace/confirmer");
        Assert.Contains("fait=1", confirmed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.NotNull(await ConfirmedAtAsync(company.Id));
        var change = await _site.Factory.WithDatabaseAsync(db => db.CompanyChanges.SingleAsync(c => c.CompanyId == company.Id && c.Kind == ChangeKind.Confirmed, Cancel));
        Assert.Equal(email, change.Actor);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("expired")]
    [InlineData("not-an-owner")]
    public async Task A_bad_link_confirms_nothing_and_says_so(string kind)
    {
        var company = await TestCompanies.PublishedAsync(_site.Factory);
        var user = await AccountForms.ConfirmedUserAsync(_site.Factory.Services, $"lien-{kind}@exemple.nc");
        if (kind != "not-an-owner")
        {
            await _site.Factory.WithDatabaseAsync(async db =>
            {
                db.CompanyMembers.Add(new CompanyMember { CompanyId = company.Id, UserId = user.Id, Role = MemberRole.Owner, Since = DateTime.UtcNow });
                return await db.SaveChangesAsync(Cancel);
            });
        }
        var protector = _site.Factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(FreshnessLinks.Purpose).ToTimeLimitedDataProtector();
        var token = kind switch
        {
            "forged" => "CfDJ8" + new string('A', 120),
            "expired" => protector.Protect($"{company.Id:N}|{user.Id:N}", DateTimeOffset.UtcNow.AddMinutes(-1)),
            _ => _site.Factory.Services.GetRequiredService<FreshnessLinks>().Token(company.Id, user.Id),
        };
        var client = _site.Factory.CreateBrowserLikeClient();
        var url = "/mon-espace/confirmer?jeton=" + Uri.EscapeDataString(token);
        var before = await ConfirmedAtAsync(company.Id);

        var response = await client.GetAsync(url, Cancel);
        var shown = await DirectoryWebFactory.ParseAsync(response);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        if (kind == "not-an-owner")
        {
            var posted = await DirectoryWebFactory.ParseAsync(await AccountForms.SubmitAsync(client, url, "/mon-espace/confirmer"));
            Assert.NotNull(posted.QuerySelector("[role=alert]"));
        }
        else
        {
            Assert.NotNull(shown.QuerySelector("[role=alert]"));
            Assert.Null(shown.QuerySelector("form[action='/mon-espace/confirmer']"));
        }
        Assert.Equal(before, await ConfirmedAtAsync(company.Id));
    }

    private Task<DateTime?> ConfirmedAtAsync(Guid company) =>
        _site.Factory.WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company).Select(c => c.LastConfirmedAt).SingleAsync(Cancel));
}
