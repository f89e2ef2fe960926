using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace AnnuaireFiliere.Web.Infrastructure;

/// <summary>
/// The site's CSV downloads: RFC 4180 UTF-8, or, for French Excel, <c>;</c>-separated with a byte order mark
/// (what it opens correctly by a double click). Cells a spreadsheet would take for a formula (<c>=</c>, <c>+</c>,
/// <c>-</c>, <c>@</c>) are escaped.
/// </summary>
internal static class CsvFile
{
    public static byte[] Write(IEnumerable<IEnumerable<string?>> lines, bool excel)
    {
        ArgumentNullException.ThrowIfNull(lines);
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: excel)))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = excel ? ";" : ",", InjectionOptions = InjectionOptions.Escape }))
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
    public static CsvWriter Writer(TextWriter writer) =>
        new(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape });
}
