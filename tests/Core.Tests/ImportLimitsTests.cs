using System.IO.Compression;
using System.Text;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Import;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Tests;

/// <summary>
/// Hostile files (issue #15, finding 1): what a file expands to, its rows, columns and cells are bounded, and what
/// the report echoes is cut. The files are made here, streamed, so that the compressed ones stay small. This class
/// runs alone (no other test allocating at the same time), so the process's allocation count measures the import.
/// </summary>
[Collection(ImportAllocationMeasures.Name)]
public sealed class ImportLimitsTests : IAsyncLifetime
{
    /// <summary>What reading a refused file may allocate: far below the hundreds of megabytes the file expands to.</summary>
    private const long AllocationBudget = 200L * 1024 * 1024;

    private const string TemplateHeader = "ridet;raison_sociale;activite_principale;commune";

    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_hand_built_workbook_is_read_so_the_refusals_below_are_about_their_size()
    {
        var file = Workbook(sheet =>
        {
            Row(sheet, 1, "ridet", "raison_sociale", "activite_principale", "commune");
            Row(sheet, 2, "1234567", "Cagou Logiciels", "A0405", "98818");
        });

        var report = await ImportAsync(file, "recensement.xlsx");

        Assert.Null(report.FileError);
        Assert.Equal(ImportOutcome.Created, Assert.Single(report.Rows).Outcome);
    }

    [Fact]
    public async Task A_workbook_expanding_to_hundreds_of_megabytes_is_refused_before_it_is_read()
    {
        // One inline-string cell of 200 million characters: about 200 KB compressed.
        var file = Workbook(sheet =>
        {
            Row(sheet, 1, "ridet", "raison_sociale", "activite_principale", "commune");
            sheet.Write("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>");
            Repeat(sheet, 'A', 200_000_000);
            sheet.Write("</t></is></c></row>");
        });
        Assert.True(file.Length < 1024 * 1024, $"The test file should stay small ({file.Length} bytes).");

        var (report, allocated) = await MeasuredImportAsync(file, "bombe.xlsx");

        Assert.Contains("décompressé", report.FileError, StringComparison.Ordinal);
        Assert.Contains("Mo", report.FileError, StringComparison.Ordinal);
        Assert.Empty(report.Rows);
        Assert.True(allocated < AllocationBudget, $"Refusing the file allocated {allocated / (1024 * 1024)} MB.");
    }

    [Fact]
    public async Task A_workbook_whose_zip_entries_understate_their_size_is_refused_without_reading_it_all()
    {
        var honest = Workbook(sheet =>
        {
            Row(sheet, 1, "ridet", "raison_sociale", "activite_principale", "commune");
            sheet.Write("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>");
            Repeat(sheet, 'A', 50_000_000);
            sheet.Write("</t></is></c></row>");
        });
        var lying = DeclareSize(honest, "xl/worksheets/sheet1.xml", 4096);

        var (report, allocated) = await MeasuredImportAsync(lying, "menteur.xlsx");

        Assert.False(string.IsNullOrEmpty(report.FileError));
        Assert.Empty(report.Rows);
        Assert.True(allocated < AllocationBudget, $"Refusing the file allocated {allocated / (1024 * 1024)} MB.");
    }

    [Fact]
    public async Task A_csv_line_of_megabytes_is_refused_with_its_line_number()
    {
        var file = new MemoryStream();
        await using (var writer = new StreamWriter(file, new UTF8Encoding(false), leaveOpen: true))
        {
            await writer.WriteLineAsync(TemplateHeader);
            await writer.WriteLineAsync("1234567;Cagou Logiciels;A0405;98818");
            Repeat(writer, 'x', 30_000_000);
            await writer.WriteLineAsync();
        }

        var (report, allocated) = await MeasuredImportAsync(file.ToArray(), "ligne.csv");

        Assert.Contains("ligne 3", report.FileError, StringComparison.Ordinal);
        Assert.Contains("caractères", report.FileError, StringComparison.Ordinal);
        Assert.True(allocated < AllocationBudget, $"Refusing the file allocated {allocated / (1024 * 1024)} MB.");
    }

    [Fact]
    public async Task A_cell_longer_than_any_field_of_the_template_rejects_its_row_and_the_others_go_on()
    {
        var notes = new string('n', 4001);
        var file = Csv(TemplateHeader + ";notes", $"1234567;Cagou Logiciels;A0405;98818;{notes}", "7654321;Lagon Data;A0405;98818;courte");

        var report = await ImportAsync(file, "recensement.csv");

        Assert.Null(report.FileError);
        Assert.Equal([ImportOutcome.Rejected, ImportOutcome.Created], report.Rows.Select(r => r.Outcome));
        Assert.Equal("La colonne « notes » dépasse 4000 caractères (4001) : la ligne n'est pas importée.", report.Rows[0].Reason);
        Assert.Equal("Cagou Logiciels", report.Rows[0].Name);
    }

    [Fact]
    public async Task A_long_workbook_cell_rejects_its_row()
    {
        var file = Workbook(sheet =>
        {
            Row(sheet, 1, "ridet", "raison_sociale", "activite_principale", "commune", "description");
            Row(sheet, 2, "1234567", "Cagou Logiciels", "A0405", "98818", new string('d', 10_000));
            Row(sheet, 3, "7654321", "Lagon Data", "A0405", "98818", "courte");
        });

        var report = await ImportAsync(file, "recensement.xlsx");

        Assert.Null(report.FileError);
        Assert.Equal([ImportOutcome.Rejected, ImportOutcome.Created], report.Rows.Select(r => r.Outcome));
        Assert.Contains("« description » dépasse 4000 caractères (10000)", report.Rows[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_echoed_in_the_report_are_cut_to_200_characters()
    {
        var commune = new string('c', 3000);
        var name = new string('N', 300);
        var file = Csv(TemplateHeader, $"1234567;{name};A0405;{commune}");

        var report = await ImportAsync(file, "recensement.csv");

        var row = Assert.Single(report.Rows);
        Assert.Equal(ImportOutcome.Rejected, row.Outcome);
        Assert.Equal($"Commune inconnue : « {new string('c', 200)}… ».", row.Reason);
        Assert.Equal(new string('N', 200) + "…", row.Name);
    }

    [Fact]
    public async Task Many_short_texts_outside_the_rows_are_not_counted_as_one_long_text()
    {
        // 2,000 comments of 100 characters: 200,000 characters in one part, none of them long.
        var comments = string.Concat(Enumerable.Range(0, 2000).Select(i => $"<comment ref=\"A{i + 1}\"><text><t>{new string('c', 100)}</t></text></comment>"));
        var file = Workbook(sheet =>
            {
                Row(sheet, 1, "ridet", "raison_sociale", "activite_principale", "commune");
                Row(sheet, 2, "1234567", "Cagou Logiciels", "A0405", "98818");
            },
            ("xl/comments1.xml", $"""<?xml version="1.0" encoding="UTF-8"?><comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><commentList>{comments}</commentList></comments>"""));

        var report = await ImportAsync(file, "commentaires.xlsx");

        Assert.Null(report.FileError);
        Assert.Equal(ImportOutcome.Created, Assert.Single(report.Rows).Outcome);
    }

    [Fact]
    public async Task A_workbook_with_a_cell_in_its_last_column_is_refused_for_too_many_columns()
    {
        // Without the check, every row would carry 16,384 columns.
        var file = Workbook(sheet =>
        {
            Row(sheet, 1, "ridet", "raison_sociale", "activite_principale", "commune");
            sheet.Write("<row r=\"2\"><c r=\"XFD2\" t=\"inlineStr\"><is><t>x</t></is></c></row>");
        });

        var report = await ImportAsync(file, "large.xlsx");

        Assert.Contains("colonnes", report.FileError, StringComparison.Ordinal);
        Assert.Empty(report.Rows);
    }

    [Fact]
    public async Task A_workbook_row_numbered_beyond_the_row_limit_is_refused()
    {
        // Without the check, the reader would fill the million rows in between.
        var file = Workbook(sheet =>
        {
            Row(sheet, 1, "ridet", "raison_sociale", "activite_principale", "commune");
            Row(sheet, 1_000_000, "1234567", "Cagou Logiciels", "A0405", "98818");
        });

        var report = await ImportAsync(file, "loin.xlsx");

        Assert.Contains("lignes", report.FileError, StringComparison.Ordinal);
        Assert.Empty(report.Rows);
        await using var db = _database.Context();
        Assert.Equal(0, await db.Companies.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Too_many_csv_rows_refuse_the_file_before_anything_is_written()
    {
        var file = Csv(TemplateHeader, "1111111;Un;A0405;98818", "", "2222222;Deux;A0405;98818", "3333333;Trois;A0405;98818");

        var report = await ImportAsync(file, "recensement.csv", new ImportLimitsOptions { MaxRows = 2 });
        var blankLinesDoNotCount = await ImportAsync(Csv(TemplateHeader, "1111111;Un;A0405;98818", "", "", "2222222;Deux;A0405;98818"), "recensement.csv", new ImportLimitsOptions { MaxRows = 2 });

        Assert.Equal("Le fichier compte plus de 2 lignes : découpez-le en plusieurs fichiers.", report.FileError);
        Assert.Empty(report.Rows);
        Assert.Null(blankLinesDoNotCount.FileError);
        await using var db = _database.Context();
        Assert.Equal(["Deux", "Un"], await db.Companies.Select(c => c.LegalName).OrderBy(n => n).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_quote_never_closed_is_refused_instead_of_swallowing_the_file()
    {
        var lines = Enumerable.Range(0, 2000).Select(i => $"{1000000 + i};Société {i};A0405;98818").Prepend("1234567;\"Cagou Logiciels;A0405;98818");

        var report = await ImportAsync(Csv([TemplateHeader, .. lines]), "recensement.csv", new ImportLimitsOptions { MaxRowLength = 10_000 });

        Assert.Equal("La ligne 2 dépasse 10000 caractères : le fichier est refusé (cellule démesurée, ou guillemet jamais refermé ?).", report.FileError);
    }

    [Fact]
    public async Task A_csv_header_with_too_many_columns_is_refused()
    {
        var header = TemplateHeader + string.Concat(Enumerable.Range(0, 10).Select(i => $";extra{i}"));

        var report = await ImportAsync(Csv(header, "1234567;Cagou Logiciels;A0405;98818"), "large.csv", new ImportLimitsOptions { MaxColumns = 10 });

        Assert.Equal("Le fichier compte plus de 10 colonnes (ligne 1) : seules les colonnes du gabarit ou de l'extrait du RIDET sont attendues.", report.FileError);
    }

    private async Task<(ImportReport Report, long Allocated)> MeasuredImportAsync(byte[] content, string fileName)
    {
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var report = await ImportAsync(content, fileName);
        return (report, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    private async Task<ImportReport> ImportAsync(byte[] content, string fileName, ImportLimitsOptions? limits = null)
    {
        await using var db = _database.Context();
        var service = new ImportService(db, TaxonomyCatalog.Default, new CompanyValidator(TaxonomyCatalog.Default, _database.Clock), _database.Lifecycle(db),
            Microsoft.Extensions.Options.Options.Create(limits ?? new ImportLimitsOptions()));
        using var stream = new MemoryStream(content);
        return await service.ImportAsync(stream, fileName, new ImportOptions { DryRun = false }, cancellationToken: TestContext.Current.CancellationToken);
    }

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    /// <summary>A minimal XLSX package (one sheet of inline strings) whose sheet data the caller streams.</summary>
    internal static byte[] Workbook(Action<TextWriter> sheetData, params (string Name, string Content)[] otherParts)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(archive, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Part(archive, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part(archive, "xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Part(archive, "xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            foreach (var (name, content) in otherParts)
            {
                Part(archive, name, content);
            }
            using var sheet = new StreamWriter(archive.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
            sheet.Write("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
            sheetData(sheet);
            sheet.Write("</sheetData></worksheet>");
        }
        return zip.ToArray();
    }

    internal static void Row(TextWriter sheet, int number, params string[] cells)
    {
        sheet.Write($"<row r=\"{number}\">");
        for (var i = 0; i < cells.Length; i++)
        {
            sheet.Write($"<c r=\"{(char)('A' + i)}{number}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(cells[i])}</t></is></c>");
        }
        sheet.Write("</row>");
    }

    internal static void Repeat(TextWriter writer, char c, int count)
    {
        var chunk = new string(c, 64 * 1024);
        for (var left = count; left > 0; left -= chunk.Length)
        {
            writer.Write(chunk.AsSpan(0, Math.Min(left, chunk.Length)));
        }
    }

    private static void Part(ZipArchive archive, string name, string content)
    {
        using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }

    /// <summary>The same zip whose local and central headers claim <paramref name="size"/> bytes for the entry.</summary>
    private static byte[] DeclareSize(byte[] zip, string entry, uint size)
    {
        var bytes = (byte[])zip.Clone();
        var name = Encoding.ASCII.GetBytes(entry);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BitConverter.ToUInt32(bytes, i);
            var (nameOffset, sizeOffset) = signature switch
            {
                0x04034b50 => (30, 22),
                0x02014b50 => (46, 24),
                _ => (0, 0),
            };
            if (nameOffset > 0 && i + nameOffset + name.Length <= bytes.Length && bytes.AsSpan(i + nameOffset, name.Length).SequenceEqual(name))
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + sizeOffset, 4), size);
            }
        }
        return bytes;
    }
}

/// <summary>The allocation measures need the process to themselves.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ImportAllocationMeasures
{
    public const string Name = "Import limits (allocation measured)";
}
