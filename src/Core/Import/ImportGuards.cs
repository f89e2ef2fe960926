using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace AnnuaireFiliere.Core.Import;

/// <summary>
/// Checks a workbook against <see cref="ImportLimitsOptions"/> before the XLSX reader touches it: the sizes its zip
/// entries declare, then its XML parts read through a stream that stops at the declared size (an entry may lie),
/// with text counted in chunks (never held whole): rows, columns, and the characters of a row or shared text.
/// </summary>
internal static class WorkbookGuard
{
    private const string SpreadsheetNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const long Megabyte = 1024 * 1024;

    public static void Check(Stream stream, ImportLimitsOptions limits)
    {
        try
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var entries = archive.Entries;
            if (entries.Count > limits.MaxWorkbookEntries)
            {
                throw new ImportFileException(Format(ImportMessages.WorkbookTooManyParts, entries.Count, limits.MaxWorkbookEntries));
            }
            var declared = 0L;
            foreach (var entry in entries)
            {
                // A zip64 size above long.MaxValue reads as negative.
                declared = entry.Length < 0 || entry.Length > long.MaxValue - declared ? long.MaxValue : declared + entry.Length;
            }
            if (declared > limits.MaxWorkbookBytes)
            {
                throw new ImportFileException(Format(ImportMessages.WorkbookTooLarge, (declared + Megabyte - 1) / Megabyte, limits.MaxWorkbookBytes / Megabyte));
            }
            foreach (var entry in entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || e.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)))
            {
                using var content = new DeclaredSizeStream(entry.Open(), entry.Length);
                CheckXml(content, limits);
            }
        }
        catch (Exception unreadable) when (ImportTable.IsUnreadableWorkbook(unreadable))
        {
            throw new ImportFileException(ImportMessages.XlsxUnreadable);
        }
        finally
        {
            stream.Position = 0;
        }
    }

    private static void CheckXml(Stream content, ImportLimitsOptions limits)
    {
        var settings = new XmlReaderSettings
        {
            // No DTD, so no entity expansion; the parts Excel writes never have one.
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        };
        using var xml = XmlReader.Create(content, settings);
        var chunk = new char[8192];
        var lastRow = limits.MaxRows + 1;
        var rows = 0;
        var row = 0;
        var column = 0;
        var inRow = false;
        var inSharedText = false;
        // Characters of the current row, of the current shared text (<si>: its runs together), or of any other element.
        var characters = 0L;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && !inRow && !inSharedText)
            {
                characters = 0;
            }
            switch (xml.NodeType)
            {
                case XmlNodeType.Element when xml.NamespaceURI == SpreadsheetNamespace:
                    switch (xml.LocalName)
                    {
                        case "dimension" when Cell(xml.GetAttribute("ref")?.Split(':')[^1]) is var (lastColumn, endRow):
                            Within(lastColumn, endRow, endRow, limits);
                            break;
                        case "row":
                            rows++;
                            row = int.TryParse(xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : row + 1;
                            if (rows > lastRow || row > lastRow)
                            {
                                throw new ImportFileException(Format(ImportMessages.TooManyRows, limits.MaxRows));
                            }
                            column = 0;
                            inRow = !xml.IsEmptyElement;
                            break;
                        case "c":
                            column = Cell(xml.GetAttribute("r")) is var (index, _) ? index : column + 1;
                            Within(column, row, 0, limits);
                            break;
                        case "si":
                            inSharedText = !xml.IsEmptyElement;
                            break;
                    }
                    break;
                case XmlNodeType.EndElement when xml.NamespaceURI == SpreadsheetNamespace && xml.LocalName is "row" or "si":
                    inRow = false;
                    inSharedText = false;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    int read;
                    while ((read = xml.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                    {
                        characters += read;
                        if (characters > limits.MaxRowLength)
                        {
                            throw new ImportFileException(inRow
                                ? Format(ImportMessages.RowTooLong, row, limits.MaxRowLength)
                                : Format(ImportMessages.SharedTextTooLong, limits.MaxRowLength));
                        }
                    }
                    break;
            }
        }
    }

    private static void Within(int column, int row, int lastRow, ImportLimitsOptions limits)
    {
        if (column > limits.MaxColumns)
        {
            throw new ImportFileException(Format(ImportMessages.TooManyColumns, limits.MaxColumns, row));
        }
        if (lastRow > limits.MaxRows + 1)
        {
            throw new ImportFileException(Format(ImportMessages.TooManyRows, limits.MaxRows));
        }
    }

    /// <summary>An A1 reference as (column, row), 1-based; null when it is not one.</summary>
    private static (int Column, int Row)? Cell(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }
        var column = 0L;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]) && column <= int.MaxValue; i++)
        {
            column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        }
        if (i == 0 || column > int.MaxValue)
        {
            return i == 0 ? null : (int.MaxValue, 0);
        }
        var row = long.TryParse(reference.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? Math.Min(r, int.MaxValue) : 0;
        return ((int)column, (int)row);
    }

    private static string Format(string template, params object[] values) =>
        string.Format(CultureInfo.InvariantCulture, template, values);
}

/// <summary>
/// Checks a CSV before it is parsed: every record (a line, or several when a quoted field holds line breaks) within
/// <see cref="ImportLimitsOptions.MaxRowLength"/> characters, and at most <see cref="ImportLimitsOptions.MaxRows"/>
/// of them after the header. Reads in chunks: nothing grows with the file. Returns the delimiter, the header's
/// (<c>;</c> unless it has more commas): guessed from the whole text, it failed on cells written on several lines.
/// </summary>
internal static class CsvGuard
{
    public static string Check(TextReader reader, ImportLimitsOptions limits)
    {
        var semicolons = 0;
        var commas = 0;
        var buffer = new char[16 * 1024];
        var records = 0L;
        var line = 1L;
        var recordLine = 1L;
        var length = 0L;
        var fieldStart = true;
        var quoted = false;
        var inQuotes = false;
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            foreach (var c in buffer.AsSpan(0, read))
            {
                if (c == '\n')
                {
                    line++;
                }
                if (c is '\n' or '\r' && !inQuotes)
                {
                    // Blank lines are skipped, as the parser does.
                    if (length > 0)
                    {
                        Count(ref records, limits);
                    }
                    length = 0;
                    fieldStart = true;
                    quoted = false;
                    continue;
                }
                if (length == 0)
                {
                    recordLine = line;
                }
                if (++length > limits.MaxRowLength)
                {
                    throw new ImportFileException(string.Format(CultureInfo.InvariantCulture, ImportMessages.RowTooLong, recordLine, limits.MaxRowLength));
                }
                if (c == '"' && (fieldStart || quoted))
                {
                    // A field opened by a quote: each quote toggles (a doubled quote is an escaped one).
                    quoted = true;
                    inQuotes = !inQuotes;
                }
                else if (c is ';' or ',' && !inQuotes)
                {
                    if (records == 0 && c == ';')
                    {
                        semicolons++;
                    }
                    else if (records == 0)
                    {
                        commas++;
                    }
                    fieldStart = true;
                    quoted = false;
                    continue;
                }
                fieldStart = false;
            }
        }
        if (length > 0)
        {
            Count(ref records, limits);
        }
        return commas > semicolons ? "," : ";";
    }

    private static void Count(ref long records, ImportLimitsOptions limits)
    {
        if (++records > limits.MaxRows + 1L)
        {
            throw new ImportFileException(string.Format(CultureInfo.InvariantCulture, ImportMessages.TooManyRows, limits.MaxRows));
        }
    }
}

/// <summary>A zip entry's content that may not exceed the size its headers declare.</summary>
internal sealed class DeclaredSizeStream(Stream inner, long declared) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // One byte more than declared is enough to know it lies.
        var wanted = (int)Math.Min(buffer.Length, Math.Max(0, declared - _read) + 1);
        var read = inner.Read(buffer[..wanted]);
        _read += read;
        return _read > declared ? throw new ImportFileException(ImportMessages.WorkbookSizeMismatch) : read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
