using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MiniExcelLibs;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>
/// A census wave from start to results, on a site of its own (no demo data, a mail server, a clock the test moves):
/// an analyst opens it, the mailer invites the owners and the unclaimed companies, owners answer through their page,
/// reminders go to the others on their day, the wave closes, and the key figures, the analysts' results, the
/// workbook, the API, the open data and the pseudonymised answers agree with a computation made here.
/// </summary>
public sealed class SurveyResultsPageTests : IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private AccountSite _site = null!;

    private DirectoryWebFactory _factory => _site.Factory;

    public ValueTask InitializeAsync()
    {
        _site = new AccountSite { TestServices = services => services.AddSingleton<TimeProvider>(_clock) };
        _site.Factory.Settings["DemoData:SeedWhenEmpty"] = "false";
        _site.Factory.Settings["Survey:Mails"] = "false"; // the test runs each pass at the time it sets
        return _site.InitializeAsync();
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private Task<int> MailPassAsync() =>
        new Features.Survey.SurveyMailer(_factory.Services.GetRequiredService<IServiceScopeFactory>(), _clock, NullLogger<Features.Survey.SurveyMailer>.Instance).RunOnceAsync(Cancel);

    private static readonly string[] Activities = ["A0405", "A0505", "A1002"];

    private const string InvitationSubject = "Enquête de l'observatoire du numérique : {0} est invitée à répondre";
    private const string ReminderSubject = "Rappel : l'enquête de l'observatoire attend les réponses de {0}";

    private string Day(int days) => _clock.GetUtcNow().UtcDateTime.AddHours(11).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static (string, string)[] Answers(int i, bool online) =>
    [
        ("action", "envoyer"), ("r.clients-types.entreprises", "70"), ("r.clients-types.public", "30"), ("r.clients-hors-nc", "non"),
        ("r.effectif", (3 + i).ToString(CultureInfo.InvariantCulture)), ("r.embauches", (i % 3).ToString(CultureInfo.InvariantCulture)),
        ("r.recrutement-difficultes", "non"), ("r.ca-tranche", i < 4 ? "10-50m" : "50-200m"), ("r.ca-evolution", "hausse"), ("r.perspectives", "4"),
        ("r.connexion-qualite", "3"), ("r.vente-en-ligne", online ? "oui" : "non"),
        .. online ? new[] { ("r.canaux", "site-propre"), ("r.paiement", "carte"), ("r.livraison-iles", "oui"), ("r.part-en-ligne", "20") } : [],
    ];

    [Fact]
    public async Task A_wave_runs_from_opening_to_key_figures_that_agree_with_an_independent_weighting()
    {
        // Sixteen companies in three sectors and two size bands, the last four without an owner; twelve answer, seven of them selling online.
        var companies = new List<Company>();
        for (var i = 0; i < 16; i++)
        {
            var index = i;
            companies.Add(await TestCompanies.PublishedAsync(_factory, (c, _) =>
            {
                c.PrimaryActivityCode = Activities[index % 3];
                c.SecondaryActivities.Clear();
                c.SizeBandCode = index < 8 ? "02" : "11";
            }));
        }
        var analyst = await AccountForms.SignedInClientAsync(_factory, "analyste@observatoire-test.nc", Roles.Analyst);
        var listing = await DirectoryWebFactory.ParseAsync(await analyst.GetAsync("/observatoire/vagues", Cancel));
        var form = listing.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.GetAttribute("action") == "/observatoire/vagues");
        var created = await ProfileForms.PostAsync(analyst, form, ("Input.Title", "Enquête de bout en bout"), ("Input.Opens", Day(0)), ("Input.Closes", Day(20)), ("Input.Reminders", "7"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var wave = await _factory.WithDatabaseAsync(db => db.SurveyWaves.AsNoTracking().SingleAsync(Cancel));
        var owners = new List<HttpClient>();
        for (var i = 0; i < 12; i++)
        {
            owners.Add(await AccountForms.MemberClientAsync(_factory, $"proprietaire{i}@enquete-test.nc", companies[i].Id));
        }

        // Opening day: an invitation to each owner (their page) and to each unclaimed company's contact (a signed link).
        _clock.Advance(TimeSpan.FromHours(12));
        Assert.Equal(16, await MailPassAsync());
        var online = new[] { 0, 1, 2, 3, 6, 9, 10 };
        for (var i = 0; i < 12; i++)
        {
            var invitation = await _site.MailToAsync($"proprietaire{i}@enquete-test.nc", string.Format(CultureInfo.InvariantCulture, InvitationSubject, companies[i].DisplayName));
            var url = new Uri(AccountForms.LinkIn(invitation)).PathAndQuery;
            Assert.Equal($"/mon-espace/entreprises/{companies[i].Id}/enquete/{wave.Id}", url);
            var owner = owners[i];
            var page = await DirectoryWebFactory.ParseAsync(await owner.GetAsync(url, Cancel));
            var sent = await ProfileForms.PostAsync(owner, page.QuerySelector<IHtmlFormElement>("form.survey-form")!, Answers(i, online.Contains(i)));
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        foreach (var unclaimed in companies.Skip(12))
        {
            var invitation = await _site.MailToAsync(unclaimed.Email!, string.Format(CultureInfo.InvariantCulture, InvitationSubject, unclaimed.DisplayName));
            Assert.StartsWith("/enquete/", new Uri(AccountForms.LinkIn(invitation)).AbsolutePath, StringComparison.Ordinal);
        }

        // The reminder day: only the four that have not answered are reminded, once.
        _clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(4, await MailPassAsync());
        Assert.Equal(0, await MailPassAsync());
        foreach (var unclaimed in companies.Skip(12))
        {
            await _site.MailToAsync(unclaimed.Email!, string.Format(CultureInfo.InvariantCulture, ReminderSubject, unclaimed.DisplayName));
            Assert.Equal(2, _site.MailsTo(unclaimed.Email!).Count);
        }
        Assert.All(Enumerable.Range(0, 12), i => Assert.DoesNotContain(Subjects($"proprietaire{i}@enquete-test.nc"), s => s.StartsWith("Rappel", StringComparison.Ordinal)));

        var early = await DirectoryWebFactory.ParseAsync(await analyst.GetAsync($"/observatoire/vagues/{wave.Id}/resultats", Cancel));
        Assert.NotNull(early.QuerySelector("[data-state=not-closed]"));
        _clock.Advance(wave.ClosesAt - _clock.GetUtcNow().UtcDateTime + TimeSpan.FromHours(1));
        analyst = await AccountForms.SignedInClientAsync(_factory, "analyste-apres@observatoire-test.nc", Roles.Analyst); // the first one's sign-in has expired

        var expected = IndependentShare(companies, [.. Enumerable.Range(0, 12)], online);
        var figures = await DirectoryWebFactory.ParseAsync(await _factory.CreateClient().GetAsync($"/chiffres-cles/{wave.Id}", Cancel));
        Assert.Equal(16, SiteFixture.Digits(figures.QuerySelector("[data-population]")!.TextContent));
        Assert.Equal(12, SiteFixture.Digits(figures.QuerySelector("[data-respondents]")!.TextContent));
        var sells = figures.QuerySelector("table[data-question=vente-en-ligne] tr[data-option=oui] [data-share]")!;
        Assert.Equal((expected * 100).ToString("0", CultureInfo.GetCultureInfo("fr-FR")) + " %", sells.TextContent);
        // Four respondents per sector: too few for a sector's results to be shown; no respondents' counts either.
        Assert.Empty(figures.QuerySelectorAll("tr[data-group=S10]"));
        Assert.Empty(figures.QuerySelectorAll("tr[data-group=S04]"));
        // Nobody has trouble recruiting: the question on the profiles sought, answered by none, publishes nothing.
        Assert.NotNull(figures.QuerySelector("#question-recrutement-profils ~ [data-too-few]"));
        Assert.Empty(figures.QuerySelectorAll("[data-count]"));
        Assert.Same(figures.QuerySelector("#indicateur-vente-en-ligne"), figures.QuerySelector("h2#indicateur-vente-en-ligne"));

        var results = await DirectoryWebFactory.ParseAsync(await analyst.GetAsync($"/observatoire/vagues/{wave.Id}/resultats", Cancel));
        Assert.NotNull(results.QuerySelector("[data-weighting=calibrated]"));
        Assert.Null(results.QuerySelector("[data-pooled]"));
        Assert.Equal("7", results.QuerySelector("table[data-question=vente-en-ligne] tr[data-option=oui] [data-count]")!.TextContent);
        Assert.NotEmpty(results.QuerySelectorAll("tr[data-group=S10]"));

        var workbook = await _factory.CreateClient().GetByteArrayAsync($"/chiffres-cles/{wave.Id}?handler=Xlsx", Cancel);
        using var book = new MemoryStream(workbook);
        var sheets = MiniExcel.GetSheetNames(book);
        Assert.Equal("À propos", sheets[0]);
        Assert.Contains("vente-en-ligne", sheets);
        var rows = book.Query(useHeaderRow: true, sheetName: "vente-en-ligne").Cast<IDictionary<string, object>>().ToList();
        var oui = rows.Single(r => (string)r["groupe"] == "ensemble" && (string)r["reponse"] == "oui");
        Assert.Equal(expected * 100, Convert.ToDouble(oui["part_pct"], CultureInfo.InvariantCulture), 0.05);
        Assert.DoesNotContain("repondants_reponse", rows[0].Keys);

        // The API gives the same protected figures.
        using (var api = System.Text.Json.JsonDocument.Parse(await _factory.CreateClient().GetStringAsync($"/api/v1/enquetes/{wave.Id}", Cancel)))
        {
            var question = api.RootElement.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("id").GetString() == "vente-en-ligne");
            var groups = question.GetProperty("groups").EnumerateArray().ToList();
            Assert.Equal("ensemble", groups[0].GetProperty("group").GetString());
            Assert.DoesNotContain(groups, g => g.GetProperty("group").GetString() == "S10");
            var share = groups[0].GetProperty("options").EnumerateArray().Single(o => o.GetProperty("code").GetString() == "oui").GetProperty("share").GetDouble();
            Assert.Equal(expected, share, 1e-5);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.CreateClient().GetAsync($"/api/v1/enquetes/{Guid.NewGuid()}", Cancel)).StatusCode);

        // The open data carries the same protected table, with its Table Schema.
        var store = _factory.Services.GetRequiredService<Features.OpenData.OpenDataStore>();
        var extract = await store.EnsureTodayAsync(Cancel);
        var open = OpenDataTests.Text(await store.ReadAllBytesAsync(extract, Features.OpenData.OpenDataWriter.SurveysCsv, Cancel))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(',')).ToList();
        Assert.Equal([.. Features.KeyFigures.SurveyPublication.OpenDataColumns], open[0]);
        var openOui = open.Single(l => l[0] == wave.Id.ToString() && l[3] == "vente-en-ligne" && l[5] == "ensemble" && l[8] == "oui");
        Assert.Equal(expected * 100, double.Parse(openOui[10], CultureInfo.InvariantCulture), 0.05);
        Assert.DoesNotContain(open, l => l.Length > 5 && l[5] == "S10");
        Assert.Contains("\"enquetes.csv\"", OpenDataTests.Text(await store.ReadAllBytesAsync(extract, Features.OpenData.OpenDataWriter.Descriptor, Cancel)), StringComparison.Ordinal);

        var microdata = await analyst.GetStringAsync($"/observatoire/vagues/{wave.Id}/resultats?handler=Microdonnees", Cancel);
        var lines = microdata.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(13, lines.Length);
        Assert.StartsWith("cle,secteur,taille,province,poids,", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("commentaire", lines[0], StringComparison.Ordinal);
        Assert.All(companies, c => Assert.DoesNotContain(c.Id.ToString(), microdata, StringComparison.OrdinalIgnoreCase));
        Assert.All(companies, c => Assert.DoesNotContain(c.LegalName, microdata, StringComparison.Ordinal));
        var again = await analyst.GetStringAsync($"/observatoire/vagues/{wave.Id}/resultats?handler=Microdonnees", Cancel);
        Assert.Empty(lines.Skip(1).Select(l => l.Split(',')[0]).Intersect(again.Split('\n').Skip(1).Select(l => l.Split(',')[0])));

        var member = await AccountForms.SignedInClientAsync(_factory, "membre@enquete-test.nc", null);
        DirectoryWebFactory.AssertRefused(await member.GetAsync($"/observatoire/vagues/{wave.Id}/resultats", Cancel));
        DirectoryWebFactory.AssertRefused(await member.GetAsync($"/observatoire/vagues/{wave.Id}/resultats?handler=Microdonnees", Cancel));
    }

    private List<string> Subjects(string address) =>
        [.. _site.MailsTo(address).Select(m => MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))).Subject ?? "")];

    /// <summary>
    /// The share of respondents selling online, weighted by raking the sector × size band table of respondents to the
    /// population's margins (cell by cell, as a statistician would by hand).
    /// </summary>
    private static double IndependentShare(List<Company> population, int[] respondents, int[] online)
    {
        var taxonomy = TaxonomyCatalog.Default;
        (string Sector, string Size) Cell(Company c) => (taxonomy.FindActivity(c.PrimaryActivityCode)!.SectorCode, taxonomy.FindSizeBand(c.SizeBandCode)!.FacetBand);
        var cells = respondents.GroupBy(i => Cell(population[i])).ToDictionary(g => g.Key, g => (double)g.Count() * population.Count / respondents.Length);
        for (var round = 0; round < 200; round++)
        {
            foreach (var margin in new Func<(string Sector, string Size), string>[] { c => c.Sector, c => c.Size })
            {
                foreach (var group in cells.Keys.GroupBy(margin).ToList())
                {
                    var target = population.Count(c => margin(Cell(c)) == group.Key);
                    var sum = group.Sum(k => cells[k]);
                    foreach (var key in group)
                    {
                        cells[key] *= target / sum;
                    }
                }
            }
        }
        double Weight(int i) => cells[Cell(population[i])] / respondents.Count(j => Cell(population[j]) == Cell(population[i]));
        return respondents.Where(online.Contains).Sum(Weight) / respondents.Sum(Weight);
    }
}
