using System.Text;
using AnnuaireFiliere.Web.Infrastructure;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>What a spreadsheet opening the site's CSV files would take for a formula, and what it would not.</summary>
public sealed class CsvFileTests
{
    private static string Written(string cell, bool excel) =>
        Encoding.UTF8.GetString(CsvFile.Write([[cell]], excel)).TrimStart('\uFEFF').TrimEnd('\r', '\n');

    [Theory]
    [InlineData("=HYPERLINK(\"https://exemple.com\";\"clic\")")]
    [InlineData("@SUM(A1:A9)")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("-2+3+cmd|' /C calc'!A0")]
    [InlineData("=1+1")]
    public void Cells_that_could_start_a_formula_are_escaped(string cell)
    {
        foreach (var excel in new[] { true, false })
        {
            var written = Written(cell, excel).Trim('"');
            Assert.StartsWith("'", written, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("+687 27 12 34")]
    [InlineData("+33 (0)1 23 45 67 89")]
    [InlineData("-12,5")]
    [InlineData("27.12.34")]
    public void Numbers_and_phone_numbers_are_written_as_they_are(string cell)
    {
        Assert.Equal(cell, Written(cell, excel: true).Trim('"'));
        Assert.Equal(cell, Written(cell, excel: false).Trim('"'));
    }
}
