using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Data.Files;
using AnnuaireFiliere.Web.Features.OpenData;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AnnuaireFiliere.Web.Tests;

/// <summary><c>/donnees</c>: the daily open-data extract, read back and checked against the database.</summary>
public sealed class OpenDataTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The column names reusers' scripts rely on: a change here is a breaking change of the open data.</summary>
    private static readonly string[] PinnedColumns =
    [
        "identifiant", "nom", "raison_sociale", "sigle", "ridet", "forme_juridique_code", "forme_juridique", "annee_creation",
        "tranche_effectif_code", "tranche_effectif", "secteur_code", "secteur", "activite_principale_code", "activite_principale",
        "activites_secondaires_codes", "commune_code", "commune", "province_code", "province", "code_postal", "adresse", "site_web",
        "courriel", "telephones", "reseaux_sociaux", "description", "description_en", "services_catalogue_codes", "services_catalogue", "services", "competences", "labels", "langues",
        "zone_territoire_entier", "zone_provinces", "zone_communes", "zone_pacifique", "zone_international", "vente_en_ligne",
        "boutique_en_ligne", "places_de_marche", "paiement_en_ligne", "livraison_territoire", "livraison_iles", "b2b", "b2c",
        "plateformes", "date_publication", "date_mise_a_jour", "date_confirmation",
        // Appended after the first publication; earlier names and their order never change.
        "url",
    ];

    private static readonly HashSet<string> TableSchemaTypes =
        ["string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime", "year", "yearmonth", "duration", "geopoint", "geojson", "any"];

    private async Task<string> TextAsync(string url)
    {
        var response = await site.Factory.CreateClient().GetAsync(url, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Cancel);
    }

    internal static List<Dictionary<string, string>> ParseCsv(string text, out string[] header)
    {
        using var csv = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        header = csv.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in header)
            {
                row[name] = csv.GetField(name)!;
            }
            rows.Add(row);
        }
        return rows;
    }

    private Task<List<Company>> PublishedAsync() => site.WithDatabaseAsync(db => db.Companies.AsNoTracking()
        .Include(c => c.SecondaryActivities).Where(c => c.Status == PublicationStatus.Published).ToListAsync(Cancel));

    [Fact]
    public async Task The_csv_holds_exactly_the_published_companies_with_their_public_fields()
    {
        var published = (await PublishedAsync()).ToDictionary(c => c.Slug, StringComparer.Ordinal);

        var rows = ParseCsv(await TextAsync("/donnees/entreprises.csv"), out _);

        Assert.Equal(published.Count, rows.Count);
        Assert.Equal(published.Keys.Order(StringComparer.Ordinal), rows.Select(r => r["identifiant"]).Order(StringComparer.Ordinal));
        foreach (var row in rows)
        {
            var company = published[row["identifiant"]];
            Assert.Equal(company.DisplayName, row["nom"]);
            Assert.Equal(company.Ridet?.ToString() ?? "", row["ridet"]);
            Assert.Equal(company.CommuneCode, row["commune_code"]);
            Assert.Equal(company.PrimaryActivityCode, row["activite_principale_code"]);
            Assert.Equal(string.Join('|', company.SecondaryActivities.Select(a => a.ActivityCode).Order(StringComparer.Ordinal)), row["activites_secondaires_codes"]);
            Assert.Equal(string.Join('|', company.Phones), row["telephones"]);
            Assert.Equal(company.Email ?? "", row["courriel"]);
            Assert.Equal(company.FoundingYear?.ToString(CultureInfo.InvariantCulture) ?? "", row["annee_creation"]);
            Assert.Equal(company.ECommerce.SellsOnline ? "true" : "false", row["vente_en_ligne"]);
            Assert.Equal(company.UpdatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row["date_mise_a_jour"]);
            // No Site:PublicUrl here: the in-memory test server's address.
            Assert.Equal("http://localhost/entreprises/" + company.Slug, row["url"]);
        }
    }

    [Fact]
    public async Task The_json_holds_the_same_companies_with_typed_values()
    {
        var published = (await PublishedAsync()).ToDictionary(c => c.Slug, StringComparer.Ordinal);

        using var json = JsonDocument.Parse(await TextAsync("/donnees/entreprises.json"));

        var items = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(published.Count, items.Count);
        foreach (var item in items)
        {
            var company = published[item.GetProperty("identifiant").GetString()!];
            Assert.Equal(PinnedColumns, item.EnumerateObject().Select(p => p.Name));
            Assert.Equal(company.LegalName, item.GetProperty("raison_sociale").GetString());
            Assert.Equal(company.Phones, item.GetProperty("telephones").EnumerateArray().Select(p => p.GetString()));
            Assert.Equal(company.ECommerce.OnlinePayment, item.GetProperty("paiement_en_ligne").GetBoolean());
            Assert.Equal(company.FoundingYear, item.GetProperty("annee_creation").ValueKind == JsonValueKind.Null ? null : item.GetProperty("annee_creation").GetInt32());
            Assert.Equal("http://localhost/entreprises/" + company.Slug, item.GetProperty("url").GetString());
        }
    }

    [Fact]
    public async Task No_file_holds_an_unpublished_company_or_a_contact_persons_name()
    {
        var (unpublished, contacts) = await site.WithDatabaseAsync(async db => (
            await db.Companies.AsNoTracking().Where(c => c.Status != PublicationStatus.Published).Select(c => c.Slug).ToListAsync(Cancel),
            // A sole trader may trade under their own name ("Michel Kaloi Statistiques"): that name is public, the contact field is not.
            await db.Companies.AsNoTracking().Select(c => new { Contact = c.Contact.Name, c.TradeName, c.LegalName }).ToListAsync(Cancel)));
        var names = contacts.SelectMany(c => new[] { c.TradeName, c.LegalName }).OfType<string>().ToList();
        var privateNames = contacts.Select(c => c.Contact).OfType<string>()
            .Where(n => n.Length > 3 && !names.Any(name => name.Contains(n, StringComparison.Ordinal)))
            .Distinct().ToList();
        Assert.NotEmpty(unpublished);
        Assert.NotEmpty(privateNames);

        var csv = ParseCsv(await TextAsync("/donnees/entreprises.csv"), out _);
        var slugs = csv.Select(r => r["identifiant"]).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(unpublished, slugs.Contains);
        foreach (var file in new[] { "entreprises.csv", "entreprises.json" })
        {
            var text = await TextAsync("/donnees/" + file);
            Assert.All(privateNames, name => Assert.DoesNotContain(name, text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_column_names_are_pinned()
    {
        ParseCsv(await TextAsync("/donnees/entreprises.csv"), out var header);

        Assert.Equal(PinnedColumns, header);
        Assert.Equal(PinnedColumns, OpenDataFields.Companies.Select(f => f.Name));
        Assert.All(header, name => Assert.Matches("^[a-z][a-z0-9_]*$", name));
    }

    [Fact]
    public async Task The_datapackage_describes_every_served_file_with_valid_table_schemas()
    {
        using var package = JsonDocument.Parse(await TextAsync("/donnees/datapackage.json"));
        var root = package.RootElement;

        var licence = root.GetProperty("licenses")[0];
        Assert.Equal("etalab-2.0", licence.GetProperty("name").GetString());
        Assert.Equal("https://www.etalab.gouv.fr/licence-ouverte-open-licence/", licence.GetProperty("path").GetString());
        Assert.True(DateTime.TryParse(root.GetProperty("created").GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _));
        Assert.NotEmpty(root.GetProperty("sources").EnumerateArray());
        var resources = root.GetProperty("resources").EnumerateArray().ToList();
        Assert.Equal(["entreprises.csv", "entreprises.json", "typologie.csv", "services.csv", "enquetes.csv"], resources.Select(r => r.GetProperty("path").GetString()));
        foreach (var resource in resources)
        {
            var fields = resource.GetProperty("schema").GetProperty("fields").EnumerateArray().ToList();
            Assert.All(fields, f =>
            {
                Assert.Contains(f.GetProperty("type").GetString()!, TableSchemaTypes);
                Assert.False(string.IsNullOrWhiteSpace(f.GetProperty("description").GetString()));
            });
            var names = fields.Select(f => f.GetProperty("name").GetString()!).ToList();
            Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
            var types = fields.ToDictionary(f => f.GetProperty("name").GetString()!,
                f => f.GetProperty("type").GetString()! + (f.TryGetProperty("format", out var format) ? ":" + format.GetString() : ""), StringComparer.Ordinal);
            if (names.Contains("identifiant"))
            {
                Assert.Equal("string:uri", types["url"]);
            }
            var schema = resource.GetProperty("schema");
            foreach (var key in schema.TryGetProperty("primaryKey", out var primaryKey) ? primaryKey.EnumerateArray().ToList() : [])
            {
                Assert.Contains(key.GetString()!, names);
            }
            // A withheld survey figure ("s") is a missing value of its table, declared as such.
            var missing = schema.TryGetProperty("missingValues", out var declared) ? declared.EnumerateArray().Select(v => v.GetString()!).ToHashSet(StringComparer.Ordinal) : [];
            var text = await TextAsync("/donnees/" + resource.GetProperty("path").GetString());
            if (resource.GetProperty("format").GetString() == "csv")
            {
                var rows = ParseCsv(text, out var header);
                Assert.Equal(names, header);
                Assert.NotEmpty(rows);
                Assert.All(rows, row => Assert.All(row, cell => Assert.True(missing.Contains(cell.Value) || CsvCellParses(types[cell.Key], cell.Value), $"{cell.Key} = '{cell.Value}' is not a {types[cell.Key]}")));
            }
            else
            {
                using var json = JsonDocument.Parse(text);
                Assert.All(json.RootElement.EnumerateArray(), item =>
                {
                    Assert.Equal(names, item.EnumerateObject().Select(p => p.Name));
                    Assert.All(item.EnumerateObject(), p => Assert.True(JsonValueParses(types[p.Name], p.Value), $"{p.Name} = {p.Value} is not a {types[p.Name]}"));
                });
            }
        }
    }

    /// <summary>Table Schema's physical representation of a value, empty being the default missing value.</summary>
    private static bool CsvCellParses(string type, string value) => value.Length == 0 || type switch
    {
        "string" => true,
        "string:uri" => Uri.TryCreate(value, UriKind.Absolute, out _),
        "integer" => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        "number" => double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _),
        "boolean" => value is "true" or "false",
        "date" => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ => false,
    };

    private static bool JsonValueParses(string type, JsonElement value) => value.ValueKind == JsonValueKind.Null || type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "string:uri" => value.ValueKind == JsonValueKind.String && CsvCellParses(type, value.GetString()!),
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "date" => value.ValueKind == JsonValueKind.String && CsvCellParses("date", value.GetString()!),
        "array" => value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String),
        _ => false,
    };

    [Fact]
    public async Task The_typology_file_lists_every_activity_with_its_naf_codes()
    {
        var rows = ParseCsv(await TextAsync("/donnees/typologie.csv"), out _);

        var taxonomy = Core.Taxonomy.TaxonomyCatalog.Default;
        Assert.Equal(taxonomy.Activities.Count, rows.Count);
        var first = taxonomy.Sectors[0].Activities[0];
        var row = rows.Single(r => r["activite_code"] == first.Code);
        Assert.Equal(string.Join('|', first.NafCodes), row["codes_naf"]);
        Assert.Equal(taxonomy.Sectors[0].Code, row["secteur_code"]);
    }

    [Theory]
    [InlineData("entreprises.csv", "text/csv")]
    [InlineData("entreprises.json", "application/json")]
    [InlineData("typologie.csv", "text/csv")]
    [InlineData("datapackage.json", "application/json")]
    public async Task Files_carry_a_dated_name_an_etag_and_last_modified_and_answer_304_when_known(string file, string mediaType)
    {
        var client = site.Factory.CreateClient();
        var first = await client.GetAsync("/donnees/" + file, Cancel);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(mediaType, first.Content.Headers.ContentType!.MediaType);
        var etag = first.Headers.ETag!;
        var modified = first.Content.Headers.LastModified!.Value;
        var name = first.Content.Headers.ContentDisposition!.FileName!.Trim('"');
        Assert.Matches(@"^[a-z]+-\d{4}-\d{2}-\d{2}\.(csv|json)$", name);
        Assert.StartsWith(Path.GetFileNameWithoutExtension(file) + "-", name, StringComparison.Ordinal);

        using var byTag = new HttpRequestMessage(HttpMethod.Get, "/donnees/" + file);
        byTag.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(byTag, Cancel)).StatusCode);
        using var byDate = new HttpRequestMessage(HttpMethod.Get, "/donnees/" + file);
        byDate.Headers.IfModifiedSince = modified;
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(byDate, Cancel)).StatusCode);
        using var head = new HttpRequestMessage(HttpMethod.Head, "/donnees/" + file);
        var headers = await client.SendAsync(head, Cancel);
        Assert.Equal(HttpStatusCode.OK, headers.StatusCode);
        Assert.Equal(etag, headers.Headers.ETag);
        using var stale = new HttpRequestMessage(HttpMethod.Get, "/donnees/" + file);
        stale.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"autre\""));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale, Cancel)).StatusCode);
    }

    [Fact]
    public async Task The_api_lists_the_files_of_the_day_with_their_addresses_and_sizes()
    {
        var client = site.Factory.CreateClient();
        var response = await client.GetAsync("/api/v1/donnees", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var root = json.RootElement;

        using var package = JsonDocument.Parse(await TextAsync("/donnees/datapackage.json"));
        Assert.Equal(package.RootElement.GetProperty("version").GetString(), root.GetProperty("date").GetString());
        Assert.Equal("https://www.etalab.gouv.fr/licence-ouverte-open-licence/", root.GetProperty("licenceUrl").GetString());
        var files = root.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["entreprises.csv", "entreprises.json", "typologie.csv", "services.csv", "enquetes.csv", "datapackage.json"], files.Select(f => f.GetProperty("name").GetString()));
        foreach (var file in files)
        {
            var url = new Uri(file.GetProperty("url").GetString()!);
            var body = await client.GetByteArrayAsync(url.PathAndQuery, Cancel);
            Assert.Equal(body.Length, file.GetProperty("bytes").GetInt64());
            var compressed = await GetAsync(url.PathAndQuery, "gzip");
            Assert.Equal((await compressed.Content.ReadAsByteArrayAsync(Cancel)).Length, file.GetProperty("gzipBytes").GetInt64());
        }
    }

    [Fact]
    public async Task The_page_describes_every_field_the_licence_and_the_date()
    {
        var response = await site.Factory.CreateClient().GetAsync("/donnees", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await DirectoryWebFactory.ParseAsync(response);

        var documented = page.QuerySelectorAll("#titre-champs ~ .table-scroll tbody th code").Select(c => c.TextContent).ToList();
        Assert.Equal(PinnedColumns, documented);
        Assert.NotNull(page.QuerySelector("a[rel=license][href='https://www.etalab.gouv.fr/licence-ouverte-open-licence/']"));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", page.QuerySelector("time")!.GetAttribute("datetime")!);
        Assert.All(OpenDataEndpoints.Files, f => Assert.NotNull(page.QuerySelector($"a[href='/donnees/{f.File}']")));
        Assert.NotNull(page.QuerySelector("footer a[href='/donnees']"));
        Assert.NotNull(page.QuerySelector("footer a[href='/api/reference']"));
    }

    [Theory]
    [InlineData(FileStorage.FileSystem)]
    [InlineData(FileStorage.Database)]
    public async Task The_daily_extract_is_written_atomically_reused_for_the_day_and_renewed_the_next_day_in_noumea(FileStorage storage)
    {
        var root = Path.Combine(site.Factory.DataDirectory, "donnees-test-" + Guid.NewGuid().ToString("N"));
        var scratch = Path.Combine(root, OpenDataStore.Bucket);
        // 12:30 UTC is 23:30 in Nouméa (UTC+11).
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 30, 0, TimeSpan.Zero));
        // In the database: one of its own (the site's may hold the site's own extract: on PostgreSQL its files are there).
        await using var own = storage == FileStorage.Database ? await OwnDatabaseAsync(root, clock) : null;
        IFileStore files = own is not null
            ? new DatabaseFileStore(own.GetRequiredService<IServiceScopeFactory>(), clock)
            : new FileSystemFileStore(root);
        using var store = new OpenDataStore(site.Factory.Services.GetRequiredService<OpenDataWriter>(), files, scratch, clock, keepDays: 2, NullLogger<OpenDataStore>.Instance);
        Directory.CreateDirectory(Path.Combine(scratch, ".tmp-interrompu"));
        await File.WriteAllTextAsync(Path.Combine(scratch, ".tmp-interrompu", "entreprises.csv"), "identifiant\nmoitie", Cancel);
        // A day's files without the marker (a node stopped while publishing): never taken for an extract.
        await files.PutAsync($"{OpenDataStore.Bucket}/2026-02-27/{OpenDataWriter.CompaniesCsv}", "identifiant\nmoitie"u8.ToArray(), "text/csv", Cancel);
        Assert.Null(await store.LatestAsync(Cancel));

        var first = await store.EnsureTodayAsync(Cancel);
        var again = await store.EnsureTodayAsync(Cancel);

        Assert.Equal(new DateOnly(2026, 3, 1), first.Date);
        Assert.Equal(first.Entries, again.Entries); // reused: the same files, written at the same time
        Assert.Equal(["2026-03-01"], await DatesAsync(files));
        Assert.All(OpenDataEndpoints.Files, f => Assert.NotNull(first.EntryOf(f.File)));
        Assert.NotNull(first.EntryOf(OpenDataStore.CompleteMarker));
        Assert.False(Directory.Exists(Path.Combine(scratch, ".tmp-interrompu")));

        clock.Advance(TimeSpan.FromHours(1)); // 00:30 in Nouméa, still 1 March in UTC
        Assert.Equal(new DateOnly(2026, 3, 2), (await store.EnsureTodayAsync(Cancel)).Date);
        clock.Advance(TimeSpan.FromDays(1));
        var third = await store.EnsureTodayAsync(Cancel);

        Assert.Equal(third.Entries, (await store.LatestAsync(Cancel))!.Entries);
        Assert.Equal(["2026-03-02", "2026-03-03"], await DatesAsync(files));
        if (storage == FileStorage.FileSystem)
        {
            Assert.Equal(["2026-03-02", "2026-03-03"], Directory.GetDirectories(scratch).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        foreach (var entry in await files.ListAsync(OpenDataStore.Bucket + "/", Cancel))
        {
            await files.DeleteAsync(entry.Key, Cancel);
        }
        await TestPostgres.ReleaseAsync(root);
    }

    /// <summary>A new migrated database (the tests' provider) for a store of its own.</summary>
    private static async Task<ServiceProvider> OwnDatabaseAsync(string folder, TimeProvider clock)
    {
        Directory.CreateDirectory(folder);
        var (provider, connectionString) = TestPostgres.Active
            ? (DatabaseProvider.PostgreSql, await TestPostgres.AcquireAsync(folder))
            : (DatabaseProvider.Sqlite, AppDatabase.SqliteConnectionString(Path.Combine(folder, "fichiers.db")));
        if (provider == DatabaseProvider.Sqlite)
        {
            await using var db = AppDatabase.Create(provider, connectionString, clock);
            await db.Database.MigrateAsync(Cancel);
        }
        return new ServiceCollection().AddScoped(_ => AppDatabase.Create(provider, connectionString, clock)).BuildServiceProvider();
    }

    /// <summary>A file's text as <see cref="File.ReadAllText(string)"/> reads it (a byte order mark dropped).</summary>
    internal static string Text(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static async Task<List<string>> DatesAsync(IFileStore files) =>
        [.. (await files.ListAsync(OpenDataStore.Bucket + "/", Cancel)).Select(e => e.Key.Split('/')[1]).Distinct().Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Without_any_extract_the_files_are_generated_on_demand()
    {
        // Without the hosted service, which would write the day's extract at start.
        await using var factory = new DirectoryWebFactory
        {
            TestServices = services => services.Remove(services.Single(d => d.ImplementationType == typeof(OpenDataService))),
        };
        var store = factory.Services.GetRequiredService<OpenDataStore>();
        Assert.Null(await store.LatestAsync(Cancel));

        var client = factory.CreateClient();
        // Another host the site accepts (a forged one is refused outright: Site:PublicUrl sets the allowed hosts).
        client.DefaultRequestHeaders.Host = "127.0.0.1:5555";
        var response = await client.GetAsync("/donnees/entreprises.csv", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(await store.LatestAsync(Cancel));
        // The request that happened to trigger the extract does not choose the address written for everyone.
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
        Assert.Contains(",http://localhost/entreprises/", text, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> GetAsync(string url, string? acceptEncoding, HttpMethod? method = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, url);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        configure?.Invoke(request);
        return await site.Factory.CreateClient().SendAsync(request, Cancel);
    }

    private static byte[] Gunzip(byte[] compressed)
    {
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    [Theory]
    [InlineData("entreprises.csv", "gzip")]
    [InlineData("entreprises.json", "gzip, deflate, br")]
    [InlineData("typologie.csv", "br;q=1.0, gzip;q=0.5")]
    [InlineData("datapackage.json", "*")]
    public async Task A_client_accepting_gzip_gets_the_precompressed_copy_of_exactly_the_plain_file(string file, string acceptEncoding)
    {
        var plain = await GetAsync("/donnees/" + file, null);
        var compressed = await GetAsync("/donnees/" + file, acceptEncoding);

        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(["gzip"], compressed.Content.Headers.ContentEncoding); // once: not compressed again by the middleware
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        Assert.Contains("Accept-Encoding", plain.Headers.Vary);
        Assert.Equal(plain.Content.Headers.ContentType, compressed.Content.Headers.ContentType);
        Assert.Equal(plain.Content.Headers.ContentDisposition, compressed.Content.Headers.ContentDisposition);
        var body = await compressed.Content.ReadAsByteArrayAsync(Cancel);
        var original = await plain.Content.ReadAsByteArrayAsync(Cancel);
        Assert.Equal(body.Length, compressed.Content.Headers.ContentLength);
        Assert.Equal(original.Length, plain.Content.Headers.ContentLength);
        Assert.Equal(original, Gunzip(body));
        if (file.StartsWith("entreprises", StringComparison.Ordinal))
        {
            Assert.True(body.Length * 3 < original.Length, $"{file}: {body.Length} bytes compressed, {original.Length} plain");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("gzip;q=0")]
    [InlineData("br")]
    [InlineData("identity")]
    [InlineData("*;q=0")]
    [InlineData("gzip;q=0, *")]
    [InlineData("deflate, br;q=0.5")]
    public async Task A_client_not_accepting_gzip_gets_the_plain_file_uncompressed(string? acceptEncoding)
    {
        var store = site.Factory.Services.GetRequiredService<OpenDataStore>();
        var expected = await store.ReadAllBytesAsync(await store.LatestOrGenerateAsync(Cancel), OpenDataWriter.CompaniesJson, Cancel);

        var response = await GetAsync("/donnees/entreprises.json", acceptEncoding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(expected.Length, response.Content.Headers.ContentLength);
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Theory]
    [InlineData("entreprises.csv")]
    [InlineData("entreprises.json")]
    public async Task Each_representation_has_its_own_etag_and_answers_304_head_and_ranges(string file)
    {
        var url = "/donnees/" + file;
        var plain = await GetAsync(url, null);
        var compressed = await GetAsync(url, "gzip");
        var plainTag = plain.Headers.ETag!;
        var gzipTag = compressed.Headers.ETag!;
        Assert.False(plainTag.IsWeak);
        Assert.False(gzipTag.IsWeak);
        Assert.NotEqual(plainTag, gzipTag);
        Assert.EndsWith("-gzip\"", gzipTag.Tag, StringComparison.Ordinal);

        foreach (var (encoding, tag, full) in new[] { ((string?)null, plainTag, plain), ("gzip", gzipTag, compressed) })
        {
            var bytes = await full.Content.ReadAsByteArrayAsync(Cancel);
            var known = await GetAsync(url, encoding, configure: r => r.Headers.IfNoneMatch.Add(tag));
            Assert.Equal(HttpStatusCode.NotModified, known.StatusCode);
            Assert.Equal(tag, known.Headers.ETag);
            var byDate = await GetAsync(url, encoding, configure: r => r.Headers.IfModifiedSince = full.Content.Headers.LastModified);
            Assert.Equal(HttpStatusCode.NotModified, byDate.StatusCode);
            // The other representation's tag does not match this one.
            var other = await GetAsync(url, encoding, configure: r => r.Headers.IfNoneMatch.Add(tag == plainTag ? gzipTag : plainTag));
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            Assert.Equal(bytes, await other.Content.ReadAsByteArrayAsync(Cancel));

            var head = await GetAsync(url, encoding, HttpMethod.Head);
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(tag, head.Headers.ETag);
            Assert.Equal(bytes.Length, head.Content.Headers.ContentLength);
            Assert.Equal(full.Content.Headers.ContentEncoding, head.Content.Headers.ContentEncoding);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync(Cancel));

            // Ranges count the bytes of the representation sent (the compressed ones for gzip), so a download resumes.
            var part = await GetAsync(url, encoding, configure: r => r.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100, 1099));
            Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
            Assert.Equal(bytes.Length, part.Content.Headers.ContentRange!.Length);
            Assert.Equal(bytes.AsSpan(100, 1000).ToArray(), await part.Content.ReadAsByteArrayAsync(Cancel));
            var resumed = await GetAsync(url, encoding, configure: r =>
            {
                r.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100, null);
                r.Headers.IfRange = new System.Net.Http.Headers.RangeConditionHeaderValue(tag);
            });
            Assert.Equal(HttpStatusCode.PartialContent, resumed.StatusCode);
            Assert.Equal(bytes.AsSpan(100).ToArray(), await resumed.Content.ReadAsByteArrayAsync(Cancel));
        }
    }

    [Theory]
    [InlineData("gzip", true)]
    [InlineData("GZIP;q=0.1", true)]
    [InlineData("x-gzip", true)]
    [InlineData("br, *;q=0.2", true)]
    [InlineData("gzip;q=0", false)]
    [InlineData("gzip;q=0.000", false)]
    [InlineData("*;q=0", false)]
    [InlineData("gzip;q=0, *", false)]
    [InlineData("br", false)]
    [InlineData("", false)]
    public void Accept_encoding_is_read_with_its_weights(string header, bool gzip) =>
        Assert.Equal(gzip, OpenDataEndpoints.AcceptsGzip(header));

    /// <summary>
    /// Today's extract as the hosted service writes it at start, outside any HTTP request: through the store's own
    /// method, which writes it once however many ask (the service, or this test if it comes first) and returns it
    /// when it is complete, instead of watching the folder until it appears.
    /// </summary>
    private static Task<OpenDataSet> BackgroundExtractAsync(DirectoryWebFactory factory) =>
        factory.Services.GetRequiredService<OpenDataStore>().EnsureTodayAsync(Cancel);

    [Fact]
    public async Task The_background_extract_links_each_profile_at_the_configured_public_address()
    {
        await using var factory = new DirectoryWebFactory();
        factory.Settings["Site:PublicUrl"] = "https://annuaire.example.nc/";

        // Read from disk before any request: written by the hosted service, outside any HTTP request.
        var set = await BackgroundExtractAsync(factory);
        var store = factory.Services.GetRequiredService<OpenDataStore>();
        var rows = ParseCsv(OpenDataTests.Text(await store.ReadAllBytesAsync(set, OpenDataWriter.CompaniesCsv, Cancel)), out _);
        using var json = JsonDocument.Parse(await store.ReadAllBytesAsync(set, OpenDataWriter.CompaniesJson, Cancel));

        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Equal("https://annuaire.example.nc/entreprises/" + row["identifiant"], row["url"]));
        Assert.All(json.RootElement.EnumerateArray(), item =>
            Assert.Equal("https://annuaire.example.nc/entreprises/" + item.GetProperty("identifiant").GetString(), item.GetProperty("url").GetString()));
        var profile = await factory.CreateClient().GetAsync(new Uri(rows[0]["url"]).PathAndQuery, Cancel);
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
    }

    [Fact]
    public async Task An_extract_written_before_the_gzip_copies_is_still_served_plain()
    {
        await using var factory = new DirectoryWebFactory();
        var set = await BackgroundExtractAsync(factory);
        var store = factory.Services.GetRequiredService<OpenDataStore>();
        var files = factory.Services.GetRequiredService<IFileStore>();
        foreach (var copy in set.Entries.Where(e => e.Key.EndsWith(OpenDataWriter.GzipSuffix, StringComparison.Ordinal)))
        {
            await files.DeleteAsync(copy.Key, Cancel);
        }
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Encoding", "gzip, br");

        foreach (var (file, _, _) in OpenDataEndpoints.Files)
        {
            var response = await client.GetAsync("/donnees/" + file, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(response.Content.Headers.ContentEncoding);
            Assert.Equal(await store.ReadAllBytesAsync(set, file, Cancel), await response.Content.ReadAsByteArrayAsync(Cancel));
        }
        using var listing = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/api/v1/donnees", Cancel));
        Assert.All(listing.RootElement.GetProperty("files").EnumerateArray(), f => Assert.Equal(JsonValueKind.Null, f.GetProperty("gzipBytes").ValueKind));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/donnees", Cancel)).StatusCode);
    }
}

/// <summary>
/// The open-data opt-out, on a site of its own: it adds companies, which the other open-data tests (comparing the
/// day's extract with the database) must not see appear after the extract was written.
/// </summary>
public sealed class OpenDataOptOutTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_profile_whose_owners_opted_out_stays_in_the_directory_but_not_in_the_files()
    {
        var shown = await TestCompanies.PublishedAsync(site.Factory);
        var left = await TestCompanies.PublishedAsync(site.Factory, (c, _) => c.OpenDataOptOut = true);
        var root = Path.Combine(site.Factory.DataDirectory, "donnees-test-" + Guid.NewGuid().ToString("N"));
        using var store = new OpenDataStore(site.Factory.Services.GetRequiredService<OpenDataWriter>(), new FileSystemFileStore(root), Path.Combine(root, OpenDataStore.Bucket),
            new FakeTimeProvider(DateTimeOffset.UtcNow), keepDays: 1, NullLogger<OpenDataStore>.Instance);

        var extract = await store.EnsureTodayAsync(Cancel);

        var slugs = OpenDataTests.ParseCsv(OpenDataTests.Text(await store.ReadAllBytesAsync(extract, OpenDataWriter.CompaniesCsv, Cancel)), out _).Select(r => r["identifiant"]).ToList();
        Assert.Contains(shown.Slug, slugs);
        Assert.DoesNotContain(left.Slug, slugs);
        Assert.DoesNotContain(left.Slug, OpenDataTests.Text(await store.ReadAllBytesAsync(extract, OpenDataWriter.CompaniesJson, Cancel)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await site.Factory.CreateClient().GetAsync($"/entreprises/{left.Slug}", Cancel)).StatusCode);
    }
}
