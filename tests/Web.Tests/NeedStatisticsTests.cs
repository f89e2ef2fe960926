using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AnnuaireFiliere.Core.Buyers;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>A site of its own: the needs' figures count the whole table, so no other class's needs may be in it.</summary>
public sealed class NeedStatisticsSite : IAsyncLifetime
{
    public DirectoryWebFactory Factory { get; } = new();

    public ValueTask InitializeAsync()
    {
        Factory.Settings["DemoData:SeedWhenEmpty"] = "false";
        _ = Factory.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// The demand side in <c>/statistiques</c> (issue #19, point 4): the needs published at least once, per month, sector,
/// activity, service, province, buyer, answered or not, and the median days to a first answer, checked against a count
/// made here over the needs the test creates; the answered / not answered cells withheld the same way on the page, in
/// the API, the CSV and the XLSX while fewer than 3 needs are answered, exact afterwards.
/// </summary>
public sealed class NeedStatisticsTests(NeedStatisticsSite site) : IClassFixture<NeedStatisticsSite>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private DirectoryWebFactory Factory => site.Factory;

    private sealed record Spec(DateTime PublishedAt, string[] Activities, string[] Services, string? Commune, BuyerKind Buyer, double[] AnswersAfterDays);

    private static Need Build(Spec spec, int n) => new()
    {
        Slug = $"besoin-statistiques-{n}",
        Title = $"Besoin numéro {n} pour les statistiques",
        Description = "Un besoin créé par le test des statistiques de la demande, assez long pour être valable.",
        ActivityCodes = [.. spec.Activities],
        ServiceCodes = [.. spec.Services],
        CommuneCode = spec.Commune,
        Deadline = DateOnly.FromDateTime(spec.PublishedAt.AddDays(30)),
        BuyerKind = spec.Buyer,
        Buyer = new BuyerContact { Name = "Acheteur Test", Email = $"acheteur{n}@besoins-test.nc" },
        Status = NeedStatus.Published,
        CreatedAt = spec.PublishedAt.AddDays(-1),
        PublishedAt = spec.PublishedAt,
    };

    [Fact]
    public async Task The_needs_figures_match_an_independent_count_and_the_answered_cells_are_withheld_alike_on_page_api_and_downloads()
    {
        var taxonomy = Factory.Services.GetRequiredService<TaxonomyCatalog>();
        // Activities of two different sectors, and one more of the first sector.
        var first = taxonomy.Activities[0];
        var sameSector = taxonomy.Activities.First(a => a.SectorCode == first.SectorCode && a.Code != first.Code);
        var otherSector = taxonomy.Activities.First(a => a.SectorCode != first.SectorCode);
        var services = taxonomy.Services.Take(2).Select(s => s.Code).ToArray();
        var south = taxonomy.Communes.First(c => c.ProvinceCode == "sud").Code;
        var north = taxonomy.Communes.First(c => c.ProvinceCode == "nord").Code;
        Guid[] companies = [(await TestCompanies.PublishedAsync(Factory)).Id, (await TestCompanies.PublishedAsync(Factory)).Id];

        var specs = new List<Spec>
        {
            new(new DateTime(2026, 9, 10, 0, 0, 0, DateTimeKind.Utc), [first.Code, otherSector.Code], [services[0]], south, BuyerKind.Public, [2.0]),
            new(new DateTime(2026, 9, 20, 0, 0, 0, DateTimeKind.Utc), [first.Code, sameSector.Code], [], north, BuyerKind.Private, []),
            new(new DateTime(2026, 10, 5, 0, 0, 0, DateTimeKind.Utc), [otherSector.Code], [services[0], services[1]], null, BuyerKind.Private, [5.0, 1.0]),
            new(new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc), [], [services[1]], south, BuyerKind.Public, []),
            new(new DateTime(2026, 11, 30, 20, 0, 0, DateTimeKind.Utc), [sameSector.Code], [], null, BuyerKind.Private, []),
        };
        await AddAsync(specs, companies, 0);
        // Never published (pending, refused before publication): not counted.
        await Factory.WithDatabaseAsync(db =>
        {
            var pending = Build(specs[0], 99);
            pending.Status = NeedStatus.PendingReview;
            pending.PublishedAt = null;
            db.Needs.Add(pending);
            return db.SaveChangesAsync(Cancel);
        });

        // Two needs answered: "< 3", and the other cell withheld to protect it; no median.
        var figures = await ExpectAsync(specs, taxonomy, answeredWithheld: true);
        Assert.Equal(JsonValueKind.Null, figures.GetProperty("medianDaysToFirstAnswer").ValueKind);

        // Two more answered needs: every figure exact, the median of the four first answers.
        var more = new List<Spec>
        {
            new(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), [first.Code], [], north, BuyerKind.Public, [7.0]),
            new(new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc), [otherSector.Code], [services[0]], south, BuyerKind.Private, [0.5, 3.0]),
        };
        await AddAsync(more, companies, specs.Count);
        specs.AddRange(more);
        figures = await ExpectAsync(specs, taxonomy, answeredWithheld: false);
        // First answers: 2, 1 (min of 5 and 1), 7, 0.5 → median (1 + 2) / 2 = 1.5.
        Assert.Equal(1.5, figures.GetProperty("medianDaysToFirstAnswer").GetDouble());
    }

    /// <summary>The needs, each answer by another company (a company answers a need once).</summary>
    private async Task AddAsync(IReadOnlyList<Spec> specs, Guid[] companies, int offset) =>
        await Factory.WithDatabaseAsync(db =>
        {
            foreach (var (spec, i) in specs.Select((s, i) => (s, i)))
            {
                var need = Build(spec, offset + i);
                db.Needs.Add(need);
                foreach (var (days, a) in spec.AnswersAfterDays.Select((d, a) => (d, a)))
                {
                    db.NeedAnswers.Add(new NeedAnswer { NeedId = need.Id, CompanyId = companies[a], Message = "Nous sommes intéressés.", CreatedAt = spec.PublishedAt.AddDays(days) });
                }
            }
            return db.SaveChangesAsync(Cancel);
        });

    /// <summary>
    /// The counts made here from <paramref name="specs"/>, compared with the page, the API, each CSV and the XLSX; returns
    /// the API's answer.
    /// </summary>
    private async Task<JsonElement> ExpectAsync(IReadOnlyList<Spec> specs, TaxonomyCatalog taxonomy, bool answeredWithheld)
    {
        var noumea = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Noumea");
        Dictionary<string, string> Count(IEnumerable<IEnumerable<string>> codes) => codes.SelectMany(c => c.Distinct())
            .GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count().ToString(CultureInfo.InvariantCulture));
        var answered = specs.Count(s => s.AnswersAfterDays.Length > 0);
        var expected = new Dictionary<string, Dictionary<string, string>>
        {
            [NeedStatisticsNames.PerMonth] = Count(specs.Select(s => new[] { TimeZoneInfo.ConvertTimeFromUtc(s.PublishedAt, noumea).ToString("yyyy-MM", CultureInfo.InvariantCulture) })),
            [NeedStatisticsNames.Sector] = Count(specs.Select(s => s.Activities.Select(a => taxonomy.FindActivity(a)!.SectorCode))),
            [NeedStatisticsNames.Activity] = Count(specs.Select(s => s.Activities)),
            [NeedStatisticsNames.Service] = Count(specs.Select(s => s.Services)),
            [NeedStatisticsNames.Province] = Count(specs.Select(s => new[] { s.Commune is null ? "territoire" : taxonomy.FindCommune(s.Commune)!.ProvinceCode })),
            [NeedStatisticsNames.Buyer] = Count(specs.Select(s => new[] { s.Buyer == BuyerKind.Public ? "public" : "prive" })),
            [NeedStatisticsNames.Answered] = answeredWithheld
                ? new() { ["oui"] = "<3", ["non"] = "s" }
                : new() { ["oui"] = answered.ToString(CultureInfo.InvariantCulture), ["non"] = (specs.Count - answered).ToString(CultureInfo.InvariantCulture) },
        };
        // The November need published at 20:00 UTC on the 30th is in December in Nouméa.
        Assert.True(expected[NeedStatisticsNames.PerMonth].ContainsKey("2026-12"));

        var client = Factory.CreateBrowserLikeClient();
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/statistiques", Cancel));
        var section = page.QuerySelector("[data-needs]")!;
        Assert.Equal($"Besoins publiés : {specs.Count}", section.QuerySelector("[data-needs-total]")!.TextContent.Trim());
        Assert.Contains("Besoins des acheteurs", page.QuerySelector("nav#sommaire, #sommaire")?.TextContent ?? page.Body!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Délai médian avant la première réponse", section.QuerySelector("[data-needs-median]")!.TextContent.Trim(), StringComparison.Ordinal);

        var api = await client.GetAsync("/api/v1/statistiques/besoins", Cancel);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var json = JsonDocument.Parse(await api.Content.ReadAsStringAsync(Cancel)).RootElement;
        var figures = json.GetProperty("figures");
        Assert.Equal(specs.Count, figures.GetProperty("total").GetProperty("count").GetInt64());

        using var workbook = new MemoryStream(await client.GetByteArrayAsync("/statistiques/besoins.xlsx", Cancel));
        var sheets = MiniExcelLibs.MiniExcel.GetSheetNames(workbook);

        foreach (var (table, counts) in expected)
        {
            var onPage = section.QuerySelectorAll($"[data-needs-table='{table}'] tbody tr")
                .ToDictionary(tr => tr.GetAttribute("data-code")!, tr => tr.QuerySelector("td")!.TextContent.Trim().Replace("< 3", "<3", StringComparison.Ordinal).Replace("\u202f", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal));
            Assert.Equal(counts.OrderBy(p => p.Key), onPage.OrderBy(p => p.Key));

            var fromApi = figures.GetProperty("distributions").EnumerateArray().Single(t => t.GetProperty("name").GetString() == table).GetProperty("rows").EnumerateArray()
                .ToDictionary(r => r.GetProperty("code").GetString()!, r => r.GetProperty("withheld").GetBoolean()
                    ? (r.GetProperty("reason").GetString() == "moins-de-3" ? "<3" : "s")
                    : r.GetProperty("count").GetInt64().ToString(CultureInfo.InvariantCulture));
            Assert.Equal(counts.OrderBy(p => p.Key), fromApi.OrderBy(p => p.Key));

            var csv = await client.GetAsync($"/statistiques/besoins/{table}.csv", Cancel);
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            var lines = (await csv.Content.ReadAsStringAsync(Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
            Assert.Equal("code,libelle,besoins", lines[0].TrimStart('\uFEFF'));
            var fromCsv = lines.Skip(1).Select(CsvFields).ToDictionary(f => f[0], f => f[2]);
            Assert.Equal(counts.OrderBy(p => p.Key), fromCsv.OrderBy(p => p.Key));

            var sheet = sheets.Single(name => name != sheets[0] && MiniExcelLibs.MiniExcel.Query(workbook, useHeaderRow: true, sheetName: name)
                .Cast<IDictionary<string, object>>().Select(r => (string)r["code"]).ToHashSet().SetEquals(counts.Keys));
            var fromXlsx = MiniExcelLibs.MiniExcel.Query(workbook, useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object>>()
                .ToDictionary(r => (string)r["code"], r => Convert.ToString(r["besoins"], CultureInfo.InvariantCulture)!);
            Assert.Equal(counts.OrderBy(p => p.Key), fromXlsx.OrderBy(p => p.Key));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/statistiques/besoins/inconnu.csv", Cancel)).StatusCode);
        Assert.Equal(answeredWithheld, json.GetProperty("medianWithheld").GetBoolean());
        return json;
    }

    /// <summary>The fields of a CSV line (quoted fields may hold commas).</summary>
    private static string[] CsvFields(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        fields.Add(current.ToString());
        return [.. fields];
    }
}
