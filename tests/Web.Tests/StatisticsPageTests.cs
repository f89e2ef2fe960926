using System.Globalization;
using System.Net;
using AnnuaireFiliere.Core.Companies;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Tests;

/// <summary><c>/statistiques</c> and its CSV downloads.</summary>
public sealed class StatisticsPageTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_page_shows_the_segment_total_charts_and_tables_with_small_cells_withheld()
    {
        var response = await site.Factory.CreateClient().GetAsync("/statistiques?province=nord", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await DirectoryWebFactory.ParseAsync(response);
        var expected = await site.WithDatabaseAsync(async db => (await db.Companies.AsNoTracking().Where(c => c.Status == PublicationStatus.Published).Select(c => c.CommuneCode).ToListAsync(Cancel))
            .Count(code => Core.Taxonomy.TaxonomyCatalog.Default.FindCommune(code) is { } commune && (commune.ProvinceCode == "nord" || commune.OtherProvinceCodes.Contains("nord"))));
        Assert.Equal(expected, SiteFixture.Digits(page.QuerySelector(".key-figures dd")!.TextContent));
        Assert.NotEmpty(page.QuerySelectorAll("svg[role=img][aria-labelledby]"));
        var cells = page.QuerySelectorAll("table.data td.num").Select(td => td.TextContent).ToList();
        Assert.DoesNotContain(cells, text => text is "1" or "2");
        Assert.Contains(cells, text => text == "< 3");
        Assert.Equal("nord", page.QuerySelector("select#s-province option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Each_table_downloads_as_csv_with_the_same_figures_in_both_variants()
    {
        var client = site.Factory.CreateClient();
        var standard = await client.GetAsync("/statistiques/sector-province.csv?taille=1-9", Cancel);
        var excel = await client.GetAsync("/statistiques/sector-province.csv?taille=1-9&format=excel", Cancel);

        Assert.Equal("text/csv", standard.Content.Headers.ContentType!.MediaType);
        var plainBytes = await standard.Content.ReadAsByteArrayAsync(Cancel);
        var excelBytes = await excel.Content.ReadAsByteArrayAsync(Cancel);
        Assert.NotEqual(0xEF, plainBytes[0]);
        Assert.Equal([0xEF, 0xBB, 0xBF], excelBytes[..3]);
        var plain = Read(plainBytes, ",");
        Assert.Equal(plain, Read(excelBytes, ";"));
        Assert.Equal(["code", "libelle", "sud", "nord", "iles", "total"], plain[0]);
        Assert.Equal(Core.Taxonomy.TaxonomyCatalog.Default.Sectors.Count + 2, plain.Count);
        Assert.All(plain.Skip(1).SelectMany(r => r.Skip(2)), v => Assert.True(v == Withheld || long.Parse(v, CultureInfo.InvariantCulture) is 0 or >= 3));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/statistiques/inconnu.csv", Cancel)).StatusCode);
    }

    private const string Withheld = "<3";

    private static List<string[]> Read(byte[] bytes, string delimiter)
    {
        using var csv = new CsvParser(new StreamReader(new MemoryStream(bytes)), new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = delimiter });
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Record!);
        }
        return rows;
    }
}
