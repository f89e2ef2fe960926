using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace AnnuaireFiliere.Core.Import;

/// <summary>
/// A row of an import file: its number in the file (header = 1) and its cells by normalized header; the first cell
/// longer than <see cref="ImportLimitsOptions.MaxCellLength"/>, if any (its value is then cut).
/// </summary>
internal sealed record ImportRow(int Number, IReadOnlyDictionary<string, string> Cells)
{
    public (string Column, int Length)? TooLong { get; init; }

    /// <summary>
    /// A row as read from a file: broken characters (a lone surrogate, which Excel's <c>_xD800_</c> can encode)
    /// replaced by U+FFFD, the first cell over the length limit noted and every such cell cut (they reach no company).
    /// </summary>
    public static ImportRow Read(int number, Dictionary<string, string> cells, ImportLimitsOptions limits)
    {
        (string, int)? tooLong = null;
        foreach (var (header, value) in cells.ToList())
        {
            if (value.Length > limits.MaxCellLength)
            {
                tooLong ??= (header, value.Length);
                cells[header] = ImportText.Cut(ImportText.WellFormed(value), limits.MaxEchoedLength)!;
            }
            else
            {
                cells[header] = ImportText.WellFormed(value);
            }
        }
        return new ImportRow(number, cells) { TooLong = tooLong };
    }

    public string? this[string column] =>
        Cells.TryGetValue(column, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}

/// <summary>A file refused as a whole; the message is for people, in French.</summary>
internal sealed class ImportFileException(string message) : Exception(message);

/// <summary>Reads a CSV (<c>;</c> or <c>,</c>, UTF-8 with or without BOM) or XLSX file as a header and rows, streaming.</summary>
internal sealed class ImportTable
{
    private readonly IEnumerable<ImportRow> _rows;

    private ImportTable(IReadOnlyList<string> headers, IEnumerable<ImportRow> rows)
    {
        Headers = headers;
        _rows = rows;
    }

    /// <summary>Normalized headers: lower case, no accents, <c>_</c> for spaces, dashes and apostrophes.</summary>
    public IReadOnlyList<string> Headers { get; }

    public IEnumerable<ImportRow> Rows => _rows;

    /// <summary>
    /// Opens a seekable stream; throws <see cref="ImportFileException"/> when it is not a readable table or goes
    /// beyond <paramref name="limits"/> (checked on the whole file before the first row is given).
    /// </summary>
    public static ImportTable Open(Stream stream, string? fileName, ImportLimitsOptions limits)
    {
        var start = new byte[4];
        var read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        if (read == 0)
        {
            throw new ImportFileException(ImportMessages.EmptyFile);
        }
        var isZip = read == 4 && start[0] == 'P' && start[1] == 'K' && start[2] == 3 && start[3] == 4;
        var saysXlsx = fileName?.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) == true;
        if (saysXlsx && !isZip)
        {
            throw new ImportFileException(ImportMessages.XlsxNotZip);
        }
        return isZip ? OpenXlsx(stream, limits) : OpenCsv(stream, limits);
    }

    private static StreamReader Utf8Reader(Stream stream) =>
        new(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 65536, leaveOpen: true);

    private static ImportTable OpenCsv(Stream stream, ImportLimitsOptions limits)
    {
        string delimiter;
        try
        {
            using var scan = Utf8Reader(stream);
            delimiter = CsvGuard.Check(scan, limits);
        }
        catch (DecoderFallbackException)
        {
            throw new ImportFileException(ImportMessages.NotText);
        }
        stream.Position = 0;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            BadDataFound = null,
            MissingFieldFound = null,
            // Already checked by the guard; kept so the parser's own buffer can never outgrow it.
            MaxFieldSize = limits.MaxRowLength,
        };
        var csv = new CsvReader(Utf8Reader(stream), config);
        string[] headers;
        try
        {
            if (!csv.Read())
            {
                throw new ImportFileException(ImportMessages.EmptyFile);
            }
            headers = csv.Parser.Record ?? [];
        }
        catch (DecoderFallbackException)
        {
            throw new ImportFileException(ImportMessages.NotText);
        }
        if (headers.Any(h => h.Any(c => char.IsControl(c) && c is not '\t')))
        {
            throw new ImportFileException(ImportMessages.NotText);
        }
        if (headers.Length > limits.MaxColumns)
        {
            throw new ImportFileException(string.Format(CultureInfo.InvariantCulture, ImportMessages.TooManyColumns, limits.MaxColumns, 1));
        }
        var normalized = headers.Select(NormalizeHeader).ToList();
        return new ImportTable(normalized, CsvRows(csv, normalized, limits));
    }

    private static IEnumerable<ImportRow> CsvRows(CsvReader csv, List<string> headers, ImportLimitsOptions limits)
    {
        using (csv)
        {
            while (true)
            {
                try
                {
                    if (!csv.Read())
                    {
                        yield break;
                    }
                }
                catch (DecoderFallbackException)
                {
                    throw new ImportFileException(ImportMessages.NotText);
                }
                catch (MaxFieldSizeException)
                {
                    throw new ImportFileException(string.Format(CultureInfo.InvariantCulture, ImportMessages.RowTooLong, csv.Parser.Row, limits.MaxRowLength));
                }
                var record = csv.Parser.Record ?? [];
                if (record.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                var cells = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < headers.Count && i < record.Length; i++)
                {
                    cells.TryAdd(headers[i], record[i]);
                }
                yield return ImportRow.Read(csv.Parser.Row, cells, limits);
            }
        }
    }

    private static ImportTable OpenXlsx(Stream stream, ImportLimitsOptions limits)
    {
        WorkbookGuard.Check(stream, limits);
        IEnumerator<IDictionary<string, object?>> rows;
        List<(string Column, string Header)> headers;
        try
        {
            rows = MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>().GetEnumerator();
            if (!rows.MoveNext())
            {
                throw new ImportFileException(ImportMessages.EmptyFile);
            }
            headers = [.. rows.Current.Where(cell => !string.IsNullOrWhiteSpace(Text(cell.Value)))
                .Select(cell => (cell.Key, NormalizeHeader(Text(cell.Value))))];
        }
        catch (ImportFileException)
        {
            throw;
        }
        catch (Exception unreadable) when (IsUnreadableWorkbook(unreadable))
        {
            throw new ImportFileException(ImportMessages.XlsxUnreadable);
        }
        if (headers.Count > limits.MaxColumns)
        {
            throw new ImportFileException(string.Format(CultureInfo.InvariantCulture, ImportMessages.TooManyColumns, limits.MaxColumns, 1));
        }
        return new ImportTable([.. headers.Select(h => h.Header)], XlsxRows(rows, headers, limits));
    }

    private static IEnumerable<ImportRow> XlsxRows(IEnumerator<IDictionary<string, object?>> rows, List<(string Column, string Header)> headers, ImportLimitsOptions limits)
    {
        using (rows)
        {
            var number = 1;
            while (MoveNext(rows))
            {
                number++;
                var cells = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (column, header) in headers)
                {
                    cells.TryAdd(header, rows.Current.TryGetValue(column, out var value) ? Text(value) : string.Empty);
                }
                if (cells.Values.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                yield return ImportRow.Read(number, cells, limits);
            }
        }
    }

    private static bool MoveNext(IEnumerator<IDictionary<string, object?>> rows)
    {
        try
        {
            return rows.MoveNext();
        }
        catch (Exception unreadable) when (IsUnreadableWorkbook(unreadable))
        {
            throw new ImportFileException(ImportMessages.XlsxUnreadable);
        }
    }

    internal static bool IsUnreadableWorkbook(Exception exception) =>
        exception is InvalidDataException or IOException or InvalidOperationException or FormatException or System.Xml.XmlException
            // A stream that seeks outside itself (ASP.NET Core's upload streams) when the archive's directory is damaged.
            or ArgumentOutOfRangeException;

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        bool b => b ? "oui" : "non",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    public static string NormalizeHeader(string header)
    {
        var text = ImportText.Fold(ImportText.WellFormed(header).Trim().TrimStart('\uFEFF'));
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsLetterOrDigit(c) ? c : '_');
        }
        return builder.ToString().Trim('_');
    }
}

internal static class ImportText
{
    /// <summary>A value as the report repeats it: at most <paramref name="length"/> characters, then "…" (a pair never split).</summary>
    public static string? Cut(string? value, int length) =>
        value is null || value.Length <= length ? value
        : string.Concat(value.AsSpan(0, char.IsHighSurrogate(value[length - 1]) ? length - 1 : length), "…");

    /// <summary>
    /// The text with every lone surrogate replaced by U+FFFD (Unicode normalization refuses them) and without NUL
    /// characters (they mean nothing in a cell, and PostgreSQL's text refuses them).
    /// </summary>
    public static string WellFormed(string text)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            text = text.Replace("\0", string.Empty, StringComparison.Ordinal);
        }
        var first = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (first < 0)
        {
            return text;
        }
        var chars = text.ToCharArray();
        for (var i = first; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }
        return new string(chars);
    }

    /// <summary>Lower case without accents (for headers, commune names and labels).</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Folded words only (<c>L'Île-des-Pins</c> → <c>ile des pins</c>, the leading article dropped).</summary>
    public static string Words(string text)
    {
        var words = System.Text.RegularExpressions.Regex.Split(Fold(text), "[^a-z0-9]+").Where(w => w.Length > 0).ToList();
        if (words.Count > 1 && words[0] is "l" or "le" or "la" or "les")
        {
            words.RemoveAt(0);
        }
        return string.Join(' ', words);
    }
}
