using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace AnnuaireFiliere.Web.Infrastructure;

/// <summary>
/// The site's CSV downloads: RFC 4180 UTF-8, or, for French Excel, <c>;</c>-separated with a byte order mark
/// (what it opens correctly by a double click). Cells a spreadsheet would take for a formula (<c>=</c>, <c>+</c>,
/// <c>-</c>, <c>@</c>) are escaped, except plain numbers and phone numbers ("+687 27 12 34", "-12,5"): made of
/// digits, spaces and <c>+ - . , ( )</c> only, they can call no function and reach no cell, and an apostrophe in
/// front of every phone number is what buyers complained about.
/// </summary>
internal static class CsvFile
{
    public static byte[] Write(IEnumerable<IEnumerable<string?>> lines, bool excel)
    {
        ArgumentNullException.ThrowIfNull(lines);
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: excel)))
        using (var csv = new SafeWriter(writer, Configuration(excel ? ";" : ",")))
        {
            foreach (var line in lines)
            {
                foreach (var field in line)
                {
                    csv.WriteField(field);
                }
                csv.NextRecord();
            }
        }
        return stream.ToArray();
    }

    /// <summary>A streaming RFC 4180 UTF-8 writer (no byte order mark), for files too large to build in memory.</summary>
    public static CsvWriter Writer(TextWriter writer) => new SafeWriter(writer, Configuration(","));

    private static CsvConfiguration Configuration(string delimiter) =>
        new(CultureInfo.InvariantCulture) { Delimiter = delimiter, InjectionOptions = InjectionOptions.None };

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>The cell with an apostrophe in front when a spreadsheet could take it for a formula (OWASP's advice).</summary>
    internal static string? Neutralised(string? field) =>
        field is { Length: > 0 } && FormulaStarts.Contains(field[0]) && !IsPlainNumber(field) ? "'" + field : field;

    /// <summary>True for a cell made only of digits, spaces and <c>+ - . , ( )</c>: a number or a phone number.</summary>
    internal static bool IsPlainNumber(string field) =>
        field.Any(char.IsAsciiDigit) && field.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '.' or ',' or '(' or ')');

    private sealed class SafeWriter(TextWriter writer, CsvConfiguration configuration) : CsvWriter(writer, configuration)
    {
        public override void WriteField(string? field) => base.WriteField(Neutralised(field));

        public override void WriteField(string? field, bool shouldQuote) => base.WriteField(Neutralised(field), shouldQuote);
    }
}
