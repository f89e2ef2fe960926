using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Import;
using AnnuaireFiliere.Core.Taxonomy;
using CsCheck;
using CsvHelper;
using CsvHelper.Configuration;

namespace AnnuaireFiliere.Core.Tests;

/// <summary>
/// Property-based: whatever a row holds (control characters, quotes, lone surrogates, values up to the cell limit,
/// columns missing), the import answers with a line per row (created, updated, unchanged, rejected or skipped, a
/// reason when refused), never an exception. CsCheck prints the seed of a failing case to replay it.
/// </summary>
public sealed class ImportPropertyTests : IAsyncLifetime
{
    private static readonly ImportLimitsOptions Limits = new();

    private static readonly string[] Required = ["ridet", "raison_sociale", "activite_principale", "commune"];

    private static readonly string[] Optional =
    [
        "nom_commercial", "sigle", "forme_juridique", "annee_creation", "tranche_effectif", "activites_secondaires", "adresse",
        "code_postal", "site_web", "courriel", "telephones", "description", "services", "competences", "labels", "langues",
        "vente_boutique_en_ligne", "vente_places_de_marche", "paiement_en_ligne", "livraison_territoire", "livraison_iles", "b2b", "b2c",
        "colonne_inconnue",
    ];

    private static readonly string[] RegisterColumns = ["rid7", "denomination", "code_formjur", "libelle_formjur", "code_ape", "code_commune", "libelle_commune", "province"];

    /// <summary>Values a real file holds, so that rows also get through to the validator and the database.</summary>
    private static readonly Dictionary<string, string[]> Plausible = new(StringComparer.Ordinal)
    {
        ["ridet"] = ["1234567", "0876543.001", "1 234 567-002", "12", "1234567890123"],
        ["rid7"] = ["1234567", "876543", "0000000"],
        ["raison_sociale"] = ["Cagou Logiciels", "Niaouli Numérique SAS", "L'Île-des-Pins Data"],
        ["denomination"] = ["TRAME NUMERIQUE", "BOULANGERIE DU PORT"],
        ["activite_principale"] = ["A0405", "62.01Z", "6202A", "A0999", "a0501"],
        ["activites_secondaires"] = ["A0501|A0601", "62.02A", "A0501|A0501|A0501|A0601|A0405|A0999"],
        ["commune"] = ["98818", "Nouméa", "NOUMEA", "Koné", "L'Île-des-Pins", "Atlantis"],
        ["code_commune"] = ["98818", "98827", "00000"],
        ["libelle_commune"] = ["NOUMEA", "POYA"],
        ["code_ape"] = ["6201Z", "62.01Z", "1071C", "63.11Z"],
        ["province"] = ["Province Sud", "Nord", "Îles Loyauté"],
        ["code_formjur"] = ["5499", "9999"],
        ["libelle_formjur"] = ["SARL", "Autre"],
        ["forme_juridique"] = ["SARL", "5499", "XYZ"],
        ["annee_creation"] = ["2012", "1850", "0", "99999999999", "-5", "2 012"],
        ["tranche_effectif"] = ["01", "nn", "NN", "99"],
        ["code_postal"] = ["98800", "98859", "abc"],
        ["site_web"] = ["https://www.cagousoft.nc", "javascript:alert(1)", "www"],
        ["courriel"] = ["contact@cagousoft.nc", "pas-un-courriel"],
        ["telephones"] = ["27 12 34|78 12 34", "+687 271234", "1|2|3|4|5|6"],
        ["langues"] = ["fr|en", "drn", "xx"],
    };

    private static readonly string[] Flags = ["oui", "non", "x", "O", "peut-être", "VRAI"];

    /// <summary>Characters a hostile or damaged file may hold (no separator: the CSV test keeps the header's delimiter detectable).</summary>
    private const string Nasty = "aZ09 -_.'\"|/\\\t\r\n\0\u0001\u001f\u007f\u00a0\u200b\u2028\ufeff\ufffdéÎœ€\ud83d\ude00\ud800";

    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public void Any_template_or_register_row_maps_to_values_or_a_reason_never_an_exception()
    {
        var mapper = new ImportRowMapper(TaxonomyCatalog.Default, Limits);
        var columns = Required.Concat(Optional).ToArray();
        var rows = Gen.Select(Row(columns, Nasty + ";,"), Row(RegisterColumns, Nasty + ";,"));

        rows.Sample((gabarit, register) =>
        {
            Assert.True(Sound(mapper.MapGabarit(ImportRow.Read(2, gabarit, Limits), [.. gabarit.Keys])));
            Assert.True(Sound(mapper.MapRegister(ImportRow.Read(2, register, Limits))));
        }, iter: 2_000, threads: 1);
    }

    [Fact]
    public async Task Any_csv_of_template_rows_gets_one_report_line_per_row_never_an_exception()
    {
        var files = Gen.SelectMany(Gen.Shuffle(Optional, 0, Optional.Length), Gen.Int[1, 6],
            (optional, count) => Row([.. Required, .. optional], Nasty).Array[count].Select(rows => (Headers: (string[])[.. Required, .. optional], Rows: rows)));

        await files.SampleAsync(async file =>
        {
            var report = await ImportAsync(Csv(file.Headers, file.Rows));

            Assert.Null(report.FileError);
            Assert.Equal(file.Rows.Count(r => !r.Values.All(string.IsNullOrWhiteSpace)), report.Rows.Count);
            Assert.All(report.Rows, line =>
            {
                Assert.True(Enum.IsDefined(line.Outcome));
                Assert.True(line.Outcome is not (ImportOutcome.Rejected or ImportOutcome.Skipped) || !string.IsNullOrWhiteSpace(line.Reason));
                Assert.True((line.Name?.Length ?? 0) <= Limits.MaxEchoedLength + 1, "The name the report repeats is cut.");
            });
        }, iter: 60, threads: 1);
    }

    [Fact]
    public async Task Any_workbook_of_template_rows_gets_one_report_line_per_row_never_an_exception()
    {
        var files = Gen.SelectMany(Gen.Shuffle(Optional, 0, Optional.Length), Gen.Int[1, 6],
            (optional, count) => Row([.. Required, .. optional], Nasty + ";,").Array[count].Select(rows => (Headers: (string[])[.. Required, .. optional], Rows: rows)));

        await files.SampleAsync(async file =>
        {
            var report = await ImportAsync(Workbook(file.Headers, file.Rows), "proprietes.xlsx");

            Assert.Null(report.FileError);
            Assert.Equal(file.Rows.Count(r => !r.Values.All(string.IsNullOrWhiteSpace)), report.Rows.Count);
            Assert.All(report.Rows, line => Assert.True(line.Outcome is not (ImportOutcome.Rejected or ImportOutcome.Skipped) || !string.IsNullOrWhiteSpace(line.Reason)));
        }, iter: 40, threads: 1);
    }

    [Fact]
    public async Task Any_damaged_workbook_gets_a_report_or_a_message_never_an_exception()
    {
        var parts = new[] { "xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "_rels/.rels" };
        var damage = Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], Gen.Int[0, 3], Gen.Char["<>/=\"' abcrtisv0123456789:AZ_"].Array[0, 12].Select(chars => new string(chars))).Array[1, 6];
        var cases = Gen.Select(Gen.OneOf(parts), damage);

        await cases.SampleAsync(async c =>
        {
            var (part, edits) = c;
            var report = await ImportAsync(DamagedWorkbook(part, edits), "abime.xlsx");

            Assert.True(report.FileError is not null || report.Rows.Count > 0);
        }, iter: 150, threads: 1);
    }

    /// <summary>A two-row workbook with <paramref name="part"/>'s XML cut, repeated or spliced at random places.</summary>
    private static byte[] DamagedWorkbook(string part, (int At, int Length, int Kind, string Text)[] edits)
    {
        var original = ImportLimitsTests.Workbook(sheet =>
        {
            ImportLimitsTests.Row(sheet, 1, "ridet", "raison_sociale", "activite_principale", "commune");
            ImportLimitsTests.Row(sheet, 2, "1234567", "Cagou Logiciels", "A0405", "98818");
        });
        using var source = new System.IO.Compression.ZipArchive(new MemoryStream(original));
        using var damaged = new MemoryStream();
        using (var target = new System.IO.Compression.ZipArchive(damaged, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                var text = reader.ReadToEnd();
                if (entry.FullName == part)
                {
                    foreach (var (at, length, kind, insert) in edits)
                    {
                        var start = at % (text.Length + 1);
                        var count = Math.Min(length % 40, text.Length - start);
                        text = kind switch
                        {
                            0 => text.Remove(start, count),
                            1 => text.Insert(start, text.Substring(start, count)),
                            _ => text.Insert(start, insert),
                        };
                    }
                }
                using var writer = new StreamWriter(target.CreateEntry(entry.FullName).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }
        return damaged.ToArray();
    }

    private static bool Sound(MappedRow mapped) =>
        mapped.Outcome is null ? mapped.Ridet is not null : !string.IsNullOrWhiteSpace(mapped.Reason);

    /// <summary>A row over <paramref name="columns"/>, each one left out now and then (a missing column).</summary>
    private static Gen<Dictionary<string, string>> Row(string[] columns, string alphabet) =>
        columns.Aggregate(Gen.Const(ImmutableList<(string Column, string? Value)>.Empty),
                (row, column) => Gen.Select(row, Cell(column, alphabet), (cells, value) => cells.Add((column, value))))
            .Select(cells => cells.Where(c => c.Value is not null).ToDictionary(c => c.Column, c => c.Value!, StringComparer.Ordinal));

    /// <summary>A plausible value, random characters (a few, or up to the cell limit), blank, or null for a missing column.</summary>
    private static Gen<string?> Cell(string column, string alphabet)
    {
        var random = Gen.Char[alphabet];
        var plausible = Plausible.GetValueOrDefault(column) ?? (ImportRowMapper.GabaritFlags.Any(f => f.Column == column) ? Flags : ["Texte ordinaire"]);
        return Gen.Frequency(
            (4, Gen.OneOf<string?>(plausible)),
            (3, random.Array[0, 40].Select(chars => (string?)new string(chars))),
            (1, random.Array[100, Limits.MaxCellLength].Select(chars => (string?)new string(chars))),
            (1, Gen.OneOf<string?>("", " ", "\t", null)));
    }

    private static byte[] Csv(string[] headers, Dictionary<string, string>[] rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";" }))
        {
            foreach (var header in headers)
            {
                csv.WriteField(header);
            }
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var header in headers)
                {
                    csv.WriteField(row.GetValueOrDefault(header) ?? string.Empty, shouldQuote: true);
                }
                csv.NextRecord();
            }
        }
        return new UTF8Encoding(false).GetBytes(text.ToString());
    }

    /// <summary>The rows as inline strings; what XML cannot hold written as Excel does (<c>_x0001_</c>).</summary>
    private static byte[] Workbook(string[] headers, Dictionary<string, string>[] rows) =>
        ImportLimitsTests.Workbook(sheet =>
        {
            ImportLimitsTests.Row(sheet, 1, headers);
            for (var i = 0; i < rows.Length; i++)
            {
                ImportLimitsTests.Row(sheet, i + 2, [.. headers.Select(h => Excel(rows[i].GetValueOrDefault(h) ?? string.Empty))]);
            }
        });

    private static string Excel(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pair)
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (c is < ' ' and not ('\t' or '\n' or '\r') || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                builder.Append(CultureInfo.InvariantCulture, $"_x{(int)c:X4}_");
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private async Task<ImportReport> ImportAsync(byte[] content, string fileName = "proprietes.csv")
    {
        await using var db = _database.Context();
        var service = new ImportService(db, TaxonomyCatalog.Default, new CompanyValidator(TaxonomyCatalog.Default, _database.Clock), _database.Lifecycle(db));
        using var stream = new MemoryStream(content);
        return await service.ImportAsync(stream, fileName, new ImportOptions(), cancellationToken: TestContext.Current.CancellationToken);
    }
}
