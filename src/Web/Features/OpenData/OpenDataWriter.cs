using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.OpenData;

/// <summary>
/// Writes one extract of the open data into a folder: <c>entreprises.csv</c>, <c>entreprises.json</c>,
/// <c>typologie.csv</c> and the <c>datapackage.json</c> descriptor (frictionless Data Package with Table Schemas),
/// each with a gzip copy (<c>entreprises.csv.gz</c>…) served to clients that accept gzip. Published companies are
/// streamed from the database in slug order, so memory stays flat however many there are. <paramref name="site"/>
/// gives the site's public address (without a trailing slash) and <paramref name="profilePath"/> a profile's path on
/// it (<c>ProfileAddress.Path</c>), for the <c>url</c> column.
/// </summary>
public sealed class OpenDataWriter(IServiceScopeFactory scopes, TaxonomyCatalog taxonomy, Func<string> site, Func<string, string> profilePath)
{
    public const string CompaniesCsv = "entreprises.csv";
    public const string CompaniesJson = "entreprises.json";
    public const string TypologyCsv = "typologie.csv";
    public const string ServicesCsv = "services.csv";
    public const string SurveysCsv = "enquetes.csv";
    public const string Descriptor = "datapackage.json";

    /// <summary>The suffix of each file's gzip copy.</summary>
    public const string GzipSuffix = ".gz";

    /// <summary>The data files of an extract (each also has its gzip copy).</summary>
    public static readonly IReadOnlyList<string> DataFiles = [CompaniesCsv, CompaniesJson, TypologyCsv, ServicesCsv, SurveysCsv, Descriptor];

    /// <summary>
    /// zlib level 6: at 100,000 companies the CSV shrinks 8 times and the JSON 11 times in 1.2 and 1.5 s;
    /// SmallestSize (level 9) saves 1 to 2 % more for nearly twice the time (docs/PERFORMANCE.md).
    /// </summary>
    public const CompressionLevel GzipLevel = CompressionLevel.Optimal;

    public const string LicenceName = "etalab-2.0";
    public const string LicenceTitle = "Licence Ouverte / Open Licence version 2.0";
    public const string LicenceUrl = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), Indented = false };

    /// <summary>
    /// Writes the four files and their gzip copies into <paramref name="directory"/> (which must exist); returns the
    /// number of companies.
    /// </summary>
    public async Task<int> WriteAsync(string directory, DateOnly date, DateTimeOffset created, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var context = new OpenDataContext(taxonomy, site(), profilePath);
        var count = 0;
        await using (var csvStream = File.Create(Path.Combine(directory, CompaniesCsv)))
        await using (var text = new StreamWriter(csvStream, Utf8))
        await using (var csv = CsvFile.Writer(text))
        await using (var jsonStream = File.Create(Path.Combine(directory, CompaniesJson)))
        await using (var json = new Utf8JsonWriter(jsonStream, JsonOptions))
        {
            foreach (var field in OpenDataFields.Companies)
            {
                csv.WriteField(field.Name);
            }
            await csv.NextRecordAsync();
            json.WriteStartArray();
            await foreach (var company in PublishedAsync(cancellationToken))
            {
                WriteCsv(csv, company, context);
                WriteJson(json, company, context);
                count++;
                if (json.BytesPending > 64 * 1024)
                {
                    await json.FlushAsync(cancellationToken);
                }
            }
            json.WriteEndArray();
        }
        await File.WriteAllBytesAsync(Path.Combine(directory, TypologyCsv), CsvFile.Write(OpenDataFields.TypologyLines(taxonomy), excel: false), cancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(directory, ServicesCsv), CsvFile.Write(OpenDataFields.ServiceLines(taxonomy), excel: false), cancellationToken);
        await using (var scope = scopes.CreateAsyncScope())
        {
            var surveys = await scope.ServiceProvider.GetRequiredService<KeyFigures.SurveyPublication>().OpenDataLinesAsync(cancellationToken);
            await File.WriteAllBytesAsync(Path.Combine(directory, SurveysCsv), CsvFile.Write(surveys, excel: false), cancellationToken);
        }
        await File.WriteAllBytesAsync(Path.Combine(directory, Descriptor), DataPackage(date, created, count, context.Site + "/"), cancellationToken);
        // In parallel: compressing is CPU-bound, and the CSV and the JSON take about the same time.
        await Task.WhenAll(DataFiles.Select(file => Task.Run(() => CompressAsync(Path.Combine(directory, file), cancellationToken), cancellationToken)));
        return count;
    }

    /// <summary>Writes <paramref name="path"/>'s gzip copy next to it (<c>.gz</c>).</summary>
    private static async Task CompressAsync(string path, CancellationToken cancellationToken)
    {
        await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        await using var target = new FileStream(path + GzipSuffix, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        await using var gzip = new GZipStream(target, GzipLevel);
        await source.CopyToAsync(gzip, 64 * 1024, cancellationToken);
    }

    /// <summary>
    /// Published companies in slug order, streamed from one no-tracking query (nothing is kept: memory stays flat);
    /// their secondary activities are read first, as (company, activity) pairs, a few bytes per company.
    /// </summary>
    public async IAsyncEnumerable<Company> PublishedAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var secondary = (await db.Set<CompanyActivity>().AsNoTracking()
                .Select(a => new { a.CompanyId, a.ActivityCode })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.CompanyId, a => a.ActivityCode);
        var companies = db.Companies.AsNoTracking()
            .Where(c => c.Status == PublicationStatus.Published && !c.OpenDataOptOut)
            .OrderBy(c => c.Slug)
            .AsAsyncEnumerable()
            .WithCancellation(cancellationToken);
        await foreach (var company in companies)
        {
            company.SecondaryActivities.AddRange(secondary[company.Id].Select(code => new CompanyActivity { CompanyId = company.Id, ActivityCode = code }));
            // The contact person (personal data) is loaded with the entity but written nowhere.
            company.Contact = new ContactPerson();
            yield return company;
        }
    }

    private static void WriteCsv(CsvHelper.CsvWriter csv, Company company, OpenDataContext context)
    {
        foreach (var field in OpenDataFields.Companies)
        {
            csv.WriteField(field.CsvValue(company, context));
        }
        csv.NextRecord();
    }

    private static void WriteJson(Utf8JsonWriter json, Company company, OpenDataContext context)
    {
        json.WriteStartObject();
        foreach (var field in OpenDataFields.Companies)
        {
            json.WritePropertyName(field.Name);
            switch (field.Value(company, context))
            {
                case null: json.WriteNullValue(); break;
                case string text: json.WriteStringValue(text); break;
                case int number: json.WriteNumberValue(number); break;
                case bool flag: json.WriteBooleanValue(flag); break;
                case DateOnly day: json.WriteStringValue(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)); break;
                case IEnumerable<string> values:
                    json.WriteStartArray();
                    foreach (var value in values)
                    {
                        json.WriteStringValue(value);
                    }
                    json.WriteEndArray();
                    break;
                default: throw new InvalidOperationException($"Open-data field {field.Name} has an unsupported value type.");
            }
        }
        json.WriteEndObject();
    }

    /// <summary>The frictionless Data Package descriptor: resources, Table Schemas, licence, sources, date.</summary>
    /// <param name="home">The address of the site's home page, the source of the companies' profiles.</param>
    internal static byte[] DataPackage(DateOnly date, DateTimeOffset created, int companies, string home)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonOptions with { Indented = true }))
        {
            var day = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            json.WriteStartObject();
            json.WriteString("name", "annuaire-filiere-numerique-nc");
            json.WriteString("title", "Annuaire de la filière numérique de Nouvelle-Calédonie — entreprises publiées");
            json.WriteString("description", $"Les fiches publiées de l'annuaire au {day} ({companies} entreprises), sans données personnelles (aucune personne de contact), la typologie des secteurs et activités (codes NAF rév. 2) et la liste des services. Extrait produit chaque jour (heure de Nouméa).");
            json.WriteString("version", day);
            json.WriteString("created", created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartArray("licenses");
            json.WriteStartObject();
            json.WriteString("name", LicenceName);
            json.WriteString("path", LicenceUrl);
            json.WriteString("title", LicenceTitle);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("sources");
            WriteSource(json, "Fiches des entreprises", home, "Déclarées par les entreprises et vérifiées par la modération de l'annuaire.");
            WriteSource(json, "Nomenclature d'activités française (NAF rév. 2), INSEE", null, "Codes des activités de la typologie.");
            WriteSource(json, "Répertoire d'identification des entreprises et des établissements (RIDET), ISEE Nouvelle-Calédonie", null, "Numéros RIDET.");
            WriteSource(json, "Code officiel géographique (communes), INSEE", null, "Codes des communes.");
            json.WriteEndArray();
            json.WriteStartArray("resources");
            WriteCompaniesResource(json, CompaniesCsv, "csv", "text/csv", lists: false);
            WriteCompaniesResource(json, CompaniesJson, "json", "application/json", lists: true);
            WriteReferenceResource(json, "typologie", TypologyCsv, "Typologie des secteurs et activités du numérique",
                "Les secteurs et leurs activités, avec les codes NAF rév. 2 que chaque activité couvre.", OpenDataFields.Typology, "activite_code");
            WriteReferenceResource(json, "services", ServicesCsv, "Liste des services",
                "Les services que les entreprises cochent sur leur fiche (colonne services_catalogue_codes), avec leur famille et les activités où ils sont courants.",
                OpenDataFields.ServiceColumns, "service_code");
            WriteSurveysResource(json);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static void WriteReferenceResource(Utf8JsonWriter json, string name, string path, string title, string description,
        IReadOnlyList<(string Name, string Type, string Description)> fields, string primaryKey)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("path", path);
        json.WriteString("title", title);
        json.WriteString("description", description);
        json.WriteString("format", "csv");
        json.WriteString("mediatype", "text/csv");
        json.WriteString("encoding", "utf-8");
        json.WriteStartObject("schema");
        json.WriteStartArray("fields");
        foreach (var (field, type, text) in fields)
        {
            WriteField(json, field, type, text);
        }
        json.WriteEndArray();
        json.WriteStartArray("primaryKey");
        json.WriteStringValue(primaryKey);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The census results: protected tables only ("s" marks a withheld value), never answers one by one.</summary>
    private static void WriteSurveysResource(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("name", "enquetes");
        json.WriteString("path", SurveysCsv);
        json.WriteString("title", "Résultats des enquêtes annuelles de la filière");
        json.WriteString("description", "Les résultats publiés de chaque enquête close : par question, pour toutes les entreprises et par secteur, parts pondérées avec leur marge d'erreur à 95 %, entreprises estimées, totaux, moyennes et médianes. Secret statistique : une valeur qui reposerait sur moins de 3 entreprises, ou dont une entreprise ferait 85 % (deux 90 %), vaut « s », comme celles qui permettraient de la retrouver par différence. Jamais de réponse individuelle.");
        json.WriteString("format", "csv");
        json.WriteString("mediatype", "text/csv");
        json.WriteString("encoding", "utf-8");
        json.WriteStartObject("schema");
        json.WriteStartArray("fields");
        foreach (var (field, type, text) in OpenDataFields.SurveyColumns)
        {
            WriteField(json, field, type, text);
        }
        json.WriteEndArray();
        json.WriteStartArray("missingValues");
        json.WriteStringValue("");
        json.WriteStringValue(KeyFigures.SurveyPublication.Withheld);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteSource(Utf8JsonWriter json, string title, string? path, string description)
    {
        json.WriteStartObject();
        json.WriteString("title", title);
        if (path is not null)
        {
            json.WriteString("path", path);
        }
        json.WriteString("description", description);
        json.WriteEndObject();
    }

    private static void WriteCompaniesResource(Utf8JsonWriter json, string path, string format, string mediaType, bool lists)
    {
        json.WriteStartObject();
        json.WriteString("name", "entreprises-" + format);
        json.WriteString("path", path);
        json.WriteString("title", $"Entreprises publiées ({format.ToUpperInvariant()})");
        json.WriteString("description", lists
            ? "Un tableau d'objets, un par entreprise publiée, avec les mêmes champs que le CSV ; les listes sont des tableaux."
            : "Une ligne par entreprise publiée (RFC 4180, UTF-8 sans BOM, séparateur virgule) ; les listes sont jointes par |.");
        json.WriteString("format", format);
        json.WriteString("mediatype", mediaType);
        json.WriteString("encoding", "utf-8");
        json.WriteStartObject("schema");
        json.WriteStartArray("fields");
        foreach (var field in OpenDataFields.Companies)
        {
            WriteField(json, field.Name, field.List && lists ? "array" : field.Type,
                field.List && !lists ? field.Description + " Valeurs séparées par |." : field.Description, field.Format);
        }
        json.WriteEndArray();
        json.WriteStartArray("primaryKey");
        json.WriteStringValue("identifiant");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteField(Utf8JsonWriter json, string name, string type, string description, string? format = null)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("type", type);
        if (format is not null)
        {
            json.WriteString("format", format);
        }
        if (type == "boolean")
        {
            json.WriteStartArray("trueValues");
            json.WriteStringValue("true");
            json.WriteEndArray();
            json.WriteStartArray("falseValues");
            json.WriteStringValue("false");
            json.WriteEndArray();
        }
        json.WriteString("description", description);
        json.WriteEndObject();
    }
}
