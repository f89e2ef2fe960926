using AnnuaireFiliere.Core.Data;
using System.Text;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Import;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace AnnuaireFiliere.Core.Tests;

public sealed class ImportTests : IAsyncLifetime
{
    private const string Header = "ridet;raison_sociale;nom_commercial;activite_principale;activites_secondaires;commune;code_postal;site_web;telephones;b2b";
    private const string CagouRow = "1234567.001;Cagou Logiciels SARL;Cagou Soft;A0405;A0501;98818;98800;https://www.cagousoft.nc;27 12 34;oui";
    private const string NiaouliRow = "0876543;Niaouli Numérique SAS;;62.02A;;Koné;98859;;;non";

    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Template_csv_with_semicolons_creates_published_companies_with_their_fields()
    {
        var report = await ImportAsync(Csv(Header, CagouRow, NiaouliRow));

        Assert.Null(report.FileError);
        Assert.Equal(ImportFormat.Gabarit, report.Format);
        Assert.Equal([ImportOutcome.Created, ImportOutcome.Created], report.Rows.Select(r => r.Outcome));
        Assert.Equal([2, 3], report.Rows.Select(r => r.Row));
        await using var db = _database.Context();
        var cagou = await db.Companies.Include(c => c.SecondaryActivities).SingleAsync(c => c.LegalName == "Cagou Logiciels SARL", TestContext.Current.CancellationToken);
        Assert.Equal(PublicationStatus.Published, cagou.Status);
        Assert.Equal("1234567.001", cagou.Ridet.ToString());
        Assert.Equal("Cagou Soft", cagou.TradeName);
        Assert.Equal("98818", cagou.CommuneCode);
        Assert.Equal(["A0501"], cagou.SecondaryActivities.Select(a => a.ActivityCode));
        Assert.Equal(["271234"], cagou.Phones);
        Assert.True(cagou.ECommerce.B2B);
        Assert.Equal(["sud"], cagou.ServiceArea.ProvinceCodes);
        var niaouli = await db.Companies.SingleAsync(c => c.LegalName == "Niaouli Numérique SAS", TestContext.Current.CancellationToken);
        Assert.Equal("98811", niaouli.CommuneCode);
        Assert.Equal("A0501", niaouli.PrimaryActivityCode);
        Assert.Equal(2, await db.IndexingTasks.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_ridet_several_companies_hold_is_a_report_line_not_a_failure()
    {
        // A database from before one company per RIDET (docs/adr/0020), as if its migration had not run yet.
        await using (var db = _database.Context())
        {
            await db.Database.ExecuteSqlRawAsync("""DROP INDEX "IX_Companies_Ridet"; CREATE INDEX "IX_Companies_Ridet" ON "Companies" ("Ridet");""", TestContext.Current.CancellationToken);
            var (first, second) = (SampleCompanies.Valid("cagou-web"), SampleCompanies.Valid("cagou-web-bis"));
            second.Ridet = first.Ridet;
            db.Companies.AddRange(first, second);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var report = await ImportAsync(Csv(Header, CagouRow, NiaouliRow));

        Assert.Null(report.FileError);
        Assert.Equal([ImportOutcome.Rejected, ImportOutcome.Created], report.Rows.Select(r => r.Outcome));
        Assert.Equal("RIDET 1234567.001 porté par plusieurs entreprises de l'annuaire (cagou-web, cagou-web-bis) : à régler en modération avant d'importer cette ligne.",
            report.Rows[0].Reason);
    }

    [Fact]
    public async Task A_ridet_taken_while_the_import_runs_is_a_report_line_not_a_failure()
    {
        // A member gives another company the RIDET of the file's first row just before the import creates it.
        await using (var db = _database.Context())
        {
            db.Companies.Add(SampleCompanies.Valid("plus-rapide"));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            await db.Database.ExecuteSqlRawAsync(_database.Provider == DatabaseProvider.PostgreSql
                ? """
                  CREATE FUNCTION taken_meanwhile() RETURNS trigger LANGUAGE plpgsql AS $$
                  BEGIN UPDATE "Companies" SET "Ridet" = '1234567.001' WHERE "Slug" = 'plus-rapide'; RETURN NEW; END $$;
                  CREATE TRIGGER taken_meanwhile BEFORE INSERT ON "Companies" FOR EACH ROW WHEN (NEW."Ridet" = '1234567.001') EXECUTE FUNCTION taken_meanwhile();
                  """
                : """
                  CREATE TRIGGER taken_meanwhile BEFORE INSERT ON Companies WHEN NEW.Ridet = '1234567.001'
                  BEGIN UPDATE Companies SET Ridet = '1234567.001' WHERE Slug = 'plus-rapide'; END;
                  """, TestContext.Current.CancellationToken);
        }

        var report = await ImportAsync(Csv(Header, CagouRow, NiaouliRow));

        Assert.Null(report.FileError);
        Assert.Equal([ImportOutcome.Rejected, ImportOutcome.Rejected], report.Rows.Select(r => r.Outcome));
        Assert.All(report.Rows, r => Assert.Equal("RIDET pris par une autre fiche pendant l'import : cette ligne n'est pas créée, relancez l'import.", r.Reason));
        await using var check = _database.Context();
        Assert.Equal(["plus-rapide"], await check.Companies.Select(c => c.Slug).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Template_csv_with_commas_and_a_bom_is_read_the_same()
    {
        var text = "\uFEFF" + "RIDET,Raison Sociale,Activité principale,Commune\n1234567,Cagou Logiciels,A0405,NOUMÉA\n";

        var report = await ImportAsync(Encoding.UTF8.GetBytes(text));

        Assert.Null(report.FileError);
        Assert.Equal(ImportOutcome.Created, Assert.Single(report.Rows).Outcome);
    }

    [Fact]
    public async Task Descriptions_written_on_many_lines_keep_the_header_s_delimiter()
    {
        // Excel's "CSV UTF-8" quotes a cell written on several lines. Guessing the delimiter from the first 4 KB of
        // text, cut inside such a cell, gave "," and refused the file for unknown headers.
        var description = string.Concat(Enumerable.Repeat("Une ligne.\n", 300)).TrimEnd();
        var report = await ImportAsync(Csv("ridet;raison_sociale;activite_principale;commune;description",
            $"1234567;Cagou Logiciels;A0405;98818;\"{description}\"", $"7654321;Lagon Data;A0405;98818;\"{description}\""));

        Assert.Null(report.FileError);
        Assert.Equal([ImportOutcome.Created, ImportOutcome.Created], report.Rows.Select(r => r.Outcome));
        await using var db = _database.Context();
        Assert.All(await db.Companies.ToListAsync(TestContext.Current.CancellationToken), c => Assert.Equal(description, c.DescriptionFr));
    }

    [Fact]
    public async Task A_broken_character_in_a_workbook_is_replaced_instead_of_failing_the_import()
    {
        // Excel writes characters XML cannot hold as _xHHHH_; a lone surrogate decoded that way broke the text folding.
        var file = ImportLimitsTests.Workbook(sheet =>
        {
            ImportLimitsTests.Row(sheet, 1, "ridet", "raison_sociale", "activite_principale", "commune_xD800_");
            ImportLimitsTests.Row(sheet, 2, "1234567", "Cagou_xD800_ Logiciels", "A0405", "98818");
            ImportLimitsTests.Row(sheet, 3, "7654321", "Lagon Data", "A0405", "Nou_xDC00_méa");
        });

        var report = await ImportAsync(file, "recensement.xlsx");

        Assert.Null(report.FileError);
        Assert.Equal([ImportOutcome.Created, ImportOutcome.Rejected], report.Rows.Select(r => r.Outcome));
        Assert.Equal("Commune inconnue : « Nou\uFFFDméa ».", report.Rows[1].Reason);
        await using var db = _database.Context();
        Assert.Equal("Cagou\uFFFD Logiciels", (await db.Companies.SingleAsync(TestContext.Current.CancellationToken)).LegalName);
    }

    [Fact]
    public async Task Template_xlsx_made_with_miniexcel_is_read()
    {
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(new[]
        {
            new Dictionary<string, object> { ["ridet"] = "1234567", ["raison_sociale"] = "Cagou Logiciels", ["activite_principale"] = "A0405", ["commune"] = "Nouméa", ["annee_creation"] = 2012 },
            new Dictionary<string, object> { ["ridet"] = "7654321", ["raison_sociale"] = "Lagon Data", ["activite_principale"] = "A0999", ["commune"] = "Dumbéa", ["annee_creation"] = 2020 },
        }, excelType: ExcelType.XLSX, cancellationToken: TestContext.Current.CancellationToken);

        var report = await ImportAsync(stream.ToArray(), "recensement.xlsx");

        Assert.Null(report.FileError);
        Assert.Equal([ImportOutcome.Created, ImportOutcome.Rejected], report.Rows.Select(r => r.Outcome));
        Assert.Equal(3, report.Rows[1].Row);
        Assert.Contains("Activité hors typologie", report.Rows[1].Reason, StringComparison.Ordinal);
        await using var db = _database.Context();
        Assert.Equal(2012, (await db.Companies.SingleAsync(TestContext.Current.CancellationToken)).FoundingYear);
    }

    [Fact]
    public async Task A_stream_that_cannot_seek_is_read_like_an_upload()
    {
        using var xlsx = new MemoryStream();
        await xlsx.SaveAsAsync(new[] { new Dictionary<string, object> { ["ridet"] = "1234567", ["raison_sociale"] = "Cagou Logiciels", ["activite_principale"] = "A0405", ["commune"] = "98818" } },
            excelType: ExcelType.XLSX, cancellationToken: TestContext.Current.CancellationToken);
        using var compressed = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionMode.Compress, leaveOpen: true))
        {
            await gzip.WriteAsync(xlsx.ToArray(), TestContext.Current.CancellationToken);
        }
        compressed.Position = 0;
        await using var upload = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionMode.Decompress);
        Assert.False(upload.CanSeek);

        await using var db = _database.Context();
        var report = await new ImportService(db, TaxonomyCatalog.Default, new CompanyValidator(TaxonomyCatalog.Default, _database.Clock), _database.Lifecycle(db))
            .ImportAsync(upload, "recensement.xlsx", new ImportOptions(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Null(report.FileError);
        Assert.Equal(ImportOutcome.Created, Assert.Single(report.Rows).Outcome);
    }

    [Theory]
    [InlineData("12AB;Société;A0405;98818", "RIDET invalide")]
    [InlineData(";Société;A0405;98818", "RIDET manquant")]
    [InlineData("1234567;Société;A0405;Atlantis", "Commune inconnue : « Atlantis »")]
    [InlineData("1234567;Société;;98818", "Activité hors typologie")]
    [InlineData("1234567;Société;01.11Z;98818", "Activité hors typologie : « 01.11Z »")]
    [InlineData("1234567;;A0405;98818", "Fiche invalide")]
    public async Task A_bad_row_is_rejected_with_its_reason_and_the_others_go_on(string badRow, string reason)
    {
        var report = await ImportAsync(Csv("ridet;raison_sociale;activite_principale;commune", badRow, "7654321;Bonne Société;A0405;98818"));

        Assert.Equal(ImportOutcome.Rejected, report.Rows[0].Outcome);
        Assert.Contains(reason, report.Rows[0].Reason, StringComparison.Ordinal);
        Assert.Equal(ImportOutcome.Created, report.Rows[1].Outcome);
    }

    [Fact]
    public async Task Validation_errors_and_duplicate_rows_are_rejected()
    {
        var report = await ImportAsync(Csv("ridet;raison_sociale;activite_principale;commune;code_postal;courriel;forme_juridique;tranche_effectif;annee_creation;b2c",
            "1111111;Mauvais Code Postal;A0405;98818;98859;;;;;",
            "2222222;Mauvais Courriel;A0405;98818;;pas-un-courriel;;;;",
            "3333333;Forme Inconnue;A0405;98818;;;XYZ;;;",
            "4444444;Tranche Inconnue;A0405;98818;;;;99;;",
            "5555555;Année Invalide;A0405;98818;;;;;deux mille;",
            "6666666;Oui Non Invalide;A0405;98818;;;;;;peut-être",
            "7777777;Première;A0405;98818;;;;;;",
            "7777777.002;Seconde du même RID;A0405;98818;;;;;;"));

        Assert.All(report.Rows.Take(6), r => Assert.Equal(ImportOutcome.Rejected, r.Outcome));
        Assert.StartsWith("Fiche invalide", report.Rows[0].Reason, StringComparison.Ordinal);
        Assert.StartsWith("Fiche invalide", report.Rows[1].Reason, StringComparison.Ordinal);
        Assert.Contains("Forme juridique inconnue", report.Rows[2].Reason, StringComparison.Ordinal);
        Assert.Contains("Tranche d'effectif inconnue", report.Rows[3].Reason, StringComparison.Ordinal);
        Assert.Contains("Année de création invalide", report.Rows[4].Reason, StringComparison.Ordinal);
        Assert.Contains("oui/non", report.Rows[5].Reason, StringComparison.Ordinal);
        Assert.Equal(ImportOutcome.Created, report.Rows[6].Outcome);
        Assert.Equal(ImportOutcome.Rejected, report.Rows[7].Outcome);
        Assert.Equal("RIDET 7777777 en double dans le fichier (déjà ligne 8).", report.Rows[7].Reason);
        await using var db = _database.Context();
        Assert.Equal(1, await db.Companies.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Dry_run_reports_the_same_and_writes_nothing()
    {
        var file = Csv(Header, CagouRow, NiaouliRow, "bad;Société;A0405;98818;;;;;");

        var dry = await ImportAsync(file, options: new ImportOptions { DryRun = true });
        await using (var db = _database.Context())
        {
            Assert.Equal(0, await db.Companies.CountAsync(TestContext.Current.CancellationToken));
            Assert.Equal(0, await db.IndexingTasks.CountAsync(TestContext.Current.CancellationToken));
        }
        var real = await ImportAsync(file);

        Assert.Equal(real.Rows, dry.Rows);
    }

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing_the_second_time()
    {
        var file = Csv(Header, CagouRow, NiaouliRow);
        await ImportAsync(file);
        await using var before = _database.Context();
        var versions = await before.Companies.Select(c => c.Version).ToListAsync(TestContext.Current.CancellationToken);

        var again = await ImportAsync(file, options: new ImportOptions { BatchSize = 1 });

        Assert.All(again.Rows, r => Assert.Equal(ImportOutcome.Unchanged, r.Outcome));
        await using var after = _database.Context();
        Assert.Equal(versions, await after.Companies.Select(c => c.Version).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, await after.Companies.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_field_an_owner_edited_is_kept_and_the_others_follow_the_file()
    {
        await ImportAsync(Csv(Header, CagouRow));
        await using (var db = _database.Context())
        {
            var company = await db.Companies.SingleAsync(TestContext.Current.CancellationToken);
            company.TradeName = "Cagou Soft & Co";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var changed = CagouRow.Replace("Cagou Soft", "Cagou Software", StringComparison.Ordinal).Replace("A0501", "A0501|A0601", StringComparison.Ordinal);
        var report = await ImportAsync(Csv(Header, changed));

        var row = Assert.Single(report.Rows);
        Assert.Equal(ImportOutcome.Updated, row.Outcome);
        Assert.Contains("Champs conservés", row.Reason, StringComparison.Ordinal);
        await using var check = _database.Context();
        var after = await check.Companies.Include(c => c.SecondaryActivities).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal("Cagou Soft & Co", after.TradeName);
        Assert.Equal(["A0501", "A0601"], after.SecondaryActivities.Select(a => a.ActivityCode).Order());
        Assert.Equal(ImportOutcome.Unchanged, Assert.Single((await ImportAsync(Csv(Header, changed))).Rows).Outcome);

        // The history: the creation by the import, then the import's update of the one field it could change
        // (the unchanged third import adds nothing).
        var history = await check.CompanyChanges.OrderBy(h => h.At).ThenBy(h => h.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([ChangeKind.Imported, ChangeKind.Imported], history.Select(h => h.Kind));
        Assert.All(history, h => Assert.Equal(("import", ChangeNote.ImportedFile("fichier.csv"), null), (h.Actor, h.Note, h.Reason)));
        Assert.Contains(history[0].FieldChanges, f => f is { Field: "tradeName", Before: null, After: "Cagou Soft" });
        var update = Assert.Single(history[1].FieldChanges);
        Assert.Equal(new FieldChange("secondaryActivities", "A0501", "A0501, A0601"), update);
    }

    [Fact]
    public async Task Register_extract_keeps_only_the_typology_and_maps_activities_by_naf_code()
    {
        var file = Csv("RID7;Dénomination;code_formjur;libelle_formjur;Code_APE;code_commune;libelle_commune;province;colonne_inconnue",
            "1122334;TRAME NUMERIQUE;5499;SARL;6201Z;98818;NOUMEA;Province Sud;x",
            "3344556;BOULANGERIE DU PORT;5499;SARL;1071C;98818;NOUMEA;Province Sud;x",
            "5566778;HEBERGEMENT POYA SUD;9999;Autre;63.11Z;;POYA;Province Sud;x",
            "6677889;SANS COMMUNE;5499;SARL;6311Z;;ATLANTIS;;x");

        var report = await ImportAsync(file);

        Assert.Equal(ImportFormat.Ridet, report.Format);
        Assert.Equal([ImportOutcome.Created, ImportOutcome.Skipped, ImportOutcome.Created, ImportOutcome.Rejected], report.Rows.Select(r => r.Outcome));
        await using var db = _database.Context();
        var trame = await db.Companies.SingleAsync(c => c.LegalName == "TRAME NUMERIQUE", TestContext.Current.CancellationToken);
        Assert.Equal(TaxonomyCatalog.Default.ActivitiesForNaf("62.01Z")[0].Code, trame.PrimaryActivityCode);
        Assert.Equal("SARL", trame.LegalFormCode);
        var poya = await db.Companies.SingleAsync(c => c.LegalName == "HEBERGEMENT POYA SUD", TestContext.Current.CancellationToken);
        Assert.Equal("98827", poya.CommuneCode);
        Assert.Equal(["sud"], poya.ServiceArea.ProvinceCodes);
        Assert.Null(poya.LegalFormCode);
        Assert.All((await ImportAsync(file)).Rows.Where(r => r.Outcome != ImportOutcome.Skipped && r.Outcome != ImportOutcome.Rejected),
            r => Assert.Equal(ImportOutcome.Unchanged, r.Outcome));
    }

    [Theory]
    [InlineData("", null, "vide")]
    [InlineData("nom;prenom\nDupont;Jean\n", null, "En-têtes non reconnus")]
    [InlineData("raison_sociale;commune\nSociété;98818\n", null, "ridet, activite_principale")]
    [InlineData("rid7;denomination\n1234567;X\n", null, "code_ape, code_commune")]
    [InlineData("pas un classeur", "fichier.xlsx", "n'est pas un classeur Excel")]
    public async Task A_malformed_file_is_refused_with_a_message_naming_the_problem(string content, string? fileName, string message)
    {
        var report = await ImportAsync(Encoding.UTF8.GetBytes(content), fileName ?? "fichier.csv");

        Assert.Contains(message, report.FileError, StringComparison.Ordinal);
        Assert.Empty(report.Rows);
    }

    [Fact]
    public async Task A_truncated_workbook_is_refused_with_a_message()
    {
        var report = await ImportAsync([0x50, 0x4B, 3, 4, 0, 0, 0xFF, 0x13], "faux.xlsx");

        Assert.False(string.IsNullOrEmpty(report.FileError));
        Assert.Empty(report.Rows);
    }

    [Fact]
    public async Task Binary_garbage_is_refused_as_not_a_table()
    {
        var garbage = new byte[2000];
        new Random(7).NextBytes(garbage);
        garbage[0] = 0xFF;

        var report = await ImportAsync(garbage, "donnees.csv");

        Assert.Contains("ni un CSV en UTF-8 ni un classeur XLSX", report.FileError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zip_that_is_not_a_workbook_is_refused()
    {
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = await archive.CreateEntry("lisez-moi.txt").OpenAsync(TestContext.Current.CancellationToken);
            await entry.WriteAsync("bonjour"u8.ToArray(), TestContext.Current.CancellationToken);
        }

        var report = await ImportAsync(zip.ToArray(), "classeur.xlsx");

        Assert.Contains("XLSX", report.FileError, StringComparison.Ordinal);
    }

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    private async Task<ImportReport> ImportAsync(byte[] content, string fileName = "fichier.csv", ImportOptions? options = null)
    {
        await using var db = _database.Context();
        var service = new ImportService(db, TaxonomyCatalog.Default, new CompanyValidator(TaxonomyCatalog.Default, _database.Clock), _database.Lifecycle(db));
        using var stream = new MemoryStream(content);
        var report = await service.ImportAsync(stream, fileName, options ?? new ImportOptions(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(stream.CanRead, "The caller's stream stays open: the caller owns it.");
        return report;
    }
}
