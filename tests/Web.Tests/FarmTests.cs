using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Web.Features.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>
/// Two nodes of a farm (docs/adr/0035): two sites on one database (the SQLite file of one data folder, or one
/// PostgreSQL database with <c>ANNUAIRE_TEST_POSTGRES</c>), each with its own name and its own Lucene replica. A change
/// saved on one is found on the other; each reports its own replica; a job's mails go out once.
/// </summary>
public sealed class FarmTests : IAsyncLifetime
{
    private readonly AccountSite _first = new();
    private DirectoryWebFactory _second = null!;
    private string? _sharedDatabase;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (TestPostgres.Active)
        {
            _sharedDatabase = await TestPostgres.AcquireAsync(_first.Factory.DataDirectory);
        }
        Configure(_first.Factory, "noeud-a");
        await _first.InitializeAsync();
        await _first.Factory.IndexedAsync();
        // The same data folder through a link of its own: each factory deletes its folder when disposed, and deleting
        // the link leaves the folder to the first node.
        var link = _first.Factory.DataDirectory + "-b";
        Directory.CreateSymbolicLink(link, _first.Factory.DataDirectory);
        _second = new DirectoryWebFactory(link);
        Configure(_second, "noeud-b");
        foreach (var key in new[] { "Mail:Smtp:Host", "Mail:Smtp:Port", "Mail:Smtp:StartTls" })
        {
            _second.Settings[key] = _first.Factory.Settings[key];
        }
        _ = _second.Server;
        // A new node builds its replica from the database, then follows the task log.
        await _second.IndexedAsync();
    }

    private void Configure(DirectoryWebFactory site, string node)
    {
        site.Settings["Node:Name"] = node;
        site.Settings["Moderation:FreshnessMails"] = "false";
        if (_sharedDatabase is not null)
        {
            site.Settings["Database:Provider"] = "PostgreSql";
            site.Settings["ConnectionStrings:Annuaire"] = _sharedDatabase;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }
        await _first.DisposeAsync();
        await TestPostgres.ReleaseAsync(_first.Factory.DataDirectory);
    }

    [Fact]
    public async Task A_company_saved_on_one_node_is_found_on_the_other_within_two_seconds()
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"Zéphyrin Réseaux {TestCompanies.Unique()}");
        var client = _second.CreateClient();
        var profile = $"/entreprises/{Slugs.From(name)}";
        Assert.DoesNotContain(profile, await client.GetStringAsync("/recherche?q=" + Uri.EscapeDataString(name), Cancel), StringComparison.Ordinal);

        var company = await TestCompanies.AddAsync(_first.Factory, name, PublicationStatus.Published);
        Assert.Equal(profile, $"/entreprises/{company.Slug}");

        // The second node's own indexing loop (it polls the shared task log every second), bounded by what the
        // scaling issue promises.
        var waited = Stopwatch.StartNew();
        var found = false;
        while (!found && waited.Elapsed < TimeSpan.FromSeconds(2))
        {
            var page = await client.GetStringAsync("/recherche?q=" + Uri.EscapeDataString(name), Cancel);
            found = page.Contains(profile, StringComparison.Ordinal);
            if (!found)
            {
                await Task.Delay(50, Cancel);
            }
        }
        Assert.True(found, $"{name}, saved on the first node, was not found on the second within 2 s.");
    }

    [Fact]
    public async Task Each_node_reports_its_own_replica_in_the_readiness_check()
    {
        foreach (var (site, node) in new[] { (_first.Factory, "noeud-a"), (_second, "noeud-b") })
        {
            var response = await site.CreateClient().GetAsync("/health/ready", Cancel);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
            var search = report.RootElement.GetProperty("checks").GetProperty("search").GetProperty("data");
            Assert.Equal(node, search.GetProperty("node").GetString());
            Assert.True(search.GetProperty("lagSeconds").GetDouble() >= 0);
            Assert.True(search.GetProperty("pendingTasks").GetInt32() >= 0);
            Assert.True(Directory.Exists(Path.Combine(_first.Factory.DataDirectory, "index-" + node)));
        }
    }

    [Fact]
    public async Task Two_nodes_mailing_at_once_send_a_freshness_mail_once()
    {
        const string email = "ferme.fraicheur@exemple.nc";
        var company = await TestCompanies.PublishedAsync(_first.Factory);
        await _first.Factory.WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company.Id).ExecuteUpdateAsync(set => set
            .SetProperty(c => c.PublishedAt, DateTime.UtcNow.AddMonths(-14)).SetProperty(c => c.LastConfirmedAt, (DateTime?)null), Cancel));
        await AccountForms.MemberClientAsync(_first.Factory, email, company.Id);
        var mailers = new[] { _first.Factory, _second }.Select(site => site.Services.GetRequiredService<FreshnessMailer>()).ToList();

        var ran = await Task.WhenAll(mailers.Select(mailer => Task.Run(() => mailer.TickAsync(Cancel), Cancel)));

        // The lease: one node ran its pass, the other skipped it.
        Assert.Single(ran, pass => pass);
        // The marks: a pass on the other node afterwards finds nothing left to send.
        Assert.Equal(0, await mailers[Array.IndexOf(ran, false)].RunOnceAsync(Cancel));
        var subject = $"Votre fiche {company.DisplayName} est-elle toujours exacte ?";
        await _first.MailToAsync(email, subject);
        var received = 0;
        foreach (var mail in _first.Smtp.ReceivedEmail.Where(m => m.ToAddresses.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase))))
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data));
            received += (await MimeMessage.LoadAsync(stream, Cancel)).Subject == subject ? 1 : 0;
        }
        Assert.Equal(1, received);
    }
}
